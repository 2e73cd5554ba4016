package io.stratusmq.cluster;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Real MQTT clients (HiveMQ client over TCP) pointed at one node, and closing them whatever their state. */
final class Clients implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger PROBES = new AtomicInteger();

    private final List<Runnable> closers = new ArrayList<>();

    static Mqtt5ClientBuilder v5(String clientId, BrokerProcess node) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(node.tcpPort());
    }

    static Mqtt3ClientBuilder v3(String clientId, BrokerProcess node) {
        return MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(node.tcpPort());
    }

    /** Remembers a client so that {@link #close} disconnects it. */
    Mqtt5AsyncClient track(Mqtt5AsyncClient c) {
        closers.add(() -> c.disconnect());
        return c;
    }

    Mqtt3AsyncClient track(Mqtt3AsyncClient c) {
        closers.add(() -> c.disconnect());
        return c;
    }

    /** A connected clean-start 5.0 client that collects what it receives in {@code inbox}. */
    Mqtt5AsyncClient connected(String clientId, BrokerProcess node, Received inbox) {
        Mqtt5AsyncClient c = track(v5(clientId, node).buildAsync());
        if (inbox != null) {
            c.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, inbox::add);
        }
        c.connect().orTimeout(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
        return c;
    }

    /** Subscribes and waits for the SUBACK. */
    static void subscribe(Mqtt5AsyncClient c, String filter, int qos) {
        c.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                .orTimeout(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
    }

    /**
     * Routes between nodes spread through Redis pub/sub: the SUBACK waits until Redis passed the announcement on,
     * and the other nodes apply it a moment later. Publishes numbered QoS 0
     * probes on {@code topic} until one probe reached every inbox, so a test starts once the publisher's node
     * knows the routes. Cross-node QoS 0 from one node keeps its order, so once probe N arrived no earlier probe
     * is still on its way. Probes carry a payload starting with "probe", which {@link Received} keeps apart.
     */
    static void awaitRoutes(Mqtt5AsyncClient publisher, String topic, Received... inboxes) {
        awaitProbe(publisher, topic, true, inboxes);
    }

    /** As {@link #awaitRoutes}, for a shared subscription: one of the inboxes (members) gets each probe. */
    static void awaitSharedRoute(Mqtt5AsyncClient publisher, String topic, Received... members) {
        awaitProbe(publisher, topic, false, members);
    }

    private static void awaitProbe(Mqtt5AsyncClient publisher, String topic, boolean everyInbox, Received... inboxes) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String probe = "probe-" + PROBES.incrementAndGet();
            publisher.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE)
                    .payload(probe.getBytes(StandardCharsets.UTF_8)).send();
            try {
                await().atMost(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    long got = Arrays.stream(inboxes).filter(r -> r.gotProbe(probe)).count();
                    return everyInbox ? got == inboxes.length : got > 0;
                });
                return;
            } catch (ConditionTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("routes to " + topic + " not known on the publisher's node within "
                            + TIMEOUT + ": probes did not reach " + Arrays.toString(inboxes));
                }
            }
        }
    }

    @Override
    public void close() {
        for (Runnable r : closers) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // already disconnected
            }
        }
    }
}
