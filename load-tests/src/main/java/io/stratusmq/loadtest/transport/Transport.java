package io.stratusmq.loadtest.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * A connected byte stream to a broker. MQTT packets are written whole (one WebSocket binary frame per
 * {@link #write} call); received bytes arrive through the handler given at connect time, chunked however
 * the network delivers them.
 *
 * <p>All methods must be called on the event loop that owns the connection.
 */
public interface Transport {

    void write(Buffer packet);

    /** True when the outbound buffer is above its high-water mark; wait for the drain handler. */
    boolean writeQueueFull();

    void drainHandler(Handler<Void> handler);

    Future<Void> close();
}
