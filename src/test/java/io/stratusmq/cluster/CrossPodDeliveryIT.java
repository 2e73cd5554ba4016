package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.TIMEOUT;
import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.awaitSharedRoute;
import static io.stratusmq.cluster.Clients.subscribe;
import static io.stratusmq.cluster.Publishes.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three broker processes sharing one Redis behave as one broker: messages, retained messages, persistent
 * sessions, takeovers and shared subscriptions cross nodes. Nothing here kills a node, so the tests share one
 * cluster; each uses its own topics and client ids.
 */
class CrossPodDeliveryIT {

    private static Cluster cluster;
    private Clients clients;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start("CrossPodDeliveryIT", 3);
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
    @DisplayName("A message published on node 1 reaches wildcard subscribers on nodes 2 and 3 at QoS 0, 1 and 2,"
            + " and only nodes with a matching subscriber receive it")
    void wildcardSubscribersOnOtherNodes() {
        Received hash = new Received("sensors/# on node-2");
        Received plus = new Received("sensors/+/temp on node-3");
        Mqtt5AsyncClient subB = clients.connected("wild-sub-2", cluster.node(2), hash);
        subscribe(subB, "sensors/#", 2);
        Mqtt5AsyncClient subC = clients.connected("wild-sub-3", cluster.node(3), plus);
        subscribe(subC, "sensors/+/temp", 2);
        Mqtt5AsyncClient pub = clients.connected("wild-pub-1", cluster.node(1), null);
        awaitRoutes(pub, "sensors/probe/temp", hash, plus);
        double before2 = crossNodeReceived(2);
        double before3 = crossNodeReceived(3);

        for (int qos = 0; qos <= 2; qos++) {
            assertThat(publish(pub, "sensors/kitchen/temp", "temp-" + qos, qos)).isZero();
            assertThat(publish(pub, "sensors/kitchen/humidity", "humidity-" + qos, qos)).isZero();
        }

        hash.awaitAll(List.of("temp-0", "temp-1", "temp-2", "humidity-0", "humidity-1", "humidity-2"), TIMEOUT);
        plus.awaitAll(List.of("temp-0", "temp-1", "temp-2"), TIMEOUT);
        assertThat(hash.messages()).as("sensors/# on node-2: each message once, at the QoS it was published with")
                .containsExactlyInAnyOrder(
                        new Received.Message("sensors/kitchen/temp", "temp-0", 0, false),
                        new Received.Message("sensors/kitchen/temp", "temp-1", 1, false),
                        new Received.Message("sensors/kitchen/temp", "temp-2", 2, false),
                        new Received.Message("sensors/kitchen/humidity", "humidity-0", 0, false),
                        new Received.Message("sensors/kitchen/humidity", "humidity-1", 1, false),
                        new Received.Message("sensors/kitchen/humidity", "humidity-2", 2, false));
        assertThat(plus.messages()).as("sensors/+/temp on node-3").containsExactlyInAnyOrder(
                new Received.Message("sensors/kitchen/temp", "temp-0", 0, false),
                new Received.Message("sensors/kitchen/temp", "temp-1", 1, false),
                new Received.Message("sensors/kitchen/temp", "temp-2", 2, false));
        // a publish goes only to nodes with a matching route: node-3 never saw the humidity messages
        assertThat(crossNodeReceived(2) - before2).as("messages node-2 received from other nodes").isEqualTo(6);
        assertThat(crossNodeReceived(3) - before3).as("messages node-3 received from other nodes").isEqualTo(3);
    }

    @Test
    @DisplayName("A SUBACK comes once the subscription is stored and announced: a QoS 1 message published on another"
            + " node right after it reaches a clean and a persistent session alike")
    void subAckMeansKnownEverywhere() {
        Mqtt5AsyncClient pub = clients.connected("suback-pub-1", cluster.node(1), null);
        Received clean = new Received("clean session on node-2");
        Mqtt5AsyncClient cleanSub = clients.connected("suback-clean-2", cluster.node(2), clean);
        Received kept = new Received("persistent session on node-3");
        Mqtt5AsyncClient keptSub = clients.track(Clients.v5("suback-kept-3", cluster.node(3)).buildAsync());
        keptSub.publishes(MqttGlobalPublishFilter.ALL, kept::add);
        keptSub.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS)
                .join();

        List<String> toClean = new ArrayList<>();
        List<String> toKept = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // each round a filter nobody had: no route to it existed before the SUBACK
            subscribe(cleanSub, "suback/clean/" + i, 1);
            assertThat(publish(pub, "suback/clean/" + i, "clean-" + i, 1)).isZero();
            toClean.add("clean-" + i);
            subscribe(keptSub, "suback/kept/" + i, 1);
            assertThat(publish(pub, "suback/kept/" + i, "kept-" + i, 1)).isZero();
            toKept.add("kept-" + i);
        }
        clean.awaitAll(toClean, TIMEOUT);
        kept.awaitAll(toKept, TIMEOUT);
    }

    @Test
    @DisplayName("A retained message set through node 1 is sent to a wildcard subscriber that subscribes on node 3")
    void retainedMessageAcrossNodes() {
        Mqtt5AsyncClient pub = clients.connected("retain-pub-1", cluster.node(1), null);
        assertThat(Publishes.reasonCode(Publishes.sendRetained(pub, "home/livingroom/light", "on", 1).join()))
                .isIn(0x00, 0x10);
        assertThat(Publishes.reasonCode(Publishes.sendRetained(pub, "home/kitchen/light", "off", 1).join()))
                .isIn(0x00, 0x10);
        assertThat(Publishes.reasonCode(Publishes.sendRetained(pub, "home/kitchen/temp", "21", 1).join()))
                .isIn(0x00, 0x10);

        Received inbox = new Received("home/+/light on node-3");
        Mqtt5AsyncClient sub = clients.connected("retain-sub-3", cluster.node(3), inbox);
        subscribe(sub, "home/+/light", 1);

        inbox.awaitAtLeast(2, TIMEOUT);
        assertThat(inbox.messages()).containsExactlyInAnyOrder(
                new Received.Message("home/livingroom/light", "on", 1, true),
                new Received.Message("home/kitchen/light", "off", 1, true));
    }

    @Test
    @DisplayName("A persistent session left on node 1 resumes on node 2 with every QoS 1 and 2 message queued"
            + " meanwhile, in order, each once")
    void persistentSessionResumesOnAnotherNode() {
        Mqtt5AsyncClient pub = clients.connected("resume-pub-3", cluster.node(3), null);
        Received first = new Received("resumer on node-1");
        Mqtt5AsyncClient onA = clients.track(Clients.v5("resumer", cluster.node(1)).buildAsync());
        onA.publishes(MqttGlobalPublishFilter.ALL, first::add);
        onA.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(onA, "orders/#", 2);
        awaitRoutes(pub, "orders/probe", first);
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String payload = "order-" + i;
            expected.add(payload);
            // one topic, QoS 1 and 2 mixed: an ordered topic keeps its order whatever the QoS [MQTT-4.6.0-6]
            assertThat(publish(pub, "orders/eu", payload, 1 + i % 2)).as("answer to " + payload).isZero();
        }

        Received resumed = new Received("resumer on node-2");
        Mqtt5AsyncClient onB = clients.track(Clients.v5("resumer", cluster.node(2)).buildAsync());
        onB.publishes(MqttGlobalPublishFilter.ALL, resumed::add);
        Mqtt5ConnAck ack = onB.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(ack.isSessionPresent()).as("session present").isTrue();

        resumed.awaitAll(expected, TIMEOUT);
        assertThat(resumed.payloads()).as("queued messages, in order, each once").containsExactlyElementsOf(expected);
        for (Received.Message m : resumed.messages()) {
            int i = Integer.parseInt(m.payload().substring("order-".length()));
            assertThat(m.qos()).as("QoS of " + m.payload()).isEqualTo(1 + i % 2);
        }

        // and the resumed session goes on receiving where it is now
        assertThat(publish(pub, "orders/live", "order-live", 2)).isZero();
        resumed.awaitAll(List.of("order-live"), TIMEOUT);
        assertThat(first.messages()).as("nothing reached the first connection after it left").isEmpty();
    }

    @Test
    @DisplayName("Clean Start on another node discards the stored session: no session present, no old"
            + " subscriptions, no queued messages [MQTT-3.1.2-4]")
    void cleanStartOnAnotherNodeDiscardsTheSession() {
        Mqtt5AsyncClient pub = clients.connected("discard-pub-3", cluster.node(3), null);
        Received first = new Received("discarded on node-1");
        Mqtt5AsyncClient onA = clients.track(Clients.v5("discarded", cluster.node(1)).buildAsync());
        onA.publishes(MqttGlobalPublishFilter.ALL, first::add);
        onA.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(onA, "discard/#", 1);
        awaitRoutes(pub, "discard/probe", first);
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(publish(pub, "discard/a", "queued-before", 1)).as("queued for the offline session").isZero();

        Received fresh = new Received("discarded on node-2, clean start");
        Mqtt5AsyncClient onB = clients.track(Clients.v5("discarded", cluster.node(2)).buildAsync());
        onB.publishes(MqttGlobalPublishFilter.ALL, fresh::add);
        Mqtt5ConnAck ack = onB.connectWith().cleanStart(true).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(ack.isSessionPresent()).as("session present").isFalse();
        subscribe(onB, "discard-marker", 1);
        assertThat(publish(pub, "discard/a", "published-after", 1)).as("answer once the session is new")
                .isIn(0x00, 0x10);
        assertThat(publish(pub, "discard-marker", "marker", 1)).isZero();

        fresh.awaitAll(List.of("marker"), TIMEOUT);
        assertThat(fresh.payloads()).as("only what the new session subscribed to").containsExactly("marker");
    }

    @Test
    @DisplayName("MQTT 5: a CONNECT on node 2 takes over a client id connected on node 1: the old connection gets"
            + " DISCONNECT 0x8E, the new one its session with the subscriptions")
    void takeoverAcrossNodesV5() {
        Mqtt5AsyncClient pub = clients.connected("takeover5-pub-3", cluster.node(3), null);
        AtomicReference<Throwable> oldCause = new AtomicReference<>();
        Received old = new Received("takeover5 on node-1");
        Mqtt5AsyncClient first = clients.track(Clients.v5("takeover5", cluster.node(1))
                .addDisconnectedListener(ctx -> oldCause.compareAndSet(null, ctx.getCause())).buildAsync());
        first.publishes(MqttGlobalPublishFilter.ALL, old::add);
        first.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(first, "takeover5/t", 1);
        awaitRoutes(pub, "takeover5/t", old);

        Received fresh = new Received("takeover5 on node-2");
        Mqtt5AsyncClient second = clients.track(Clients.v5("takeover5", cluster.node(2)).buildAsync());
        second.publishes(MqttGlobalPublishFilter.ALL, fresh::add);
        Mqtt5ConnAck ack = second.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(ack.isSessionPresent()).as("session present on the new connection").isTrue();
        await("old connection disconnected").atMost(TIMEOUT).until(() -> oldCause.get() != null);
        assertThat(oldCause.get()).as("old connection's disconnect").isInstanceOf(Mqtt5DisconnectException.class);
        assertThat(((Mqtt5DisconnectException) oldCause.get()).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
        assertThat(publish(pub, "takeover5/t", "after-takeover", 1)).isZero();
        fresh.awaitAll(List.of("after-takeover"), TIMEOUT);
        assertThat(old.payloads()).doesNotContain("after-takeover");
    }

    @Test
    @DisplayName("MQTT 3.1.1: a CONNECT on node 3 takes over a client id connected on node 1: the old connection is"
            + " closed, the new one gets session present and the subscriptions")
    void takeoverAcrossNodesV311() {
        Mqtt5AsyncClient pub = clients.connected("takeover3-pub-2", cluster.node(2), null);
        AtomicReference<Throwable> oldCause = new AtomicReference<>();
        Received old = new Received("takeover3 on node-1");
        Mqtt3AsyncClient first = clients.track(Clients.v3("takeover3", cluster.node(1))
                .addDisconnectedListener(ctx -> oldCause.compareAndSet(null, ctx.getCause())).buildAsync());
        first.publishes(MqttGlobalPublishFilter.ALL, old::add);
        first.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();
        first.subscribeWith().topicFilter("takeover3/t").qos(MqttQos.AT_LEAST_ONCE).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        awaitRoutes(pub, "takeover3/t", old);

        Received fresh = new Received("takeover3 on node-3");
        Mqtt3AsyncClient second = clients.track(Clients.v3("takeover3", cluster.node(3)).buildAsync());
        second.publishes(MqttGlobalPublishFilter.ALL, fresh::add);
        Mqtt3ConnAck ack = second.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(ack.isSessionPresent()).as("session present on the new connection").isTrue();
        await("old connection closed").atMost(TIMEOUT).until(() -> oldCause.get() != null);
        assertThat(publish(pub, "takeover3/t", "after-takeover", 1)).isZero();
        fresh.awaitAll(List.of("after-takeover"), TIMEOUT);
        assertThat(old.payloads()).doesNotContain("after-takeover");
    }

    @Test
    @DisplayName("A shared subscription with members on nodes 2 and 3 gets each message once, and both members get"
            + " a share")
    void sharedSubscriptionAcrossNodes() {
        Received m2 = new Received("member on node-2");
        Received m3 = new Received("member on node-3");
        subscribe(clients.connected("worker-2", cluster.node(2), m2), "$share/workers/jobs/#", 1);
        subscribe(clients.connected("worker-3", cluster.node(3), m3), "$share/workers/jobs/#", 1);
        Mqtt5AsyncClient pub = clients.connected("jobs-pub-1", cluster.node(1), null);
        awaitSharedRoute(pub, "jobs/probe", m2, m3);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("job-" + i);
            assertThat(publish(pub, "jobs/" + (i % 5), "job-" + i, 1)).as("answer to job-" + i).isZero();
        }

        await("every job delivered").atMost(TIMEOUT).until(() -> m2.size() + m3.size() >= expected.size());
        List<String> all = new ArrayList<>(m2.payloads());
        all.addAll(m3.payloads());
        assertThat(all).as("each job delivered once across the group").containsExactlyInAnyOrderElementsOf(expected);
        Set<String> both = new HashSet<>(m2.payloads());
        both.retainAll(m3.payloads());
        assertThat(both).as("jobs given to both members").isEmpty();
        assertThat(m2.size()).as("jobs for the member on node-2").isPositive();
        assertThat(m3.size()).as("jobs for the member on node-3").isPositive();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> m2.size() + m3.size() == expected.size());
    }

    /** Messages a node received from other nodes (stratus.cluster.received.messages). */
    private static double crossNodeReceived(int node) {
        return cluster.node(node).metric("stratus_cluster_received_messages_total");
    }
}
