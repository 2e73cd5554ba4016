package io.stratusmq.loadtest.transport;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where and how to reach a broker: {@code ws://host:port/path} (MQTT over WebSocket, subprotocol
 * {@code mqtt}) or {@code tcp://host:port} (plain MQTT; {@code mqtt://} is accepted as a synonym).
 * TLS is not supported.
 */
public record BrokerAddress(Kind kind, String host, int port, String path) {

    /** Transport kind. */
    public enum Kind {
        WEBSOCKET("ws"),
        TCP("tcp");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static BrokerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid broker URL '" + url + "': " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL needs a host: " + url);
        }
        return switch (scheme) {
            case "ws" -> new BrokerAddress(Kind.WEBSOCKET, uri.getHost(), portOr(uri, 80),
                    uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mqtt" : uri.getRawPath());
            case "tcp", "mqtt" -> new BrokerAddress(Kind.TCP, uri.getHost(), portOr(uri, 1883), "");
            default -> throw new IllegalArgumentException(
                    "unsupported scheme in '" + url + "' (use ws://host:port/mqtt or tcp://host:port)");
        };
    }

    private static int portOr(URI uri, int fallback) {
        return uri.getPort() == -1 ? fallback : uri.getPort();
    }

    @Override
    public String toString() {
        return kind == Kind.WEBSOCKET ? "ws://" + host + ":" + port + path : "tcp://" + host + ":" + port;
    }
}
