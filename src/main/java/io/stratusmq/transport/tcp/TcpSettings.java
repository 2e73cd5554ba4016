package io.stratusmq.transport.tcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The plain MQTT TCP listener: {@code stratus.tcp.*}. */
@ConfigMapping(prefix = "stratus.tcp")
public interface TcpSettings {

    /** Port of the MQTT TCP listener; 0 turns it off. */
    @WithDefault("1883")
    int port();

    /** Address the TCP listeners bind. */
    @WithDefault("0.0.0.0")
    String host();

    /**
     * Expect the PROXY protocol (v1 or v2, as HAProxy and cloud load balancers send it) on the TCP listeners, and
     * take the client's address from it; connections whose real peer is not in {@code stratus.proxy.trusted} are
     * closed.
     */
    @WithDefault("false")
    boolean proxyProtocol();
}
