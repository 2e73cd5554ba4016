package io.stratusmq.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one subscriber's application received, in arrival order. Route probes (payload "probe-...") are counted
 * apart and left out of everything else.
 */
final class Received {

    /** One message as the application saw it. */
    record Message(String topic, String payload, int qos, boolean retain) {
    }

    private final String name;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> probes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Received(String name) {
        this.name = name;
    }

    void add(Mqtt5Publish p) {
        add(p.getTopic().toString(), new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.getQos().getCode(),
                p.isRetain());
    }

    void add(Mqtt3Publish p) {
        add(p.getTopic().toString(), new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.getQos().getCode(),
                p.isRetain());
    }

    void add(String topic, String payload, int qos, boolean retain) {
        if (payload.startsWith("probe")) {
            probes.add(payload);
        } else {
            messages.add(new Message(topic, payload, qos, retain));
        }
    }

    int probes() {
        return probes.size();
    }

    boolean gotProbe(String payload) {
        return probes.contains(payload);
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    List<String> payloads() {
        return messages.stream().map(Message::payload).toList();
    }

    int size() {
        return messages.size();
    }

    /** How often each payload arrived. */
    Map<String, Long> counts() {
        return messages.stream().collect(Collectors.groupingBy(Message::payload, Collectors.counting()));
    }

    /** Waits until at least {@code n} messages arrived. */
    void awaitAtLeast(int n, Duration timeout) {
        await(name + " receives " + n + " messages").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> messages.size() >= n);
    }

    /** Waits until every payload of {@code expected} arrived at least once; the failure lists what is missing. */
    void awaitAll(java.util.Collection<String> expected, Duration timeout) {
        await(name + " receives all " + expected.size() + " messages").atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(missing(expected)).as(name + ": messages never received").isEmpty());
    }

    /** The payloads expected but never received, for failure messages. */
    List<String> missing(java.util.Collection<String> expected) {
        Map<String, Long> c = counts();
        return expected.stream().filter(e -> !c.containsKey(e)).toList();
    }

    static <T> Map<T, Long> histogram(List<Message> list, Function<Message, T> key) {
        return list.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    @Override
    public String toString() {
        return name + " " + payloads();
    }
}
