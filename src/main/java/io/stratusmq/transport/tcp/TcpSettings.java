package io.stratusmq.transport.tcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The plain MQTT TCP listener: {@code stratus.tcp.*}. */
@ConfigMapping(prefix = "stratus.tcp")
public interface TcpSettings {

    /** Port of the MQTT TCP listener; 0 turns it off. */
    @WithDefault("1883")
    int port();

    /** Address the TCP listener binds. */
    @WithDefault("0.0.0.0")
    String host();
}
