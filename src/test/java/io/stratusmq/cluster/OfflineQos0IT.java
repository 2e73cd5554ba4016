package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.TIMEOUT;
import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.subscribe;
import static io.stratusmq.cluster.Publishes.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code stratus.mqtt.queue-qos0-offline=true} holds for persistent sessions kept in Redis, as on one node. */
class OfflineQos0IT {

    @Test
    @DisplayName("With queue-qos0-offline, QoS 0 messages published while a persistent session is away are queued"
            + " with the QoS 1 ones and delivered when it resumes on another node; those published as it leaves"
            + " arrive at most once and never out of publish order")
    void qos0QueuedForOfflineSession() {
        try (Cluster cluster = Cluster.start("OfflineQos0IT", 2, false, Map.of("stratus.mqtt.queue-qos0-offline",
                "true")); Clients clients = new Clients()) {
            Mqtt5AsyncClient pub = clients.connected("q0-pub", cluster.node(2), null);
            Received first = new Received("q0-sub on node-1");
            Mqtt5AsyncClient onA = clients.track(Clients.v5("q0-sub", cluster.node(1)).buildAsync());
            onA.publishes(MqttGlobalPublishFilter.ALL, first::add);
            onA.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS)
                    .join();
            subscribe(onA, "q0/#", 1);
            awaitRoutes(pub, "q0/probe", first);
            onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();

            // published as the session leaves node-1: node-2 may still send a QoS 0 message to node-1, which
            // then queues it from there, a longer way than the messages after it take
            List<String> leaving = List.of("zero-a", "one-b", "zero-c", "one-d");
            for (String p : leaving) {
                assertThat(publish(pub, "q0/x", p, p.startsWith("zero") ? 0 : 1)).isZero();
            }
            Received resumed = new Received("q0-sub on node-2");
            Mqtt5AsyncClient onB = resume(clients, cluster.node(2), resumed);
            resumed.awaitAll(List.of("one-b", "one-d"), TIMEOUT);
            // queued messages leave in queue order, and a late QoS 0 message queued at all is queued before one-d:
            // whatever of the QoS 0 messages arrives has arrived by now
            List<String> got = resumed.payloads();
            // order per topic and QoS [MQTT-4.6.0-6]: a late QoS 0 message is dropped rather than queued behind a
            // message published after it (QoS 0 is at most once)
            assertThat(got.stream().filter(p -> p.startsWith("one")).toList()).as("QoS 1: each once, in order")
                    .containsExactly("one-b", "one-d");
            assertThat(got.stream().filter(p -> p.startsWith("zero")).toList()).as("QoS 0: at most once, in order")
                    .isSubsetOf("zero-a", "zero-c").doesNotHaveDuplicates()
                    .isSortedAccordingTo(java.util.Comparator.naturalOrder());

            // the session leaves node-2, where the publisher is: once node-2 has closed the connection, QoS 0 is
            // queued there like QoS 1
            double connections = cluster.node(2).metric("stratus_connections");
            onB.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
            await("node-2 closed the subscriber's connection").atMost(TIMEOUT)
                    .until(() -> cluster.node(2).metric("stratus_connections") < connections);
            List<String> away = List.of("zero-e", "one-f", "zero-g");
            for (String p : away) {
                assertThat(publish(pub, "q0/x", p, p.startsWith("zero") ? 0 : 1)).isZero();
            }
            Received back = new Received("q0-sub on node-1 again");
            resume(clients, cluster.node(1), back);
            back.awaitAll(away, TIMEOUT);
            assertThat(back.payloads()).as("queued while away, in publish order, each once")
                    .containsExactlyElementsOf(away);
        }
    }

    /** Resumes q0-sub's persistent session on {@code node}, collecting what it receives in {@code inbox}. */
    private static Mqtt5AsyncClient resume(Clients clients, BrokerProcess node, Received inbox) {
        Mqtt5AsyncClient c = clients.track(Clients.v5("q0-sub", node).buildAsync());
        c.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
        assertThat(c.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("session present on " + node).isTrue();
        return c;
    }
}
