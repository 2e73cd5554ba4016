package io.stratusmq.session;

/**
 * One message on its way to one session: the QoS it goes out with (the lower of the published and granted
 * QoS [MQTT-3.8.4-8]), the retain flag it carries, and the identifiers of every matching subscription.
 *
 * @param subscriptionIds identifiers of the matching subscriptions, or null when there are none
 * @param listener told when the client has the message for good or it was abandoned, or null; shared
 *     subscriptions use it to pass an unacknowledged message to another member
 */
public record Delivery(Message message, int qos, boolean retain, int[] subscriptionIds, DeliveryListener listener) {

    public Delivery(Message message, int qos, boolean retain, int[] subscriptionIds) {
        this(message, qos, retain, subscriptionIds, null);
    }

    /** The client acknowledged the message (or it was sent, at QoS 0). */
    public void completed() {
        if (listener != null) {
            listener.completed();
        }
    }

    /** The message will not reach this client: its session ended, or it expired or was dropped. */
    public void abandoned() {
        if (listener != null) {
            listener.abandoned();
        }
    }
}
