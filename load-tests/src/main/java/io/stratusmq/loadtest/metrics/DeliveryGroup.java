package io.stratusmq.loadtest.metrics;

import java.util.List;

/**
 * Subscribers that together should receive every message of some publishers exactly once: a single
 * ordinary subscriber, or all members of one shared subscription.
 *
 * @param members      the members' receive logs
 * @param publisherIds publishers whose messages the group must receive
 */
public record DeliveryGroup(List<ReceiveLogs> members, int[] publisherIds) {
}
