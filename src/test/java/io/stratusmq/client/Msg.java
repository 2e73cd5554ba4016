package io.stratusmq.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An application message as a test publishes or receives it, whatever the library. The MQTT 5.0 fields are
 * empty (or null) for 3.1.1 clients; {@code subscriptionIds} is filled only on receipt, by libraries that show
 * it.
 */
record Msg(String topic, byte[] payload, int qos, boolean retain, List<Map.Entry<String, String>> userProperties,
        String responseTopic, byte[] correlationData, Long messageExpiry, List<Integer> subscriptionIds) {

    Msg {
        userProperties = List.copyOf(userProperties);
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    static Msg of(String topic, byte[] payload, int qos) {
        return new Msg(topic, payload, qos, false, List.of(), null, null, null, List.of());
    }

    static Msg of(String topic, String payload, int qos) {
        return of(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    Msg retained() {
        return new Msg(topic, payload, qos, true, userProperties, responseTopic, correlationData, messageExpiry,
                subscriptionIds);
    }

    Msg withUserProperty(String name, String value) {
        List<Map.Entry<String, String>> props = new ArrayList<>(userProperties);
        props.add(Map.entry(name, value));
        return new Msg(topic, payload, qos, retain, props, responseTopic, correlationData, messageExpiry,
                subscriptionIds);
    }

    Msg withResponse(String responseTopic, byte[] correlationData) {
        return new Msg(topic, payload, qos, retain, userProperties, responseTopic, correlationData, messageExpiry,
                subscriptionIds);
    }

    Msg withExpiry(long seconds) {
        return new Msg(topic, payload, qos, retain, userProperties, responseTopic, correlationData, seconds,
                subscriptionIds);
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String body = payload.length <= 40 ? "\"" + text() + "\"" : payload.length + " bytes";
        return "Msg[" + topic + " " + body + " qos " + qos + (retain ? " retained" : "")
                + (userProperties.isEmpty() ? "" : " " + userProperties)
                + (subscriptionIds.isEmpty() ? "" : " subscription ids " + subscriptionIds) + "]";
    }
}
