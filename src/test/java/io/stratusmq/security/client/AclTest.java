package io.stratusmq.security.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.DropReason;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ACL of src/test/resources/security/acl.conf through real clients: alice reads sensors/# but not
 * sensors/secret/#, writes alice/# and cmd/#; bob reads sensors/public/#; carol may use every topic; everyone
 * may use devices/{client id}/#.
 */
@QuarkusTest
@TestProfile(SecurityProfiles.PasswordsAndAcl.class)
class AclTest {

    @Inject
    BrokerStats stats;

    static final String ALICE = "alice-secret";
    static final String BOB = "pässwörd ünïcode ✓";
    static final String CAROL = "carol: with colon and spaces";

    private static Mqtt5BlockingClient v5(String transport, String id, String user, String password) {
        Mqtt5BlockingClient c = Clients.v5(transport, id);
        assertThat(Clients.connect(c, user, password)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        return c;
    }

    private static String text(Mqtt5Publish p) {
        return p.getTopic() + "=" + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("MQTT 5 publish the ACL denies: PUBACK 0x87 (section 3.4.2.1), and no subscriber gets it")
    void deniedPublishV5() throws Exception {
        Mqtt5BlockingClient carol = v5("ws", "acl-carol-1", "carol", CAROL);
        try (Mqtt5BlockingClient.Mqtt5Publishes got = carol.publishes(MqttGlobalPublishFilter.ALL)) {
            Clients.subscribe(carol, "#", MqttQos.AT_LEAST_ONCE);
            Mqtt5BlockingClient alice = v5("tcp", "acl-alice-1", "alice", ALICE);
            assertThat(Clients.publishQos1(alice, "sensors/kitchen", "denied", false))
                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            assertThat(Clients.publishQos1(alice, "alice/out", "allowed", false))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(got.receive(5, TimeUnit.SECONDS).map(AclTest::text)).contains("alice/out=allowed");
            assertThat(got.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            alice.disconnect();
        }
        carol.disconnect();
    }

    @Test
    @DisplayName("MQTT 5 QoS 0 publish the ACL denies: no ack exists, so DISCONNECT 0x87 (section 3.14.2.1)")
    void deniedPublishV5Qos0() throws Exception {
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        Mqtt5BlockingClient alice = MqttClient.builder().useMqttVersion5().identifier("acl-alice-q0")
                .serverHost("127.0.0.1").serverPort(Broker.tcpPort())
                .addDisconnectedListener(ctx -> cause.complete(ctx.getCause())).buildBlocking();
        assertThat(Clients.connect(alice, "alice", ALICE)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        alice.publishWith().topic("sensors/kitchen").qos(MqttQos.AT_MOST_ONCE)
                .payload("denied".getBytes(StandardCharsets.UTF_8)).send();
        assertThat(cause.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
    }

    @Test
    @DisplayName("MQTT 3.1.1 publish the ACL denies: acknowledged and dropped, as Mosquitto does; the client stays")
    void deniedPublishV3Dropped() throws Exception {
        Mqtt5BlockingClient carol = v5("tcp", "acl-carol-2", "carol", CAROL);
        try (Mqtt5BlockingClient.Mqtt5Publishes got = carol.publishes(MqttGlobalPublishFilter.ALL)) {
            Clients.subscribe(carol, "#", MqttQos.AT_LEAST_ONCE);
            Mqtt3BlockingClient alice = Clients.v3("ws", "acl-alice-2");
            assertThat(Clients.connect(alice, "alice", ALICE)).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
            alice.publishWith().topic("sensors/kitchen").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("denied".getBytes(StandardCharsets.UTF_8)).send();
            alice.publishWith().topic("sensors/kitchen").qos(MqttQos.AT_MOST_ONCE)
                    .payload("denied0".getBytes(StandardCharsets.UTF_8)).send();
            alice.publishWith().topic("alice/after").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("allowed".getBytes(StandardCharsets.UTF_8)).send();
            // deliveries keep order: had the denied ones gone through, they would arrive first
            assertThat(got.receive(5, TimeUnit.SECONDS).map(AclTest::text)).contains("alice/after=allowed");
            assertThat(got.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            assertThat(alice.getState().isConnected()).isTrue();
            alice.disconnect();
        }
        carol.disconnect();
    }

    @ParameterizedTest(name = "alice subscribes {0}: {1}")
    @CsvSource({
        "sensors/#, NOT_AUTHORIZED", // sensors/secret/... is denied
        "sensors/+, NOT_AUTHORIZED", // sensors/secret is denied ('#' in the deny rule takes the parent)
        "#, NOT_AUTHORIZED",
        "cmd/#, NOT_AUTHORIZED", // write only
        "$share/g/sensors/#, NOT_AUTHORIZED", // the filter after $share/{group}/ is what is checked
        "sensors/public/#, GRANTED_QOS_1",
        "sensors/+/temperature, NOT_AUTHORIZED",
        "sensors/kitchen/+, GRANTED_QOS_1",
        "alice/+, GRANTED_QOS_1",
        "$share/g/alice/#, GRANTED_QOS_1"})
    @DisplayName("MQTT 5 SUBSCRIBE to a filter with any unreadable topic: SUBACK 0x87 (section 3.9.3), others granted")
    void subscribeV5(String filter, Mqtt5SubAckReasonCode expected) {
        Mqtt5BlockingClient alice = v5("tcp", "acl-alice-sub", "alice", ALICE);
        assertThat(Clients.subscribe(alice, filter, MqttQos.AT_LEAST_ONCE)).isEqualTo(expected);
        alice.disconnect();
    }

    @Test
    @DisplayName("MQTT 3.1.1 SUBSCRIBE to a filter with any unreadable topic: SUBACK 0x80 [MQTT-3.9.3-2]")
    void subscribeV3() {
        Mqtt3BlockingClient bob = Clients.v3("tcp", "acl-bob-sub");
        assertThat(Clients.connect(bob, "bob", BOB)).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        assertThat(Clients.subscribe(bob, "sensors/#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt3SubAckReturnCode.FAILURE);
        assertThat(Clients.subscribe(bob, "sensors/public/+", MqttQos.AT_LEAST_ONCE))
                .isEqualTo(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1);
        bob.disconnect();
    }

    @Test
    @DisplayName("mosquitto pattern %c: a client may use devices/<its own client id>/# only")
    void patternByClientId() {
        Mqtt5BlockingClient bob = v5("ws", "dev-7", "bob", BOB);
        assertThat(Clients.publishQos1(bob, "devices/dev-7/state", "on", false))
                .isIn(Mqtt5PubAckReasonCode.SUCCESS, Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        assertThat(Clients.publishQos1(bob, "devices/dev-8/state", "on", false))
                .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(Clients.subscribe(bob, "devices/dev-7/#", MqttQos.AT_LEAST_ONCE))
                .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        assertThat(Clients.subscribe(bob, "devices/+/state", MqttQos.AT_LEAST_ONCE))
                .isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        bob.disconnect();
    }

    @Test
    @DisplayName("a retained message on a topic the client may not read is not delivered to it")
    void retained() throws Exception {
        Mqtt5BlockingClient carol = v5("tcp", "acl-carol-3", "carol", CAROL);
        Clients.publishQos1(carol, "sensors/secret/code", "1234", true);
        Clients.publishQos1(carol, "sensors/public/temp", "21", true);
        Mqtt5BlockingClient bob = v5("ws", "acl-bob-3", "bob", BOB);
        try (Mqtt5BlockingClient.Mqtt5Publishes got = bob.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(Clients.subscribe(bob, "sensors/secret/code", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(Clients.subscribe(bob, "sensors/+/temp", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(Clients.subscribe(bob, "sensors/public/#", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            Optional<Mqtt5Publish> first = got.receive(5, TimeUnit.SECONDS);
            assertThat(first.map(AclTest::text)).contains("sensors/public/temp=21");
            assertThat(first.get().isRetain()).isTrue();
            assertThat(got.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            bob.disconnect();
            Clients.publishQos1(carol, "sensors/secret/code", "", true);
            Clients.publishQos1(carol, "sensors/public/temp", "", true);
            carol.disconnect();
        }
    }

    @Test
    @DisplayName("a will, and any message, reaching a client through a subscription it may no longer read is dropped "
            + "at delivery (here bob took over the session alice subscribed with)")
    void willNotDeliveredToNonReader() throws Exception {
        Mqtt5BlockingClient alice = Clients.v5("tcp", "console");
        assertThat(Clients.connect(alice, "alice", ALICE, b -> b.cleanStart(true).sessionExpiryInterval(300)))
                .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(Clients.subscribe(alice, "alice/#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        alice.disconnect();

        long droppedBefore = stats.droppedCount(DropReason.NOT_AUTHORIZED);
        Mqtt5BlockingClient bob = Clients.v5("ws", "console");
        try (Mqtt5BlockingClient.Mqtt5Publishes bobGot = bob.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5ConnAck ack = bob.connectWith().cleanStart(false).sessionExpiryInterval(300).simpleAuth()
                    .username("bob").password(BOB.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
            assertThat(ack.isSessionPresent()).isTrue(); // alice's subscription to alice/# came with it
            assertThat(Clients.subscribe(bob, "bob/#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            Mqtt5BlockingClient watch = v5("tcp", "acl-watch", "carol", CAROL);
            try (Mqtt5BlockingClient.Mqtt5Publishes watched = watch.publishes(MqttGlobalPublishFilter.ALL)) {
                Clients.subscribe(watch, "alice/#", MqttQos.AT_LEAST_ONCE);
                Mqtt5BlockingClient dying = Clients.v5("tcp", "acl-dying");
                assertThat(Clients.connect(dying, "carol", CAROL, b -> b.willPublish().topic("alice/will")
                        .payload("bye".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE).applyWillPublish()))
                        .isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
                dying.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
                assertThat(watched.receive(5, TimeUnit.SECONDS).map(AclTest::text)).contains("alice/will=bye");
                Clients.publishQos1(watch, "alice/news", "private", false);
                assertThat(watched.receive(5, TimeUnit.SECONDS).map(AclTest::text)).contains("alice/news=private");
                Clients.publishQos1(watch, "bob/control", "last", false);
            }
            watch.disconnect();
            // bob's mailbox holds the will, the news and the control, in that order; only the control is his
            assertThat(bobGot.receive(5, TimeUnit.SECONDS).map(AclTest::text)).contains("bob/control=last");
            assertThat(bobGot.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            // the will and the news did reach bob's session and were dropped when they were to be sent
            assertThat(stats.droppedCount(DropReason.NOT_AUTHORIZED) - droppedBefore).isEqualTo(2);
        } finally {
            bob.disconnectWith().sessionExpiryInterval(0).send();
        }
    }
}
