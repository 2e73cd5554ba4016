package io.stratusmq.client;

/**
 * A subscription's options (MQTT 5 section 3.8.3.1). 3.1.1 clients have the QoS only.
 *
 * @param retainHandling 0: send retained messages on subscribe; 1: only if the subscription is new; 2: never
 */
record SubscribeOptions(int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {

    static SubscribeOptions qos(int qos) {
        return new SubscribeOptions(qos, false, false, 0);
    }

    SubscribeOptions withNoLocal() {
        return new SubscribeOptions(qos, true, retainAsPublished, retainHandling);
    }

    SubscribeOptions withRetainAsPublished() {
        return new SubscribeOptions(qos, noLocal, true, retainHandling);
    }

    SubscribeOptions withRetainHandling(int handling) {
        return new SubscribeOptions(qos, noLocal, retainAsPublished, handling);
    }

    boolean qosOnly() {
        return !noLocal && !retainAsPublished && retainHandling == 0;
    }
}
