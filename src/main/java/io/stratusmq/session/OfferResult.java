package io.stratusmq.session;

/** What became of a message offered to a session's queue. */
public enum OfferResult {
    /** Queued; the owner will send it. */
    QUEUED,
    /** Queued, but the queue is past its high-water mark: the publisher should pause until it drains. */
    QUEUED_CONGESTED,
    /** Dropped: the queue is full (counted). */
    DROPPED_QUEUE_FULL,
    /** Dropped: QoS 0 for an offline session, which keeps only QoS 1 and 2 [MQTT-3.1.2-5]. */
    DROPPED_OFFLINE_QOS0
}
