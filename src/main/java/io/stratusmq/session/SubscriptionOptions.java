package io.stratusmq.session;

/**
 * What a client asked for when it subscribed to one filter [MQTT-3.8.3.1].
 *
 * @param qos the granted maximum QoS
 * @param retainHandling 0 retained messages on every subscribe, 1 only on a new subscription, 2 never
 * @param subscriptionId the 5.0 Subscription Identifier, or 0 for none
 */
public record SubscriptionOptions(int qos, boolean noLocal, boolean retainAsPublished, int retainHandling,
        int subscriptionId) {
}
