package io.stratusmq.testing;

import java.io.IOException;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** Where the broker under test listens, and raw connections to it. */
public final class Broker {

    private Broker() {
    }

    public static int httpPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    public static int tcpPort() {
        return ConfigProvider.getConfig().getValue("stratus.tcp.port", Integer.class);
    }

    public static URI wsUri() {
        return URI.create("ws://127.0.0.1:" + httpPort() + "/mqtt");
    }

    public static String tcpUri() {
        return "tcp://127.0.0.1:" + tcpPort();
    }

    /** A raw connection over the named transport: "ws" or "tcp". */
    public static RawConnection raw(String transport) throws IOException {
        return switch (transport) {
            case "ws" -> WebSocketRawConnection.mqtt(wsUri());
            case "tcp" -> new TcpRawConnection("127.0.0.1", tcpPort());
            default -> throw new IllegalArgumentException(transport);
        };
    }
}
