package io.stratusmq.session;

/**
 * One message on its way to one session: the QoS it goes out with (the lower of the published and granted
 * QoS [MQTT-3.8.4-8]), the retain flag it carries, and the identifiers of every matching subscription.
 *
 * @param subscriptionIds identifiers of the matching subscriptions, or null when there are none
 */
public record Delivery(Message message, int qos, boolean retain, int[] subscriptionIds) {
}
