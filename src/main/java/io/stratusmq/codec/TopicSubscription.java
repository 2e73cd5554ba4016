package io.stratusmq.codec;

/**
 * One topic filter of a SUBSCRIBE with its options [MQTT-3.8.3.1]. 3.1 / 3.1.1 carry only the QoS.
 *
 * @param retainHandling 0 send retained on subscribe, 1 only when the subscription is new, 2 never
 */
public record TopicSubscription(String filter, int qos, boolean noLocal, boolean retainAsPublished,
        int retainHandling) {

    public static TopicSubscription of(String filter, int qos) {
        return new TopicSubscription(filter, qos, false, false, 0);
    }
}
