package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.TIMEOUT;
import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.subscribe;
import static io.stratusmq.cluster.Publishes.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node that has just joined serves its clients fully before the other nodes have seen its heartbeat. Pods of a
 * deployment start together, and a client may connect to a new pod and use it within the first heartbeat
 * interval of its peers. Here the heartbeat is far longer than the tests: node-1 checks the registry when it
 * starts and not again before the tests end, so it never learns from the registry that node-2 joined after it.
 */
class NodeJoinIT {

    private static Cluster cluster;
    private static BrokerProcess joined;
    private Clients clients;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start("NodeJoinIT", 1, false,
                Map.of("stratus.cluster.heartbeat-interval", "60s", "stratus.cluster.node-timeout", "180s"));
        joined = cluster.addNode();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void openClients() {
        clients = new Clients();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    @DisplayName("QoS 1 and 2 messages for a persistent session on a node the publisher's node has not seen alive"
            + " yet are delivered, not left queued until something else wakes the session")
    void persistentSessionOnANodeNotSeenYet() {
        Mqtt5AsyncClient pub = clients.connected("join-pub", cluster.node(1), null);
        Received inbox = new Received("persistent session on node-2");
        Mqtt5AsyncClient sub = clients.track(Clients.v5("join-sub", joined).buildAsync());
        sub.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
        sub.connectWith().cleanStart(true).sessionExpiryInterval(300).send()
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        subscribe(sub, "join/#", 2);
        awaitRoutes(pub, "join/probe", inbox);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String payload = "joined-" + i;
            expected.add(payload);
            assertThat(publish(pub, "join/a", payload, 1 + i % 2)).as("answer to " + payload).isZero();
        }
        inbox.awaitAll(expected, TIMEOUT);
        assertThat(inbox.payloads()).as("in order, each once").containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("A CONNECT on node-1 takes over a client id connected on a node node-1 has not seen alive yet:"
            + " the old connection gets DISCONNECT 0x8E, so that no two connections share a client id")
    void takeoverFromANodeNotSeenYet() {
        AtomicReference<Throwable> oldCause = new AtomicReference<>();
        Mqtt5AsyncClient first = clients.track(Clients.v5("join-twin", joined)
                .addDisconnectedListener(ctx -> oldCause.compareAndSet(null, ctx.getCause())).buildAsync());
        first.connectWith().cleanStart(true).sessionExpiryInterval(300).send()
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();

        Mqtt5AsyncClient second = clients.track(Clients.v5("join-twin", cluster.node(1)).buildAsync());
        boolean present = second.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join().isSessionPresent();

        assertThat(present).as("session present on the new connection").isTrue();
        await("old connection disconnected").atMost(TIMEOUT).until(() -> oldCause.get() != null);
        assertThat(oldCause.get()).as("old connection's disconnect").isInstanceOf(Mqtt5DisconnectException.class);
        assertThat(((Mqtt5DisconnectException) oldCause.get()).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
    }
}
