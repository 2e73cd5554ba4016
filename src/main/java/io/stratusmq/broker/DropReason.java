package io.stratusmq.broker;

/** Why a message was not delivered to a subscriber. Each has a counter in {@link BrokerStats}. */
public enum DropReason {
    /** The subscriber's queue was full. */
    QUEUE_FULL,
    /** QoS 0 for an offline session. */
    OFFLINE_QOS0,
    /** The Message Expiry Interval passed before delivery [MQTT-3.3.2-5]. */
    EXPIRED,
    /** Larger than the client's Maximum Packet Size [MQTT-3.1.2-25]. */
    PACKET_TOO_LARGE,
    /** The subscriber may not read the topic. */
    NOT_AUTHORIZED,
    /** The session ended with the message still queued. */
    SESSION_ENDED,
    /** QoS 0 for another node while this node's backlog toward Redis was full. */
    CLUSTER_BACKLOG
}
