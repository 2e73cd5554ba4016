package io.stratusmq.transport.websocket;

import io.netty.buffer.Unpooled;
import io.stratusmq.protocol.Transport;
import io.stratusmq.transport.Channels;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.WebSocketInternal;
import java.util.concurrent.Executor;

/**
 * MQTT packets over one WebSocket connection: each flush becomes one binary frame; reading pauses and resumes
 * with the broker's flow control, as on TCP.
 *
 * <p>Threading: used on the connection's event loop only.
 */
final class WebSocketTransport implements Transport {

    private final ServerWebSocket ws;
    private final Executor executor;
    private final String remoteAddress;
    private final String kind;
    private long pendingBytes;
    /** Run once the backlog is down to {@link #whenWrittenMark}; see {@link #whenPendingAtMost}. */
    private Runnable whenWritten;
    private long whenWrittenMark;

    /** @param remoteAddress the client's address: the peer's, or the one a trusted proxy named */
    WebSocketTransport(ServerWebSocket ws, Context context, String remoteAddress, boolean secure) {
        this.ws = ws;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.remoteAddress = remoteAddress;
        this.kind = secure ? "wss" : "ws";
    }

    @Override
    public void send(byte[] bytes) {
        int n = bytes.length;
        pendingBytes += n;
        ws.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes)), ar -> written(n));
    }

    private void written(int n) {
        pendingBytes -= n;
        Runnable task = whenWritten;
        if (task != null && pendingBytes <= whenWrittenMark) {
            whenWritten = null;
            task.run();
        }
    }

    @Override
    public void whenPendingAtMost(long bytes, Runnable task) {
        if (pendingBytes <= bytes) {
            whenWritten = null;
            executor.execute(task);
            return;
        }
        whenWrittenMark = bytes;
        whenWritten = task;
    }

    @Override
    public void close() {
        if (!ws.isClosed()) {
            ws.close();
        }
    }

    /**
     * Closes the channel itself, with a reset (SO_LINGER 0) that also frees the kernel's send buffer: a close
     * frame would queue behind the backlog that a stuck peer never reads.
     */
    @Override
    public void abort() {
        if (ws instanceof WebSocketInternal internal) {
            Channels.reset(internal.channelHandlerContext().channel());
        } else {
            close();
        }
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /**
     * Stops reading the socket at once. (Pausing the WebSocket would only queue whole frames, up to sixteen of
     * the largest frame size, before the socket stops being read.) Frames already read still reach the decoder,
     * where what a held-back client sends is bounded.
     */
    @Override
    public void pause() {
        if (ws instanceof WebSocketInternal internal) {
            internal.channelHandlerContext().channel().config().setAutoRead(false);
        } else {
            ws.pause();
        }
    }

    @Override
    public void resume() {
        if (ws instanceof WebSocketInternal internal) {
            io.netty.channel.Channel channel = internal.channelHandlerContext().channel();
            channel.config().setAutoRead(true);
            channel.read();
        } else {
            ws.resume();
        }
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String kind() {
        return kind;
    }
}
