package io.stratusmq.session;

import io.stratusmq.routing.TopicFilter;

/** One subscription of a session: the filter (possibly shared) and its options. */
public record Subscription(TopicFilter filter, SubscriptionOptions options) {
}
