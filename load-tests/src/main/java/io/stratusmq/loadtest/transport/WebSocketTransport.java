package io.stratusmq.loadtest.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.impl.WebSocketInternal;

/** MQTT over a WebSocket: every packet goes out as one binary frame. */
final class WebSocketTransport implements Transport {
    private final WebSocket socket;
    private final ChannelHandlerContext channel;

    WebSocketTransport(WebSocket socket) {
        this.socket = socket;
        this.channel = ((WebSocketInternal) socket).channelHandlerContext();
    }

    @Override
    public void write(Buffer packet) {
        socket.writeBinaryMessage(packet, null);
    }

    /**
     * Goes to the Netty pipeline below Vert.x (internal API), whose WebSocket encoder frames and masks it like
     * any other binary frame: Vert.x itself flushes every write.
     */
    @Override
    public void writeDeferred(Buffer packet) {
        channel.write(new BinaryWebSocketFrame(packet.getByteBuf()), channel.voidPromise());
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
