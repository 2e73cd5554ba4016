package io.stratusmq.loadtest.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** Plain MQTT over TCP. */
final class TcpTransport implements Transport {
    private final NetSocket socket;

    TcpTransport(NetSocket socket) {
        this.socket = socket;
    }

    @Override
    public void write(Buffer packet) {
        socket.write(packet, null);
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
