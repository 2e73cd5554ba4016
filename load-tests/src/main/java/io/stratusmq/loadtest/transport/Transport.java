package io.stratusmq.loadtest.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * A connected byte stream to a broker. MQTT packets are written whole (one WebSocket binary frame per
 * {@link #write} or {@link #writeDeferred} call); received bytes arrive through the handler given at connect
 * time, chunked however the network delivers them.
 *
 * <p>All methods must be called on the event loop that owns the connection.
 */
public interface Transport {

    /** Writes one packet; Vert.x flushes it at once, or at the end of the current read when called from one. */
    void write(Buffer packet);

    /**
     * Queues one packet without flushing; {@link #flush()} sends everything queued in one system call. Lets a
     * publisher send a burst of packets (still one WebSocket frame each) for the price of one write.
     */
    void writeDeferred(Buffer packet);

    void flush();

    /** True when the outbound buffer is above its high-water mark; wait for the drain handler. */
    boolean writeQueueFull();

    void drainHandler(Handler<Void> handler);

    Future<Void> close();
}
