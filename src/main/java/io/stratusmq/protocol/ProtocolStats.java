package io.stratusmq.protocol;

import io.stratusmq.codec.DisconnectReasonCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the protocol layer refused or ended, by reason: the counters behind the limits' metrics. Cheap to bump
 * from any event loop (striped adders); the ops layer reads them when metrics are scraped.
 */
public final class ProtocolStats {

    /** Why a CONNECT was refused. */
    public enum RefusedConnect {
        MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS, CONNECT_RATE, CLIENT_ID_INVALID, CLIENT_ID_TOO_LONG,
        KEEP_ALIVE, WILL_INVALID, BAD_AUTHENTICATION_METHOD, BAD_CREDENTIALS, NOT_AUTHORIZED, SERVER_UNAVAILABLE,
        SERVER_BUSY, MALFORMED, UNSUPPORTED_PROTOCOL_VERSION, DRAINING
    }

    /** Why the server ended a connection (after CONNECT, or instead of one). */
    public enum Closed {
        MALFORMED_PACKET, PROTOCOL_ERROR, PACKET_TOO_LARGE, RECEIVE_MAXIMUM_EXCEEDED, TOPIC_ALIAS_INVALID,
        TOPIC_NAME_INVALID, QOS_NOT_SUPPORTED, RETAIN_NOT_SUPPORTED, PAYLOAD_FORMAT_INVALID, NOT_AUTHORIZED,
        MESSAGE_RATE_TOO_HIGH, QUOTA_EXCEEDED, KEEP_ALIVE_TIMEOUT, CONNECT_TIMEOUT, SLOW_CONSUMER, TOKEN_EXPIRED,
        OTHER;

        /** The counter for a DISCONNECT reason code. */
        static Closed of(DisconnectReasonCode code) {
            try {
                return valueOf(code.name());
            } catch (IllegalArgumentException e) {
                return OTHER;
            }
        }
    }

    /** Why one filter of a SUBSCRIBE was refused. */
    public enum RefusedSubscription {
        QUOTA_EXCEEDED, TOPIC_FILTER_INVALID, NOT_AUTHORIZED, SHARED_NOT_SUPPORTED
    }

    /** Why a PUBLISH was refused (with a negative acknowledgement, or a DISCONNECT for QoS 0). */
    public enum RefusedPublish {
        QUOTA_EXCEEDED, TOPIC_NAME_INVALID, NOT_AUTHORIZED, PAYLOAD_FORMAT_INVALID
    }

    private final Map<RefusedConnect, LongAdder> connects = counters(RefusedConnect.class);
    private final Map<Closed, LongAdder> closed = counters(Closed.class);
    private final Map<RefusedSubscription, LongAdder> subscriptions = counters(RefusedSubscription.class);
    private final Map<RefusedPublish, LongAdder> publishes = counters(RefusedPublish.class);
    private final LongAdder throttled = new LongAdder();

    private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
        Map<E, LongAdder> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, new LongAdder());
        }
        return m;
    }

    public void refused(RefusedConnect reason) {
        connects.get(reason).increment();
    }

    public void closed(Closed reason) {
        closed.get(reason).increment();
    }

    public void refused(RefusedSubscription reason) {
        subscriptions.get(reason).increment();
    }

    public void refused(RefusedPublish reason) {
        publishes.get(reason).increment();
    }

    /** A client was held back because it published faster than its rate. */
    public void throttled() {
        throttled.increment();
    }

    public long count(RefusedConnect reason) {
        return connects.get(reason).sum();
    }

    public long count(Closed reason) {
        return closed.get(reason).sum();
    }

    public long count(RefusedSubscription reason) {
        return subscriptions.get(reason).sum();
    }

    public long count(RefusedPublish reason) {
        return publishes.get(reason).sum();
    }

    public long throttledCount() {
        return throttled.sum();
    }
}
