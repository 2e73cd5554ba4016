package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.awaitSharedRoute;
import static io.stratusmq.cluster.Clients.subscribe;
import static io.stratusmq.cluster.Publishes.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A shared subscription member's node dies holding messages its member never acknowledged. */
class SharedMemberPodKilledIT {

    @Test
    @DisplayName("Messages a killed node's shared-subscription member had not acknowledged go to a member on"
            + " another node")
    void unacknowledgedSharedMessagesGoToAnotherMember() {
        try (Cluster cluster = Cluster.start("SharedMemberPodKilledIT", 3); Clients clients = new Clients()) {
            // the member on node-2 takes messages and never acknowledges them (manual acknowledgement, never given)
            Received stuck = new Received("member on node-2 that never acknowledges");
            Mqtt5AsyncClient silent = clients.track(Clients.v5("silent-worker", cluster.node(2)).buildAsync());
            silent.publishes(MqttGlobalPublishFilter.ALL, stuck::add, true);
            silent.connect().orTimeout(10, TimeUnit.SECONDS).join();
            subscribe(silent, "$share/crew/tasks/#", 1);
            Mqtt5AsyncClient pub = clients.connected("tasks-pub-1", cluster.node(1), null);
            awaitSharedRoute(pub, "tasks/probe", stuck);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("task-" + i);
                assertThat(publish(pub, "tasks/a", "task-" + i, 1)).as("PUBACK to task-" + i).isZero();
            }
            stuck.awaitAll(expected, Clients.TIMEOUT);

            // a second member joins on node-3 (node-1, which has none, may be the one that cleans up)
            Received healthy = new Received("member on node-3");
            subscribe(clients.connected("healthy-worker", cluster.node(3), healthy), "$share/crew/tasks/#", 1);
            cluster.node(2).kill();

            healthy.awaitAll(expected, Duration.ofSeconds(20));
            await("no task delivered twice to the surviving member").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(3)).until(() -> healthy.size() == expected.size());
        }
    }
}
