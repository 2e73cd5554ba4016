package io.stratusmq.transport.websocket;

import io.quarkus.websockets.next.WebSocketConnection;
import io.stratusmq.protocol.Transport;
import io.stratusmq.transport.TrustedProxies;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.Executor;

/**
 * MQTT packets over one WebSocket connection: each flush becomes one binary frame. The client's address is the
 * peer's, or the one a trusted proxy names in X-Forwarded-For. websockets-next offers no
 * way to stop reading, so {@link #pause} is a no-op and flow control relies on not decoding what arrived.
 *
 * <p>Threading: used on the connection's event loop only.
 */
final class WebSocketTransport implements Transport {

    private final WebSocketConnection connection;
    private final Context context;
    private final Executor executor;
    private final String remoteAddress;
    private final String kind;
    private long pendingBytes;
    /** Run once the backlog is down to {@link #whenWrittenMark}; see {@link #whenPendingAtMost}. */
    private Runnable whenWritten;
    private long whenWrittenMark;

    WebSocketTransport(WebSocketConnection connection, Context context, TrustedProxies proxies) {
        this.connection = connection;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        String peer = TrustedProxies.host(connection.handshakeRequest().remoteAddress());
        this.remoteAddress = proxies.clientAddress(peer, connection.handshakeRequest().header("X-Forwarded-For"));
        this.kind = connection.isSecure() ? "wss" : "ws";
    }

    @Override
    public void send(byte[] bytes) {
        int n = bytes.length;
        pendingBytes += n;
        connection.sendBinary(Buffer.buffer(bytes)).subscribe().with(ok -> written(n), failure -> written(n));
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
        if (!connection.isClosed()) {
            connection.close().subscribe().with(ok -> {
            }, failure -> {
            });
        }
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
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

    Context context() {
        return context;
    }
}
