package io.stratusmq.loadtest.metrics;

/**
 * Delivery outcome for one publisher, summed over every group that expects it.
 *
 * @param expected   deliveries owed: per group, messages sent (QoS 0) or acknowledged by the broker (QoS 1/2)
 * @param delivered  distinct messages delivered (per group)
 * @param lost       owed but never delivered
 * @param duplicated deliveries beyond the first of a message (per group)
 * @param outOfOrder first deliveries that arrived after a higher sequence number (per subscriber)
 */
public record PublisherDelivery(int publisherId, long sent, long accepted, long expected, long delivered,
                                long lost, long duplicated, long outOfOrder) {

    public boolean clean() {
        return lost == 0 && duplicated == 0 && outOfOrder == 0;
    }
}
