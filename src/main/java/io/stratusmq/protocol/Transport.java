package io.stratusmq.protocol;

import java.util.concurrent.Executor;

/**
 * What a connection's protocol state machine needs from the bytes underneath: a WebSocket or a TCP socket.
 * Every method is called on the connection's event loop and must not block.
 */
public interface Transport {

    /** Writes bytes: one or more whole MQTT packets. The array is handed over and not touched afterwards. */
    void send(byte[] bytes);

    /** Closes the connection; the transport then reports the close to {@link MqttConnection#closed}. */
    void close();

    /**
     * Closes at once, dropping what is not written yet: for a peer that reads nothing, whose close would
     * otherwise wait behind its backlog. The transport then reports the close as for {@link #close}.
     */
    default void abort() {
        close();
    }

    /** The connection's event loop. */
    Executor executor();

    /** Stops reading from the peer (flow control); a transport that cannot may ignore it. */
    void pause();

    /** Reads from the peer again after {@link #pause}. */
    void resume();

    /** Bytes handed to {@link #send} and not yet written to the network. */
    long pendingBytes();

    /**
     * Runs the task on the connection's event loop, never from within this call, once at most {@code bytes}
     * are pending (see {@link #pendingBytes}). One task at a time: a later call replaces an earlier one, and a
     * closed transport drops it.
     */
    default void whenPendingAtMost(long bytes, Runnable task) {
        executor().execute(task);
    }

    /** The peer's address, for logs and limits. */
    String remoteAddress();

    /** "ws", "wss", "tcp" or "tls", for logs and metrics. */
    String kind();

    /** The common name of the client's verified TLS certificate, or null. */
    default String certificateSubject() {
        return null;
    }
}
