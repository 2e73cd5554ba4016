package io.stratusmq.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One real MQTT client library behind the few operations the tests need. Every operation waits for the
 * broker's answer (CONNACK, SUBACK, PUBACK or PUBCOMP) and fails on a refusal; received messages collect in
 * {@link #inbox()} in the order the library handed them over.
 */
interface TestClient extends AutoCloseable {

    Duration TIMEOUT = Duration.ofSeconds(15);

    String clientId();

    Library library();

    /** Connects; returns the Session Present flag of the CONNACK. */
    boolean connect(ConnectOptions options) throws Exception;

    default boolean connect() throws Exception {
        return connect(ConnectOptions.clean());
    }

    /** Subscribes and returns the QoS the broker granted; fails if the broker refused. */
    default int subscribe(String filter, int qos) throws Exception {
        return subscribe(filter, SubscribeOptions.qos(qos));
    }

    /** Subscribes with MQTT 5.0 subscription options; 3.1.1 clients take the QoS only. */
    int subscribe(String filter, SubscribeOptions options) throws Exception;

    /** Unsubscribes and waits for UNSUBACK. */
    void unsubscribe(String filter) throws Exception;

    /** Publishes and waits until the flow for its QoS is complete (at once for QoS 0). */
    void publish(Msg message) throws Exception;

    /** Sends DISCONNECT (normal disconnection) and waits for the connection to close. */
    void disconnect() throws Exception;

    boolean isConnected();

    /**
     * Completes when the connection ends other than by {@link #disconnect()} or {@link #close()}: the broker
     * closed it or sent DISCONNECT.
     */
    CompletableFuture<ConnectionLost> lost();

    /**
     * How a connection ended without the client asking.
     *
     * @param reasonCode the reason code of the broker's DISCONNECT as the library reports it (5.0 libraries), or
     *        null when there was none or the library does not say
     * @param detail what the library reported, for failure messages
     */
    record ConnectionLost(Integer reasonCode, String detail) {
    }

    /** Messages received, in order of arrival. */
    BlockingQueue<Msg> inbox();

    /** The next message received, failing after {@link #TIMEOUT}. */
    default Msg next() throws InterruptedException {
        Msg m = inbox().poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError(clientId() + " (" + library() + ") received no message within " + TIMEOUT);
        }
        return m;
    }

    /** The next {@code n} messages received. */
    default List<Msg> next(int n) throws InterruptedException {
        List<Msg> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** Disconnects if still connected and frees the library's threads. */
    @Override
    void close();
}
