package io.stratusmq.limits;

import io.stratusmq.testing.Broker;
import io.stratusmq.testing.RawConnection;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A raw MQTT peer over WebSocket that names its client address in X-Forwarded-For, as an ingress does: with
 * 127.0.0.1 a trusted proxy, the broker counts it under that address. Only a header: nothing is sent to the
 * address itself.
 */
final class ForwardedWebSocket extends RawConnection {

    private final WebSocket ws;

    ForwardedWebSocket(String clientAddress) throws IOException {
        try {
            ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .subprotocols("mqtt").header("X-Forwarded-For", clientAddress)
                    .buildAsync(Broker.wsUri(), new Listener()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("WebSocket connect failed", e);
        }
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        try {
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("send failed", e);
        }
    }

    @Override
    public void close() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            arrived(b);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended();
        }
    }
}
