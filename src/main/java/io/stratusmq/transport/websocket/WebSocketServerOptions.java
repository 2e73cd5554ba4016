package io.stratusmq.transport.websocket;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.stratusmq.app.MqttSettings;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The HTTP servers' WebSocket options: the subprotocols the server answers with (the first one the client offers
 * of mqtt and mqttv3.1), and frames well above the largest packet a client may send, so that an oversized packet
 * is refused by the broker with its own reason code (0x95) rather than by a WebSocket close. Frames are not
 * aggregated into messages: the decoder reads the byte stream as it comes.
 */
@ApplicationScoped
public class WebSocketServerOptions implements HttpServerOptionsCustomizer {

    static final List<String> SUBPROTOCOLS = List.of("mqtt", "mqttv3.1");
    private static final long MIN_FRAME = 4L * 1024 * 1024;
    /** The largest MQTT packet there is: 256 MiB of remaining length and a 5-byte fixed header. */
    private static final long MAX_PACKET = 268_435_460L;

    private final int maxFrame;

    WebSocketServerOptions(MqttSettings mqtt) {
        this.maxFrame = (int) Math.min(MAX_PACKET, Math.max(MIN_FRAME, 4L * mqtt.maxPacketSize()));
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        options.setWebSocketSubProtocols(SUBPROTOCOLS);
        options.setMaxWebSocketFrameSize(maxFrame);
        options.setMaxWebSocketMessageSize(maxFrame);
    }
}
