package io.stratusmq.transport;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Proxies in front of the broker: {@code stratus.proxy.*}. */
@ConfigMapping(prefix = "stratus.proxy")
public interface ProxySettings {

    /**
     * Addresses or CIDR blocks of trusted proxies (e.g. {@code 10.0.0.0/8,127.0.0.1}). Only a connection from one
     * of them may name the client's address (X-Forwarded-For on WebSocket, the PROXY protocol on TCP). Empty:
     * nobody is trusted and the socket's peer is the client.
     */
    Optional<List<String>> trusted();
}
