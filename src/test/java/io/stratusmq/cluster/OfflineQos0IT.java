package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.TIMEOUT;
import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.subscribe;
import static io.stratusmq.cluster.Publishes.publish;
import static org.assertj.core.api.Assertions.assertThat;

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
    @DisplayName("With queue-qos0-offline, QoS 0 messages published while a persistent session is away (even as it"
            + " leaves) are queued with the QoS 1 ones and delivered, in order per QoS, when it resumes on another"
            + " node")
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

            List<String> sent = List.of("zero-a", "one-b", "zero-c", "one-d");
            for (String p : sent) {
                assertThat(publish(pub, "q0/x", p, p.startsWith("zero") ? 0 : 1)).isZero();
            }

            Received resumed = new Received("q0-sub on node-2");
            Mqtt5AsyncClient onB = clients.track(Clients.v5("q0-sub", cluster.node(2)).buildAsync());
            onB.publishes(MqttGlobalPublishFilter.ALL, resumed::add);
            assertThat(onB.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                    .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("session present").isTrue();
            resumed.awaitAll(sent, TIMEOUT);
            // in publish order per QoS (section 4.6: for the same topic and QoS): a QoS 0 message that reached the
            // old node as the session left it is queued from there, so it may land after a later QoS 1 message
            List<String> got = resumed.payloads();
            assertThat(got).as("once each").hasSize(sent.size());
            assertThat(got.stream().filter(p -> p.startsWith("zero")).toList()).as("QoS 0 in publish order")
                    .containsExactly("zero-a", "zero-c");
            assertThat(got.stream().filter(p -> p.startsWith("one")).toList()).as("QoS 1 in publish order")
                    .containsExactly("one-b", "one-d");
        }
    }
}
