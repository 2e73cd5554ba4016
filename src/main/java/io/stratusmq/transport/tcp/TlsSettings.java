package io.stratusmq.transport.tcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * MQTT over TLS on TCP: {@code stratus.tls.*}. Certificates come from the Quarkus TLS registry
 * ({@code quarkus.tls.*}), which also reloads them; WebSocket over TLS (wss) is the HTTP server's TLS.
 */
@ConfigMapping(prefix = "stratus.tls")
public interface TlsSettings {

    /** Who must show a client certificate. */
    enum ClientAuth {
        /** Nobody. */
        NONE,
        /** Asked for; a client without one still connects. */
        REQUEST,
        /** Mutual TLS: no connection without a certificate the trust store accepts. */
        REQUIRED
    }

    /**
     * Port of the MQTT TLS listener; it starts only when the TLS configuration it names exists. 0 turns it off.
     */
    @WithDefault("8883")
    int port();

    /** Name of the TLS configuration in the Quarkus TLS registry; the default configuration when absent. */
    Optional<String> configurationName();

    /** Client certificates: none, request or required. A verified certificate's CN is the client's identity. */
    @WithDefault("none")
    ClientAuth clientAuth();
}
