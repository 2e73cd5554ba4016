package io.stratusmq.loadtest.metrics;

import java.util.List;

/**
 * Totals over all publishers and groups; see {@link PublisherDelivery} for the meaning of each count.
 *
 * @param unacked  QoS 1/2 messages sent that the broker never acknowledged (neither accepted nor refused)
 * @param rejected QoS 1/2 messages the broker refused (reason code 0x80 or above)
 */
public record DeliveryReport(long sent, long accepted, long expected, long delivered, long lost, long duplicated,
                             long outOfOrder, long unacked, long rejected, List<PublisherDelivery> perPublisher) {
}
