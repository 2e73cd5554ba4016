package io.stratusmq.transport.tcp;

import io.netty.buffer.Unpooled;
import io.stratusmq.protocol.Transport;
import io.stratusmq.transport.Channels;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executor;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/** MQTT packets over one TCP socket (plain or TLS), with real read flow control. Used on the socket's event loop. */
final class TcpTransport implements Transport {

    private final NetSocket socket;
    private final Executor executor;
    private final String remoteAddress;
    private final String certificateSubject;
    private long pendingBytes;
    /** Run once the backlog is down to {@link #whenWrittenMark}; see {@link #whenPendingAtMost}. */
    private Runnable whenWritten;
    private long whenWrittenMark;

    /** @param remoteAddress the client's address: the peer's, or the one the PROXY protocol named */
    TcpTransport(NetSocket socket, Context context, String remoteAddress) {
        this.socket = socket;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.remoteAddress = remoteAddress;
        this.certificateSubject = socket.isSsl() ? commonName(socket) : null;
    }

    @Override
    public void send(byte[] bytes) {
        int n = bytes.length;
        pendingBytes += n;
        socket.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes)), ar -> written(n));
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
        socket.close();
    }

    /**
     * Closes the channel itself, with a reset (SO_LINGER 0) that also frees the kernel's send buffer:
     * NetSocket.close() would first wait for the backlog to be written, which a stuck peer never lets happen.
     */
    @Override
    public void abort() {
        if (socket instanceof NetSocketInternal internal) {
            Channels.reset(internal.channelHandlerContext().channel());
        } else {
            socket.close();
        }
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
        return socket.isSsl() ? "tls" : "tcp";
    }

    @Override
    public String certificateSubject() {
        return certificateSubject;
    }

    /** The CN of a verified client certificate, or null when the client showed none. */
    private static String commonName(NetSocket socket) {
        try {
            List<Certificate> chain = socket.peerCertificates();
            if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate cert)) {
                return null;
            }
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return null;
        }
    }
}
