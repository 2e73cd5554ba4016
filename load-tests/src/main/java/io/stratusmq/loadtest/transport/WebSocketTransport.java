package io.stratusmq.loadtest.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;

/** MQTT over a WebSocket: every packet goes out as one binary frame. */
final class WebSocketTransport implements Transport {
    private final WebSocket socket;

    WebSocketTransport(WebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void write(Buffer packet) {
        socket.writeBinaryMessage(packet, null);
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
        socket.drainHandler(handler);
    }

    @Override
    public Future<Void> close() {
        return socket.close();
    }
}
