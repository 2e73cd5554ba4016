package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The survivors publish the wills of a killed node's clients, exactly once. */
class WillOfKilledPodIT {

    @Test
    @DisplayName("The wills of the clients of a node killed with SIGKILL are published once, by a survivor")
    void willsPublishedOnce() {
        try (Cluster cluster = Cluster.start("WillOfKilledPodIT", 3); Clients clients = new Clients()) {
            Received on1 = new Received("wills/# on node-1");
            Received on3 = new Received("wills/# on node-3");
            Mqtt5AsyncClient watcher1 = clients.connected("will-watcher-1", cluster.node(1), on1);
            subscribe(watcher1, "wills/#", 1);
            Mqtt5AsyncClient watcher3 = clients.connected("will-watcher-3", cluster.node(3), on3);
            subscribe(watcher3, "wills/#", 1);
            // whichever survivor cleans up, its will reaches the watcher on the other one
            awaitRoutes(watcher1, "wills/probe", on3);
            awaitRoutes(watcher3, "wills/probe", on1);

            Mqtt5AsyncClient plain = clients.track(Clients.v5("doomed", cluster.node(2)).willPublish()
                    .topic("wills/doomed").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("doomed is gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish().buildAsync());
            plain.connectWith().cleanStart(true).send().orTimeout(10, TimeUnit.SECONDS).join();
            Mqtt5AsyncClient persistent = clients.track(Clients.v5("doomed-persistent", cluster.node(2)).willPublish()
                    .topic("wills/doomed-persistent").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("doomed-persistent is gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish()
                    .buildAsync());
            persistent.connectWith().cleanStart(true).sessionExpiryInterval(60).send().orTimeout(10, TimeUnit.SECONDS)
                    .join();

            cluster.node(2).kill();

            Map<String, Long> both = Map.of("doomed is gone", 1L, "doomed-persistent is gone", 1L);
            for (Received watcher : new Received[] {on1, on3}) {
                watcher.awaitAtLeast(2, Duration.ofSeconds(15));
            }
            // and no second copy comes later, from another survivor or another sweep
            await("each will once").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> on1.counts().equals(both) && on3.counts().equals(both));
            assertThat(on1.counts()).isEqualTo(both);
            assertThat(on3.counts()).isEqualTo(both);
        }
    }
}
