package io.stratusmq.cluster;

import static io.stratusmq.cluster.Clients.TIMEOUT;
import static io.stratusmq.cluster.Clients.awaitRoutes;
import static io.stratusmq.cluster.Clients.awaitSharedRoute;
import static io.stratusmq.cluster.Clients.subscribe;
import static io.stratusmq.cluster.Publishes.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import io.stratusmq.testing.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every cluster backend ({@code stratus.cluster.backend}) keeps: what MQTT clients see is the
 * same whichever backend holds the state. The tests speak of {@code node(1)} and {@code node(2)}: for the
 * {@code local} backend both are the one broker process (started without Redis); for {@code redis} they are two
 * broker processes sharing one Redis, so the same tests also show that a client may connect, and reconnect, to
 * any node and sees one broker. Where a cross-node route has to spread first, the tests wait with route probes
 * ({@link Clients#awaitRoutes}); on a single node the first probe gets through at once.
 *
 * <p>The broker is started once per concrete class; every test uses its own client ids and topics, all derived
 * from the test's method name. Each node's log is in {@code target/cluster-it/<class>/node-N.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackendContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Cluster broker;
    private Clients clients;
    /** This test's name: the prefix of its topics and client ids. */
    private String u;

    /** Starts the broker process(es) of the backend under test. */
    protected abstract Cluster startBroker();

    /** The name the nodes report for their backend. */
    protected abstract String backend();

    /** How many nodes the backend runs (and each node sees alive). */
    protected abstract int nodes();

    @BeforeAll
    void start() {
        broker = startBroker();
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void openClients(TestInfo test) {
        clients = new Clients();
        u = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    /** The processes under test. */
    Cluster broker() {
        return broker;
    }

    /** Node {@code i} (1 or 2) of the contract: the only process for a single-node backend. */
    BrokerProcess node(int i) {
        List<BrokerProcess> all = broker.nodes();
        return all.get((i - 1) % all.size());
    }

    // ---- the backend itself --------------------------------------------------------------------------------

    @Test
    @DisplayName("Every node reports the backend under test in its readiness check, and sees all its nodes alive")
    void nodesRunTheBackendUnderTest() {
        for (int i = 1; i <= 2; i++) {
            BrokerProcess n = node(i);
            await(n.id() + " sees " + nodes() + " nodes").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        String health = readiness(n);
                        assertThat(field(health, "backend")).as(n + " backend, in " + health).isEqualTo(backend());
                        assertThat(field(health, "nodes")).as(n + " live nodes, in " + health)
                                .isEqualTo(String.valueOf(nodes()));
                    });
        }
    }

    // ---- delivery --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("QoS 0, 1 and 2 messages published on node 1 reach '#' and '+' subscribers on both nodes once,"
            + " at the lower of the published and the granted QoS")
    void deliveryWithWildcards() {
        Received hash = new Received(u + "/# on node 2");
        Received plus = new Received(u + "/+/temp on node 2");
        Received both = new Received(u + "/+/+ (granted QoS 1) on node 1");
        subscribe(clients.connected(u + "-hash", node(2), hash), u + "/#", 2);
        subscribe(clients.connected(u + "-plus", node(2), plus), u + "/+/temp", 2);
        subscribe(clients.connected(u + "-both", node(1), both), u + "/+/+", 1);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitRoutes(pub, u + "/probe/temp", hash, plus, both);

        List<Received.Message> toHash = new ArrayList<>();
        List<Received.Message> toPlus = new ArrayList<>();
        List<Received.Message> toBoth = new ArrayList<>();
        for (int qos = 0; qos <= 2; qos++) {
            String temp = u + "/kitchen/temp";
            String humidity = u + "/kitchen/humidity";
            String raw = u + "/kitchen/temp/raw";
            assertThat(publish(pub, temp, "temp-" + qos, qos)).as("answer to temp-" + qos).isZero();
            assertThat(publish(pub, humidity, "humidity-" + qos, qos)).as("answer to humidity-" + qos).isZero();
            assertThat(publish(pub, raw, "raw-" + qos, qos)).as("answer to raw-" + qos).isZero();
            // '#' also matches its parent level [MQTT-4.7.1-2]
            assertThat(publish(pub, u, "parent-" + qos, qos)).as("answer to parent-" + qos).isZero();
            toHash.addAll(List.of(new Received.Message(temp, "temp-" + qos, qos, false),
                    new Received.Message(humidity, "humidity-" + qos, qos, false),
                    new Received.Message(raw, "raw-" + qos, qos, false),
                    new Received.Message(u, "parent-" + qos, qos, false)));
            toPlus.add(new Received.Message(temp, "temp-" + qos, qos, false));
            toBoth.addAll(List.of(new Received.Message(temp, "temp-" + qos, Math.min(qos, 1), false),
                    new Received.Message(humidity, "humidity-" + qos, Math.min(qos, 1), false)));
        }
        // last, on a topic all three match: once it is in, everything published before it from node 1 is
        Received.Message end = new Received.Message(u + "/end/temp", "end", 1, false);
        assertThat(publish(pub, end.topic(), end.payload(), 1)).isZero();
        toHash.add(end);
        toPlus.add(end);
        toBoth.add(end);

        for (Received r : List.of(hash, plus, both)) {
            r.awaitAll(List.of("end"), TIMEOUT);
        }
        assertThat(hash.messages()).as(hash + ": each message once, at its QoS")
                .containsExactlyInAnyOrderElementsOf(toHash);
        assertThat(plus.messages()).as(plus.toString()).containsExactlyInAnyOrderElementsOf(toPlus);
        assertThat(both.messages()).as(both + ": QoS 2 downgraded to the granted 1")
                .containsExactlyInAnyOrderElementsOf(toBoth);
    }

    @Test
    @DisplayName("Topics starting with '$' are not matched by filters starting with '#' or '+', only by a filter"
            + " naming their first level [MQTT-4.7.2-1]")
    void dollarTopicsAreNotMatchedByLeadingWildcards() {
        String dollar = "$" + u + "/x";
        String plain = u + "/x";
        Received hash = new Received("# on node 2");
        Received plus = new Received("+/x on node 2");
        Received named = new Received("$" + u + "/+ on node 2");
        Mqtt5AsyncClient hashSub = clients.connected(u + "-hash", node(2), hash);
        // not the retained messages other tests left: only what is published from now on
        hashSub.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE)
                .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(clients.connected(u + "-plus", node(2), plus), "+/x", 1);
        subscribe(clients.connected(u + "-named", node(2), named), "$" + u + "/+", 1);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitRoutes(pub, plain, hash, plus);
        awaitRoutes(pub, "$" + u + "/probe", named);

        assertThat(publish(pub, dollar, "dollar", 1)).as("answer to " + dollar).isZero();
        assertThat(publish(pub, plain, "plain", 1)).as("answer to " + plain).isZero();

        named.awaitAll(List.of("dollar"), TIMEOUT);
        hash.awaitAll(List.of("plain"), TIMEOUT);
        plus.awaitAll(List.of("plain"), TIMEOUT);
        assertThat(named.messages()).containsExactly(new Received.Message(dollar, "dollar", 1, false));
        // '#' and '+/x' see everything published meanwhile: this test's topics, and no '$' topic at all
        assertThat(hash.messages()).filteredOn(m -> m.topic().contains(u))
                .containsExactly(new Received.Message(plain, "plain", 1, false));
        assertThat(hash.messages()).extracting(Received.Message::topic).noneMatch(t -> t.startsWith("$"));
        assertThat(plus.messages()).filteredOn(m -> m.topic().contains(u))
                .containsExactly(new Received.Message(plain, "plain", 1, false));
        assertThat(plus.messages()).extracting(Received.Message::topic).noneMatch(t -> t.startsWith("$"));
    }

    // ---- retained messages -----------------------------------------------------------------------------------

    @Test
    @DisplayName("A retained message set on node 1 reaches wildcard subscriptions made on node 2; a new retained"
            + " message replaces it and an empty one clears it")
    void retainedSetReplacedAndCleared() {
        String a = u + "/a";
        String b = u + "/b";
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        assertThat(retain(pub, a, "a1")).as("answer to a1: nobody subscribed").isEqualTo(0x10);
        assertThat(retain(pub, b, "b1")).as("answer to b1: nobody subscribed").isEqualTo(0x10);

        Received first = new Received(u + "/+ on node 2, subscribed after a1");
        subscribe(clients.connected(u + "-first", node(2), first), u + "/+", 1);
        first.awaitAtLeast(2, TIMEOUT);
        assertThat(first.messages()).containsExactlyInAnyOrder(new Received.Message(a, "a1", 1, true),
                new Received.Message(b, "b1", 1, true));

        awaitRoutes(pub, u + "/probe", first);
        assertThat(retain(pub, a, "a2")).as("answer to a2").isZero();
        first.awaitAll(List.of("a2"), TIMEOUT);
        Received second = new Received(u + "/# on node 2, subscribed after a2");
        subscribe(clients.connected(u + "-second", node(2), second), u + "/#", 1);
        second.awaitAtLeast(2, TIMEOUT);
        assertThat(second.messages()).as("the retained message was replaced").containsExactlyInAnyOrder(
                new Received.Message(a, "a2", 1, true), new Received.Message(b, "b1", 1, true));

        awaitRoutes(pub, u + "/probe", second);
        // an empty retained message goes to the subscribers like any other, and clears the topic [MQTT-3.3.1-10]
        assertThat(retain(pub, a, "")).as("answer to the empty retained message").isZero();
        first.awaitAll(List.of(""), TIMEOUT);
        second.awaitAll(List.of(""), TIMEOUT);
        assertThat(first.messages()).as("live, the new and the empty message, without the retain flag")
                .hasSize(4).endsWith(new Received.Message(a, "a2", 1, false), new Received.Message(a, "", 1, false));
        assertThat(second.messages()).hasSize(3).endsWith(new Received.Message(a, "", 1, false));

        Received third = new Received(u + "/+ on node 2, subscribed after the clear");
        subscribe(clients.connected(u + "-third", node(2), third), u + "/+", 1);
        awaitRoutes(pub, u + "/probe", third);
        assertThat(publish(pub, u + "/marker", "marker", 1)).isZero();
        third.awaitAll(List.of("b1", "marker"), TIMEOUT);
        await("nothing more for " + third).during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> third.size() == 2);
        assertThat(third.messages()).as("only b is still retained").containsExactly(
                new Received.Message(b, "b1", 1, true), new Received.Message(u + "/marker", "marker", 1, false));
    }

    // ---- persistent sessions ---------------------------------------------------------------------------------

    @Test
    @DisplayName("MQTT 5: a session with an expiry interval leaves node 1; QoS 1 and 2 messages published"
            + " meanwhile are all delivered, in order, once, when it resumes on node 2 with session present")
    void persistentSessionV5ResumesOnTheOtherNode() {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(2), null);
        Received first = new Received(u + " on node 1");
        Mqtt5AsyncClient onA = client5(u, node(1), first);
        assertThat(onA.connectWith().cleanStart(true).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).isFalse();
        subscribe(onA, u + "/#", 2);
        awaitRoutes(pub, u + "/probe", first);
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();

        List<String> expected = new ArrayList<>(queueMixedQos(pub, u + "/orders", 0, 10));
        // QoS 0 is not kept for an offline session (stratus.mqtt.queue-qos0-offline=false, the default)
        assertThat(publish(pub, u + "/orders", "qos0-while-offline", 0)).isZero();
        expected.addAll(queueMixedQos(pub, u + "/orders", 10, 10));

        Received resumed = new Received(u + " on node 2");
        Mqtt5AsyncClient onB = client5(u, node(2), resumed);
        Mqtt5ConnAck ack = onB.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(ack.isSessionPresent()).as("session present").isTrue();
        resumed.awaitAll(expected, TIMEOUT);
        assertQueuedInOrder(resumed, expected);

        // the resumed session goes on receiving where it is now, from either node
        assertThat(publish(pub, u + "/live", "live-2", 2)).isZero();
        Mqtt5AsyncClient pub1 = clients.connected(u + "-pub-1", node(1), null);
        awaitRoutes(pub1, u + "/probe", resumed);
        assertThat(publish(pub1, u + "/live", "live-1", 1)).isZero();
        resumed.awaitAll(List.of("live-2", "live-1"), TIMEOUT);
        assertThat(resumed.payloads()).as("each message once").doesNotHaveDuplicates().hasSize(expected.size() + 2);
        assertThat(first.messages()).as("nothing reached the first connection").isEmpty();
    }

    @Test
    @DisplayName("MQTT 3.1.1: a Clean Session 0 session leaves node 1; QoS 1 and 2 messages published meanwhile"
            + " are all delivered, in order, once, when it resumes on node 2 with session present")
    void persistentSessionV311ResumesOnTheOtherNode() {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(2), null);
        Received first = new Received(u + " on node 1");
        Mqtt3AsyncClient onA = client3(u, node(1), first);
        assertThat(onA.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join()
                .isSessionPresent()).isFalse();
        onA.subscribeWith().topicFilter(u + "/#").qos(MqttQos.EXACTLY_ONCE).send().orTimeout(10, TimeUnit.SECONDS)
                .join();
        awaitRoutes(pub, u + "/probe", first);
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();

        List<String> expected = queueMixedQos(pub, u + "/orders", 0, 20);

        Received resumed = new Received(u + " on node 2");
        Mqtt3AsyncClient onB = client3(u, node(2), resumed);
        Mqtt3ConnAck ack = onB.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(ack.isSessionPresent()).as("session present").isTrue();
        resumed.awaitAll(expected, TIMEOUT);
        assertQueuedInOrder(resumed, expected);
        assertThat(first.messages()).as("nothing reached the first connection").isEmpty();
    }

    @Test
    @DisplayName("MQTT 5: Clean Start on node 2 discards the session left on node 1: no session present, no old"
            + " subscription, no queued message [MQTT-3.1.2-4]")
    void cleanStartDiscardsTheSessionV5() {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        Received first = new Received(u + " on node 1");
        Mqtt5AsyncClient onA = client5(u, node(1), first);
        onA.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(onA, u + "/old", 1);
        awaitRoutes(pub, u + "/old", first);
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(publish(pub, u + "/old", "queued", 1)).as("queued for the offline session").isZero();

        Received fresh = new Received(u + " on node 2, clean start");
        Mqtt5AsyncClient onB = client5(u, node(2), fresh);
        Mqtt5ConnAck ack = onB.connectWith().cleanStart(true).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(ack.isSessionPresent()).as("session present").isFalse();
        subscribe(onB, u + "/marker", 1);
        assertOnlyTheNewSubscription(pub, fresh);
    }

    @Test
    @DisplayName("MQTT 3.1.1: Clean Session 1 on node 2 discards the session left on node 1: no session present,"
            + " no old subscription, no queued message [MQTT-3.1.2-6]")
    void cleanSessionDiscardsTheSessionV311() {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        Received first = new Received(u + " on node 1");
        Mqtt3AsyncClient onA = client3(u, node(1), first);
        onA.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();
        onA.subscribeWith().topicFilter(u + "/old").qos(MqttQos.AT_LEAST_ONCE).send().orTimeout(10, TimeUnit.SECONDS)
                .join();
        awaitRoutes(pub, u + "/old", first);
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(publish(pub, u + "/old", "queued", 1)).as("queued for the offline session").isZero();

        Received fresh = new Received(u + " on node 2, clean session");
        Mqtt3AsyncClient onB = client3(u, node(2), fresh);
        Mqtt3ConnAck ack = onB.connectWith().cleanSession(true).send().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(ack.isSessionPresent()).as("session present").isFalse();
        onB.subscribeWith().topicFilter(u + "/marker").qos(MqttQos.AT_LEAST_ONCE).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertOnlyTheNewSubscription(pub, fresh);
    }

    @Test
    @DisplayName("MQTT 5: a session left on node 1 ends when its Session Expiry Interval has passed, not before: its"
            + " subscription is withdrawn and a later CONNECT on node 2 finds no session [MQTT-3.1.2-23]")
    void sessionExpiresWhileOffline() {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(2), null);
        Received first = new Received(u + " on node 1");
        Mqtt5AsyncClient onA = client5(u, node(1), first);
        onA.connectWith().cleanStart(true).sessionExpiryInterval(1).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(onA, u + "/t", 1);
        awaitRoutes(pub, u + "/t", first);
        long leftAt = System.nanoTime(); // before the DISCONNECT leaves: the broker's clock starts after this
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(publish(pub, u + "/t", "queued", 1)).as("queued for the offline session").isZero();

        awaitNoSubscriber(pub, u + "/t");
        assertThat((System.nanoTime() - leftAt) / 1_000_000).as("milliseconds the session outlived its connection"
                + " (expiry 1 s)").isGreaterThanOrEqualTo(1000L);

        Received later = new Received(u + " on node 2, later");
        Mqtt5AsyncClient onB = client5(u, node(2), later);
        assertThat(onB.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("session present").isFalse();
        subscribe(onB, u + "/marker", 1);
        awaitRoutes(pub, u + "/marker", later);
        assertThat(publish(pub, u + "/marker", "marker", 1)).isZero();
        later.awaitAll(List.of("marker"), TIMEOUT);
        assertThat(later.payloads()).as("nothing of the expired session").containsExactly("marker");
    }

    // ---- takeover --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("MQTT 5: a CONNECT on node 2 takes over the client id connected on node 1: the old connection gets"
            + " DISCONNECT 0x8E, the new one the session with its subscription")
    void takeoverV5() {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        AtomicReference<Throwable> oldCause = new AtomicReference<>();
        Received old = new Received(u + " on node 1");
        Mqtt5AsyncClient first = clients.track(Clients.v5(u, node(1))
                .addDisconnectedListener(ctx -> oldCause.compareAndSet(null, ctx.getCause())).buildAsync());
        first.publishes(MqttGlobalPublishFilter.ALL, old::add);
        first.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(first, u + "/t", 1);
        awaitRoutes(pub, u + "/t", old);

        Received fresh = new Received(u + " on node 2");
        Mqtt5AsyncClient second = client5(u, node(2), fresh);
        Mqtt5ConnAck ack = second.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(ack.isSessionPresent()).as("session present on the new connection").isTrue();
        await("old connection disconnected").atMost(TIMEOUT).until(() -> oldCause.get() != null);
        assertThat(oldCause.get()).as("old connection's disconnect").isInstanceOf(Mqtt5DisconnectException.class);
        assertThat(((Mqtt5DisconnectException) oldCause.get()).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
        awaitRoutes(pub, u + "/t", fresh);
        assertThat(publish(pub, u + "/t", "after-takeover", 1)).isZero();
        fresh.awaitAll(List.of("after-takeover"), TIMEOUT);
        assertThat(fresh.payloads()).containsExactly("after-takeover");
        assertThat(old.payloads()).isEmpty();
    }

    @Test
    @DisplayName("MQTT 3.1.1: a CONNECT on node 2 takes over the client id connected on node 1: the old connection"
            + " is closed, the new one gets session present and the subscription")
    void takeoverV311() {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        AtomicReference<Throwable> oldCause = new AtomicReference<>();
        Received old = new Received(u + " on node 1");
        Mqtt3AsyncClient first = clients.track(Clients.v3(u, node(1))
                .addDisconnectedListener(ctx -> oldCause.compareAndSet(null, ctx.getCause())).buildAsync());
        first.publishes(MqttGlobalPublishFilter.ALL, old::add);
        first.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();
        first.subscribeWith().topicFilter(u + "/t").qos(MqttQos.AT_LEAST_ONCE).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        awaitRoutes(pub, u + "/t", old);

        Received fresh = new Received(u + " on node 2");
        Mqtt3AsyncClient second = client3(u, node(2), fresh);
        Mqtt3ConnAck ack = second.connectWith().cleanSession(false).send().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(ack.isSessionPresent()).as("session present on the new connection").isTrue();
        await("old connection closed").atMost(TIMEOUT).until(() -> oldCause.get() != null);
        awaitRoutes(pub, u + "/t", fresh);
        assertThat(publish(pub, u + "/t", "after-takeover", 1)).isZero();
        fresh.awaitAll(List.of("after-takeover"), TIMEOUT);
        assertThat(fresh.payloads()).containsExactly("after-takeover");
        assertThat(old.payloads()).isEmpty();
    }

    @Test
    @DisplayName("MQTT 5: on a takeover from node 2 the old connection's will goes out only when its session does"
            + " not carry on: not for a resuming CONNECT, yes for a Clean Start one")
    void takeoverPublishesTheWillOnlyWhenTheSessionEnds() {
        Received watcher = new Received(u + "/will on node 2");
        subscribe(clients.connected(u + "-watcher", node(2), watcher), u + "/will", 1);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitRoutes(pub, u + "/will", watcher);

        for (String who : List.of("resumed", "restarted")) {
            Mqtt5AsyncClient old = clients.track(Clients.v5(u + "-" + who, node(1)).willPublish().topic(u + "/will")
                    .qos(MqttQos.AT_LEAST_ONCE).payload(bytes(who + "-will")).applyWillPublish().buildAsync());
            old.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS)
                    .join();
        }
        Mqtt5AsyncClient resumed = client5(u + "-resumed", node(2), null);
        assertThat(resumed.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("resumed: session present").isTrue();
        Mqtt5AsyncClient restarted = client5(u + "-restarted", node(2), null);
        assertThat(restarted.connectWith().cleanStart(true).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("restarted: session present").isFalse();

        watcher.awaitAll(List.of("restarted-will"), TIMEOUT);
        await("no will for the resumed session").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> watcher.size() == 1);
        assertThat(watcher.payloads()).containsExactly("restarted-will");
    }

    // ---- wills -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("The will of a client whose connection to node 1 breaks without DISCONNECT is published once,"
            + " and reaches a subscriber on node 2")
    void willOnAbnormalDisconnect() {
        Received watcher = new Received(u + "/will on node 2");
        subscribe(clients.connected(u + "-watcher", node(2), watcher), u + "/will", 1);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitRoutes(pub, u + "/will", watcher);

        try (TcpProxy network = new TcpProxy(node(1).tcpPort())) {
            Mqtt5AsyncClient doomed = clients.track(viaRelay(u, network).willPublish().topic(u + "/will")
                    .qos(MqttQos.AT_LEAST_ONCE).payload(bytes("gone")).applyWillPublish().buildAsync());
            doomed.connectWith().cleanStart(true).send().orTimeout(10, TimeUnit.SECONDS).join();
            network.cut();
        }

        watcher.awaitAll(List.of("gone"), TIMEOUT);
        assertThat(publish(pub, u + "/will", "marker", 1)).isZero();
        watcher.awaitAll(List.of("marker"), TIMEOUT);
        assertThat(watcher.messages()).as("the will once, before what node 1 published after it").containsExactly(
                new Received.Message(u + "/will", "gone", 1, false),
                new Received.Message(u + "/will", "marker", 1, false));
    }

    @Test
    @DisplayName("No will after a normal DISCONNECT (0x00); a will after DISCONNECT 0x04 (Disconnect with Will"
            + " Message) [MQTT-3.1.2-10]")
    void noWillOnNormalDisconnect() {
        Received watcher = new Received(u + "/will on node 2");
        subscribe(clients.connected(u + "-watcher", node(2), watcher), u + "/will", 1);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitRoutes(pub, u + "/will", watcher);

        Mqtt5AsyncClient quiet = clients.track(Clients.v5(u + "-quiet", node(1)).willPublish().topic(u + "/will")
                .qos(MqttQos.AT_LEAST_ONCE).payload(bytes("quiet-will")).applyWillPublish().buildAsync());
        quiet.connectWith().cleanStart(true).send().orTimeout(10, TimeUnit.SECONDS).join();
        quiet.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
        // the same path, after it, with the reason code that asks for the will: it does arrive
        Mqtt5AsyncClient loud = clients.track(Clients.v5(u + "-loud", node(1)).willPublish().topic(u + "/will")
                .qos(MqttQos.AT_LEAST_ONCE).payload(bytes("loud-will")).applyWillPublish().buildAsync());
        loud.connectWith().cleanStart(true).send().orTimeout(10, TimeUnit.SECONDS).join();
        loud.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send()
                .orTimeout(10, TimeUnit.SECONDS).join();

        watcher.awaitAll(List.of("loud-will"), TIMEOUT);
        await("no other will").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> watcher.size() == 1);
        assertThat(watcher.payloads()).containsExactly("loud-will");
    }

    @Test
    @DisplayName("MQTT 5: a will with a delay interval goes out no sooner than the delay after the connection broke")
    void willDelayIsRespected() {
        assertThat(millisFromCutToWill("delayed", 2, 60))
                .as("milliseconds from the broken connection to the will (delay 2 s)").isBetween(2000L, 5000L);
    }

    /**
     * A client with a will on node 1 loses its connection (no DISCONNECT); returns how long after the cut its will
     * reached a subscriber on node 2, having checked that it arrived once.
     */
    private long millisFromCutToWill(String payload, long delaySeconds, long sessionExpirySeconds) {
        Received watcher = new Received(u + "/will on node 2");
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        Mqtt5AsyncClient watching = clients.track(Clients.v5(u + "-watcher", node(2)).buildAsync());
        watching.publishes(MqttGlobalPublishFilter.ALL, p -> {
            arrivedAt.putIfAbsent(text(p), System.nanoTime());
            watcher.add(p);
        });
        watching.connect().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(watching, u + "/will", 1);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitRoutes(pub, u + "/will", watcher);

        long cutAt;
        try (TcpProxy network = new TcpProxy(node(1).tcpPort())) {
            Mqtt5AsyncClient doomed = clients.track(viaRelay(u, network).willPublish().topic(u + "/will")
                    .qos(MqttQos.AT_LEAST_ONCE).payload(bytes(payload)).delayInterval(delaySeconds)
                    .applyWillPublish().buildAsync());
            doomed.connectWith().cleanStart(true).sessionExpiryInterval(sessionExpirySeconds).send()
                    .orTimeout(10, TimeUnit.SECONDS).join();
            cutAt = System.nanoTime();
            network.cut();
        }

        watcher.awaitAll(List.of(payload), TIMEOUT);
        assertThat(watcher.payloads()).containsExactly(payload);
        return (arrivedAt.get(payload) - cutAt) / 1_000_000;
    }

    @Test
    @DisplayName("MQTT 5: a client that resumes its session on node 2 within the will delay of its broken"
            + " connection to node 1 cancels the will [MQTT-3.1.3-9]; another client's will, not resumed, goes out")
    void willDelayCancelledByResumingOnTheOtherNode() {
        Received watcher = new Received(u + "/will on node 2");
        subscribe(clients.connected(u + "-watcher", node(2), watcher), u + "/will", 1);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitRoutes(pub, u + "/will", watcher);

        try (TcpProxy network = new TcpProxy(node(1).tcpPort())) {
            for (String who : List.of("back", "away")) {
                Mqtt5AsyncClient c = clients.track(viaRelay(u + "-" + who, network).willPublish().topic(u + "/will")
                        .qos(MqttQos.AT_LEAST_ONCE).payload(bytes(who + "-will")).delayInterval(2).applyWillPublish()
                        .buildAsync());
                c.connectWith().cleanStart(true).sessionExpiryInterval(60).send().orTimeout(10, TimeUnit.SECONDS)
                        .join();
            }
            network.cut();
        }
        Mqtt5AsyncClient back = client5(u + "-back", node(2), null);
        assertThat(back.connectWith().cleanStart(false).sessionExpiryInterval(60).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("session present").isTrue();

        // "away" was cut at the same moment with the same delay: once its will is out, "back"'s was due too
        watcher.awaitAll(List.of("away-will"), TIMEOUT);
        await("no will for the resumed session").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> watcher.size() == 1);
        assertThat(watcher.payloads()).containsExactly("away-will");
    }

    @Test
    @DisplayName("MQTT 5: a will whose delay is longer than the session's expiry goes out when the session ends")
    void willGoesOutWhenTheSessionEndsBeforeTheDelay() {
        assertThat(millisFromCutToWill("session-ended", 30, 1))
                .as("milliseconds from the broken connection to the will (expiry 1 s, delay 30 s)")
                .isBetween(1000L, 4000L);
    }

    // ---- shared subscriptions --------------------------------------------------------------------------------

    @Test
    @DisplayName("A shared subscription with one member on each node gets each message exactly once across its"
            + " members, and both members get a share")
    void sharedSubscriptionDeliversEachMessageOnce() {
        String filter = "$share/" + u + "/" + u + "/jobs/#";
        Received m1 = new Received("member on node 1");
        Received m2 = new Received("member on node 2");
        subscribe(clients.connected(u + "-m1", node(1), m1), filter, 2);
        subscribe(clients.connected(u + "-m2", node(2), m2), filter, 2);
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(1), null);
        awaitSharedRoute(pub, u + "/jobs/probe", m1, m2);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("job-" + i);
            assertThat(publish(pub, u + "/jobs/" + (i % 5), "job-" + i, 1 + i % 2)).as("answer to job-" + i)
                    .isZero();
        }

        await("every job delivered").atMost(TIMEOUT).until(() -> m1.size() + m2.size() >= expected.size());
        await("no job twice").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> m1.size() + m2.size() == expected.size());
        List<String> all = new ArrayList<>(m1.payloads());
        all.addAll(m2.payloads());
        assertThat(all).as("each job once across the group").containsExactlyInAnyOrderElementsOf(expected);
        Set<String> twice = new HashSet<>(m1.payloads());
        twice.retainAll(m2.payloads());
        assertThat(twice).as("jobs given to both members").isEmpty();
        assertThat(m1.size()).as("jobs for the member on node 1").isPositive();
        assertThat(m2.size()).as("jobs for the member on node 2").isPositive();
    }

    // ---- MQTT 5 message and subscription properties ----------------------------------------------------------

    @Test
    @DisplayName("MQTT 5: a message queued for an offline session, or retained, expires with its Message Expiry"
            + " Interval; the others are delivered with the interval that is left [MQTT-3.3.2-5, MQTT-3.3.2-6]")
    void messageExpiry() throws InterruptedException {
        Mqtt5AsyncClient pub = clients.connected(u + "-pub", node(2), null);
        List<Mqtt5Publish> firstGot = new java.util.concurrent.CopyOnWriteArrayList<>();
        Received first = new Received(u + " on node 1");
        Mqtt5AsyncClient onA = client5(u, node(1), null);
        onA.publishes(MqttGlobalPublishFilter.ALL, p -> {
            firstGot.add(p);
            first.add(p);
        });
        onA.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(onA, u + "/q", 2);
        awaitRoutes(pub, u + "/q", first);
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(expiring(pub, u + "/q", "short", 1, 1L, false)).isZero();
        assertThat(expiring(pub, u + "/q", "long", 2, 60L, false)).isZero();
        assertThat(expiring(pub, u + "/q", "forever", 1, null, false)).isZero();
        // retained messages expire alike [MQTT-3.3.2-5]
        assertThat(expiring(pub, u + "/retained/short", "retained-short", 1, 1L, true)).isEqualTo(0x10);
        assertThat(expiring(pub, u + "/retained/long", "retained-long", 1, 60L, true)).isEqualTo(0x10);
        // time has to pass for the short ones to expire: nothing to poll for meanwhile
        Thread.sleep(1500);

        List<Mqtt5Publish> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        Received resumed = new Received(u + " on node 2");
        Mqtt5AsyncClient onB = client5(u, node(2), null);
        onB.publishes(MqttGlobalPublishFilter.ALL, p -> {
            got.add(p);
            resumed.add(p);
        });
        assertThat(onB.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("session present").isTrue();
        resumed.awaitAll(List.of("long", "forever"), TIMEOUT);
        assertThat(resumed.messages()).as("the expired message is not delivered [MQTT-3.3.2-5]").containsExactly(
                new Received.Message(u + "/q", "long", 2, false), new Received.Message(u + "/q", "forever", 1, false));
        Mqtt5Publish longOne = got.stream().filter(p -> text(p).equals("long")).findFirst().orElseThrow();
        assertThat(longOne.getMessageExpiryInterval()).as("expiry interval of 'long'").isPresent();
        assertThat(longOne.getMessageExpiryInterval().getAsLong()).as("seconds left of 60 after 1.5 s")
                .isBetween(1L, 59L);
        Mqtt5Publish forever = got.stream().filter(p -> text(p).equals("forever")).findFirst().orElseThrow();
        assertThat(forever.getMessageExpiryInterval()).as("no expiry interval").isEmpty();

        List<Mqtt5Publish> retained = new java.util.concurrent.CopyOnWriteArrayList<>();
        Received late = new Received(u + "/retained/+ on node 1");
        Mqtt5AsyncClient sub = client5(u + "-late", node(1), null);
        sub.publishes(MqttGlobalPublishFilter.ALL, p -> {
            retained.add(p);
            late.add(p);
        });
        sub.connect().orTimeout(10, TimeUnit.SECONDS).join();
        subscribe(sub, u + "/retained/+", 1);
        awaitRoutes(pub, u + "/retained/probe", late);
        assertThat(publish(pub, u + "/retained/marker", "marker", 1)).isZero();
        late.awaitAll(List.of("marker"), TIMEOUT);
        assertThat(late.messages()).as("the expired retained message is not sent").containsExactly(
                new Received.Message(u + "/retained/long", "retained-long", 1, true),
                new Received.Message(u + "/retained/marker", "marker", 1, false));
        Mqtt5Publish retainedLong = retained.stream().filter(p -> text(p).equals("retained-long")).findFirst()
                .orElseThrow();
        assertThat(retainedLong.getMessageExpiryInterval()).as("expiry interval of 'retained-long'").isPresent();
        assertThat(retainedLong.getMessageExpiryInterval().getAsLong()).as("seconds left of 60 after 1.5 s")
                .isBetween(1L, 59L);
    }

    @Test
    @DisplayName("MQTT 5: subscription identifiers: a message matching two subscriptions of a client arrives once"
            + " with both identifiers, also after the session resumed on the other node [MQTT-3.3.4-3, 3.3.4-5]")
    void subscriptionIdentifiers() throws MqttException {
        Mqtt5AsyncClient pub2 = clients.connected(u + "-pub-2", node(2), null);
        Map<String, List<Integer>> ids = new ConcurrentHashMap<>();
        Received first = new Received(u + " on node 1");
        MqttAsyncClient onA = paho(u, node(1), first, ids);
        try {
            assertThat(pahoConnect(onA, true)).as("session present").isFalse();
            pahoSubscribe(onA, u + "/+/x", 11);
            pahoSubscribe(onA, u + "/#", 22);
            awaitRoutes(pub2, u + "/probe/x", first);
            assertThat(publish(pub2, u + "/a/x", "both", 1)).isZero();
            assertThat(publish(pub2, u + "/a/y", "hash-only", 1)).isZero();
            first.awaitAll(List.of("both", "hash-only"), TIMEOUT);
            assertThat(first.payloads()).as("one copy of a message matching two subscriptions [MQTT-3.3.4-2]")
                    .containsExactly("both", "hash-only");
            assertThat(ids.get("both")).containsExactlyInAnyOrder(11, 22);
            assertThat(ids.get("hash-only")).containsExactly(22);
            onA.disconnect(0).waitForCompletion(TIMEOUT.toMillis());
        } finally {
            pahoClose(onA);
        }

        Mqtt5AsyncClient pub1 = clients.connected(u + "-pub-1", node(1), null);
        Received resumed = new Received(u + " on node 2");
        MqttAsyncClient onB = paho(u, node(2), resumed, ids);
        try {
            assertThat(pahoConnect(onB, false)).as("session present").isTrue();
            awaitRoutes(pub1, u + "/probe/x", resumed);
            assertThat(publish(pub1, u + "/b/x", "both-resumed", 1)).isZero();
            assertThat(publish(pub1, u + "/b/y", "hash-only-resumed", 1)).isZero();
            resumed.awaitAll(List.of("both-resumed", "hash-only-resumed"), TIMEOUT);
            assertThat(resumed.payloads()).containsExactly("both-resumed", "hash-only-resumed");
            assertThat(ids.get("both-resumed")).containsExactlyInAnyOrder(11, 22);
            assertThat(ids.get("hash-only-resumed")).containsExactly(22);
            onB.disconnect(0).waitForCompletion(TIMEOUT.toMillis());
        } finally {
            pahoClose(onB);
        }
    }

    @Test
    @DisplayName("MQTT 5: No Local: a client does not get its own messages on a No Local subscription, other"
            + " clients' it does, also after the session resumed on the other node [MQTT-3.8.3-3]")
    void noLocal() {
        Received observer = new Received(u + "/chat on node 2, not No Local");
        subscribe(clients.connected(u + "-observer", node(2), observer), u + "/chat", 1);
        Mqtt5AsyncClient other = clients.connected(u + "-other", node(1), null);
        Received first = new Received(u + " on node 1, No Local");
        Mqtt5AsyncClient onA = client5(u, node(1), first);
        onA.connectWith().cleanStart(true).sessionExpiryInterval(300).send().orTimeout(10, TimeUnit.SECONDS).join();
        onA.subscribeWith().topicFilter(u + "/chat").qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        awaitRoutes(other, u + "/chat", first, observer);
        awaitRoutes(onA, u + "/chat", observer);

        // its own first: had it been delivered, it would be there before the other client's
        assertThat(publish(onA, u + "/chat", "own-1", 1)).isZero();
        assertThat(publish(other, u + "/chat", "other-1", 1)).isZero();
        first.awaitAll(List.of("other-1"), TIMEOUT);
        assertThat(first.payloads()).containsExactly("other-1");
        onA.disconnect().orTimeout(10, TimeUnit.SECONDS).join();

        Received resumed = new Received(u + " on node 2, No Local");
        Mqtt5AsyncClient onB = client5(u, node(2), resumed);
        assertThat(onB.connectWith().cleanStart(false).sessionExpiryInterval(300).send()
                .orTimeout(10, TimeUnit.SECONDS).join().isSessionPresent()).as("session present").isTrue();
        awaitRoutes(other, u + "/chat", resumed);
        assertThat(publish(onB, u + "/chat", "own-2", 1)).isZero();
        assertThat(publish(other, u + "/chat", "other-2", 1)).isZero();
        resumed.awaitAll(List.of("other-2"), TIMEOUT);
        assertThat(resumed.payloads()).as("the option survives the move to node 2").containsExactly("other-2");

        observer.awaitAll(List.of("own-1", "other-1", "own-2", "other-2"), TIMEOUT);
        assertThat(observer.payloads()).as("others get every message")
                .containsExactlyInAnyOrder("own-1", "other-1", "own-2", "other-2");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A tracked 5.0 client for {@code node}, not connected, whose messages go to {@code inbox}. */
    private Mqtt5AsyncClient client5(String clientId, BrokerProcess node, Received inbox) {
        Mqtt5AsyncClient c = clients.track(Clients.v5(clientId, node).buildAsync());
        if (inbox != null) {
            c.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
        }
        return c;
    }

    /** A tracked 3.1.1 client for {@code node}, not connected, whose messages go to {@code inbox}. */
    private Mqtt3AsyncClient client3(String clientId, BrokerProcess node, Received inbox) {
        Mqtt3AsyncClient c = clients.track(Clients.v3(clientId, node).buildAsync());
        c.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
        return c;
    }

    /** A 5.0 client builder that connects through {@code relay}, so that the test can break its connection. */
    private static com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder viaRelay(String clientId, TcpProxy relay) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(relay.port());
    }

    /**
     * Publishes messages m-{@code first} .. on {@code topic}, {@code count} of them, QoS 1 and 2 in turn (by
     * number); each must reach a subscriber.
     */
    private static List<String> queueMixedQos(Mqtt5AsyncClient pub, String topic, int first, int count) {
        List<String> payloads = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String payload = "m-" + i;
            payloads.add(payload);
            // one topic, QoS 1 and 2 mixed: an ordered topic keeps its order whatever the QoS [MQTT-4.6.0-6]
            assertThat(publish(pub, topic, payload, 1 + i % 2)).as("answer to " + payload).isZero();
        }
        return payloads;
    }

    /** The queued messages of {@link #queueMixedQos}: in order, each once, at the QoS they were published with. */
    private static void assertQueuedInOrder(Received resumed, List<String> expected) {
        assertThat(resumed.payloads()).as("queued messages, in order, each once").containsExactlyElementsOf(expected);
        for (Received.Message m : resumed.messages()) {
            int i = Integer.parseInt(m.payload().substring("m-".length()));
            assertThat(m.qos()).as("QoS of " + m.payload()).isEqualTo(1 + i % 2);
        }
    }

    /**
     * After a session was discarded and the new one subscribed to {@code u/marker}: the old subscription on
     * {@code u/old} is withdrawn everywhere (publishes there are answered 0x10 "no matching subscribers" once the
     * withdrawal has spread), and nothing published there, before or after, reaches the new session, which gets
     * only what it subscribed to.
     */
    private void assertOnlyTheNewSubscription(Mqtt5AsyncClient pub, Received fresh) {
        awaitNoSubscriber(pub, u + "/old");
        awaitRoutes(pub, u + "/marker", fresh);
        assertThat(publish(pub, u + "/marker", "marker", 1)).isZero();
        fresh.awaitAll(List.of("marker"), TIMEOUT);
        assertThat(fresh.payloads()).as("only what the new session subscribed to").containsExactly("marker");
    }

    /**
     * Publishes QoS 1 messages on {@code topic} until the answer is 0x10 (no matching subscribers): a route
     * withdrawn on one node spreads to the others a moment later, as a new one does.
     */
    private static void awaitNoSubscriber(Mqtt5AsyncClient pub, String topic) {
        int[] n = {0};
        await(topic + " has no subscriber").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> publish(pub, topic, "stale-" + n[0]++, 1) == 0x10);
    }

    private static int retain(Mqtt5AsyncClient pub, String topic, String payload) {
        try {
            return Publishes.reasonCode(Publishes.sendRetained(pub, topic, payload, 1).orTimeout(10, TimeUnit.SECONDS)
                    .join());
        } catch (java.util.concurrent.CompletionException e) {
            return Publishes.reasonCode(e);
        }
    }

    /** Publishes with a Message Expiry Interval (none when null); returns the reason code of the answer. */
    private static int expiring(Mqtt5AsyncClient pub, String topic, String payload, int qos, Long expirySeconds,
            boolean retain) {
        var b = pub.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).retain(retain).payload(bytes(payload));
        if (expirySeconds != null) {
            b.messageExpiryInterval(expirySeconds);
        }
        return Publishes.reasonCode(b.send().orTimeout(10, TimeUnit.SECONDS).join());
    }

    /** An Eclipse Paho 5.0 client (it shows the subscription identifiers of what it receives). */
    /** Closes a client whatever state a failed assertion left it in, so that the failure is what gets reported. */
    private static void pahoClose(MqttAsyncClient c) throws MqttException {
        if (c.isConnected()) {
            c.disconnectForcibly(0, 1000, false);
        }
        c.close(true);
    }

    private static MqttAsyncClient paho(String clientId, BrokerProcess node, Received inbox,
            Map<String, List<Integer>> ids) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + node.tcpPort(), clientId, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                String payload = new String(m.getPayload(), StandardCharsets.UTF_8);
                List<Integer> sids = m.getProperties().getSubscriptionIdentifiers();
                ids.put(payload, sids == null ? List.of() : List.copyOf(sids));
                inbox.add(topic, payload, m.getQos(), m.isRetained());
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        return c;
    }

    /** Connects with a 300 s session expiry; returns session present. */
    private static boolean pahoConnect(MqttAsyncClient c, boolean cleanStart) throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(300L);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) TIMEOUT.toSeconds());
        IMqttToken token = c.connect(o);
        token.waitForCompletion(TIMEOUT.toMillis());
        return token.getSessionPresent();
    }

    /** Subscribes at QoS 1 with a Subscription Identifier. */
    private static void pahoSubscribe(MqttAsyncClient c, String filter, int subscriptionId) throws MqttException {
        MqttProperties props = new MqttProperties();
        props.setSubscriptionIdentifier(subscriptionId);
        IMqttToken token = c.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, null, null, props);
        token.waitForCompletion(TIMEOUT.toMillis());
        assertThat(token.getReasonCodes()).as("SUBACK for " + filter).containsExactly(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Mqtt5Publish p) {
        return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    /** The body of the node's /q/health/ready. */
    private static String readiness(BrokerProcess n) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A scalar field of the readiness JSON, as text (quotes removed); null when absent. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([^\",}\\s]+)").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
