package io.stratusmq.session;

import io.stratusmq.codec.PublishProperties;
import java.nio.charset.StandardCharsets;

/**
 * An application message as the broker routes it: topic, payload, QoS and retain flag as published, the 5.0
 * properties that travel with it (without topic alias or subscription identifiers, which belong to one
 * connection), who published it, and when it expires. Immutable and shared by every queue that holds it.
 */
public final class Message {

    /** Marks a message without a Message Expiry Interval. */
    public static final long NEVER = Long.MAX_VALUE;

    private final long origin;
    private final long sequence;
    private final String topic;
    private final byte[] payload;
    private final int qos;
    private final boolean retain;
    private final PublishProperties properties;
    private final String publisherId;
    private final long expiresAtMillis;
    private byte[] topicUtf8;

    /**
     * @param publisherId client id of the publisher, for No Local [MQTT-3.8.3-3]; null for wills of ended
     *     sessions and other messages no subscriber can own
     * @param expiresAtMillis wall-clock time the message expires, or {@link #NEVER}
     */
    public Message(String topic, byte[] payload, int qos, boolean retain, PublishProperties properties,
            String publisherId, long expiresAtMillis) {
        this(0, 0, topic, payload, qos, retain, properties, publisherId, expiresAtMillis);
    }

    /**
     * @param origin the incarnation of the node that accepted the message
     * @param sequence its number there: with {@code origin}, unique in the cluster, so that a store can tell a
     *     message it already queued from a new one
     */
    public Message(long origin, long sequence, String topic, byte[] payload, int qos, boolean retain,
            PublishProperties properties, String publisherId, long expiresAtMillis) {
        this.origin = origin;
        this.sequence = sequence;
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.properties = properties;
        this.publisherId = publisherId;
        this.expiresAtMillis = expiresAtMillis;
    }

    /** The deadline for a Message Expiry Interval received at {@code nowMillis} [MQTT-3.3.2-5]. */
    public static long deadline(Long expiryIntervalSeconds, long nowMillis) {
        return expiryIntervalSeconds == null ? NEVER : nowMillis + expiryIntervalSeconds * 1000;
    }

    public long origin() {
        return origin;
    }

    public long sequence() {
        return sequence;
    }

    /** The cluster-wide id of this message, as stores key it. */
    public String id() {
        return Long.toHexString(origin) + ":" + Long.toHexString(sequence);
    }

    public String topic() {
        return topic;
    }

    /** The topic in UTF-8, computed once and shared by every encode of this message. */
    public byte[] topicUtf8() {
        byte[] t = topicUtf8;
        if (t == null) {
            t = topic.getBytes(StandardCharsets.UTF_8);
            topicUtf8 = t; // benign race: every thread computes the same bytes
        }
        return t;
    }

    public byte[] payload() {
        return payload;
    }

    public int qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    public PublishProperties properties() {
        return properties;
    }

    public String publisherId() {
        return publisherId;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    public boolean isExpired(long nowMillis) {
        return expiresAtMillis != NEVER && nowMillis >= expiresAtMillis;
    }

    /** Seconds left before expiry, for the interval sent on delivery [MQTT-3.3.2-6]; null when none. */
    public Long remainingExpirySeconds(long nowMillis) {
        if (expiresAtMillis == NEVER) {
            return null;
        }
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    /**
     * A will as it is published at {@code nowMillis}: its Message Expiry Interval, held in its properties until
     * then, starts counting now (MQTT 5 section 3.1.3.2.4), however long its connection lived.
     */
    public Message publishedAt(long nowMillis) {
        Long interval = properties.messageExpiryInterval();
        if (interval == null) {
            return this;
        }
        Message m = new Message(topic, payload, qos, retain, properties, publisherId, deadline(interval, nowMillis));
        m.topicUtf8 = topicUtf8;
        return m;
    }

    /** The same message with another retain flag, e.g. for Retain As Published = 0. */
    public Message withRetain(boolean newRetain) {
        if (newRetain == retain) {
            return this;
        }
        Message m = new Message(origin, sequence, topic, payload, qos, newRetain, properties, publisherId,
                expiresAtMillis);
        m.topicUtf8 = topicUtf8;
        return m;
    }

    @Override
    public String toString() {
        return "Message[" + topic + ", qos " + qos + (retain ? ", retained" : "") + ", " + payload.length
                + " bytes]";
    }
}
