package io.stratusmq.transport.tcp;

import io.stratusmq.protocol.Transport;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.Executor;

/** MQTT packets over one TCP socket, with real read flow control. Used on the socket's event loop only. */
final class TcpTransport implements Transport {

    private final NetSocket socket;
    private final Executor executor;
    private final String remoteAddress;
    private long pendingBytes;

    TcpTransport(NetSocket socket, Context context) {
        this.socket = socket;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.remoteAddress = String.valueOf(socket.remoteAddress());
    }

    @Override
    public void send(byte[] bytes) {
        int n = bytes.length;
        pendingBytes += n;
        socket.write(Buffer.buffer(bytes), ar -> pendingBytes -= n);
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void pause() {
        socket.pause();
    }

    @Override
    public void resume() {
        socket.resume();
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
        return "tcp";
    }
}
