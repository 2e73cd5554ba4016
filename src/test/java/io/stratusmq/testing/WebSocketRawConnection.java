package io.stratusmq.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A raw MQTT peer over WebSocket (JDK client), binary frames unless told otherwise. */
public final class WebSocketRawConnection extends RawConnection {

    private final WebSocket ws;
    private volatile int closeCode = -1;

    public WebSocketRawConnection(URI uri, String... subprotocols) throws IOException {
        try {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5));
            if (subprotocols.length > 0) {
                builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1,
                        subprotocols.length));
            }
            ws = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("WebSocket connect to " + uri + " failed", e);
        }
    }

    public static WebSocketRawConnection mqtt(URI uri) throws IOException {
        return new WebSocketRawConnection(uri, "mqtt");
    }

    /** The subprotocol the broker chose. */
    public String subprotocol() {
        return ws.getSubprotocol();
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        try {
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("send failed", e);
        }
    }

    public void sendText(String text) throws IOException {
        try {
            ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("send failed", e);
        }
    }

    public int closeCode() {
        return closeCode;
    }

    @Override
    public void close() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            frame.write(bytes, 0, bytes.length);
            if (last) {
                arrived(frame.toByteArray());
                frame.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            ended();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended();
        }
    }
}
