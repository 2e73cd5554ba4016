package io.stratusmq.loadtest.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

/** Plain MQTT over TCP. */
final class TcpTransport implements Transport {
    private final NetSocket socket;
    private final ChannelHandlerContext channel;

    TcpTransport(NetSocket socket) {
        this.socket = socket;
        this.channel = ((NetSocketInternal) socket).channelHandlerContext();
    }

    @Override
    public void write(Buffer packet) {
        socket.write(packet, null);
    }

    /** Goes to the Netty pipeline below Vert.x (internal API): Vert.x itself flushes every write. */
    @Override
    public void writeDeferred(Buffer packet) {
        channel.write(packet.getByteBuf(), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
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
