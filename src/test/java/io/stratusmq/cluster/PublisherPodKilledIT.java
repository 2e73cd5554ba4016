package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The publisher's node dies mid-stream: what it acknowledged was already durable elsewhere. */
class PublisherPodKilledIT {

    @Test
    @DisplayName("Every QoS 1 message PUBACKed by a node killed mid-stream reaches subscribers on other nodes")
    void everyAcknowledgedMessageDelivered() {
        try (Cluster cluster = Cluster.start("PublisherPodKilledIT", 3); Clients clients = new Clients()) {
            Received plain = new Received("clean-start subscriber on node-2");
            subscribe(clients.connected("stream-sub-2", cluster.node(2), plain), "stream/#", 1);
            Received persistent = new Received("persistent subscriber on node-3");
            Mqtt5AsyncClient kept = clients.track(Clients.v5("stream-sub-3", cluster.node(3)).buildAsync());
            kept.publishes(MqttGlobalPublishFilter.ALL, persistent::add);
            kept.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS)
                    .join();
            subscribe(kept, "stream/#", 1);
            Mqtt5AsyncClient pub = clients.connected("stream-pub-1", cluster.node(1), null);
            awaitRoutes(pub, "stream/probe", plain, persistent);

            try (PublishLoop loop = new PublishLoop(pub, "stream/x", "s-", i -> 1)) {
                await("200 messages acknowledged before the kill").atMost(Duration.ofSeconds(30))
                        .until(() -> loop.acceptedCount() >= 200);
                cluster.node(1).kill();
                loop.stop();
                List<String> acknowledged = loop.acceptedPayloads();

                assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);
                plain.awaitAll(acknowledged, Duration.ofSeconds(15));
                persistent.awaitAll(acknowledged, Duration.ofSeconds(15));
            }
        }
    }
}
