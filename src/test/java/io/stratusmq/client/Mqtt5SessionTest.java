package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("MQTT 5.0 session and connection limits through real client libraries (sections 3.1.2.11, 3.1.3.2)")
class Mqtt5SessionTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("a session is gone once its Session Expiry Interval has passed after the connection closed"
            + " [MQTT-3.1.2-23]")
    void sessionExpires(Endpoint e) throws Exception {
        String id = e.unique("expiring");
        TestClient first = client(e, id);
        first.connect(ConnectOptions.persistent().withSessionExpiry(1));
        first.subscribe(e.unique("expiring") + "/t", 1);
        first.disconnect();
        // Expiry is the passage of time itself: there is no event to wait for, so let 2 s go by.
        Thread.sleep(2_000);

        TestClient again = client(e, id);
        assertThat(again.connect(ConnectOptions.persistent())).as("Session Present after the expiry").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("a delayed will is published once its Will Delay Interval has passed, not before"
            + " [MQTT-3.1.3-9]")
    void willDelay(Endpoint e) throws Exception {
        String willTopic = e.unique("will-delay") + "/status";
        TestClient watcher = connected(e, "watcher");
        watcher.subscribe(willTopic, 1);
        TcpProxy network = proxy(e);
        TestClient dying = track(e.clientVia(network, e.unique("dying")));
        dying.connect(ConnectOptions.persistent().withWill(Msg.of(willTopic, "gone", 1), 1));

        long cut = System.nanoTime();
        network.cut();

        Msg will = watcher.next();
        long afterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
        assertThat(will.text()).isEqualTo("gone");
        assertThat(afterMillis).as("milliseconds from the cut to the will").isGreaterThanOrEqualTo(900);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("a client that reconnects within its Will Delay Interval cancels the will [MQTT-3.1.3-9]")
    void reconnectWithinWillDelayCancelsWill(Endpoint e) throws Exception {
        String willTopic = e.unique("will-cancel") + "/status";
        String id = e.unique("flaky");
        TestClient watcher = connected(e, "watcher");
        watcher.subscribe(willTopic, 1);
        TcpProxy network = proxy(e);
        TestClient flaky = track(e.clientVia(network, id));
        flaky.connect(ConnectOptions.persistent().withWill(Msg.of(willTopic, "gone", 1), 60));

        network.cut();
        flaky.lost().get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        TestClient back = client(e, id);
        assertThat(back.connect(ConnectOptions.persistent())).as("Session Present").isTrue();
        back.disconnect(); // a normal DISCONNECT: no will for this connection either

        TestClient again = client(e, id); // CONNACK once the broker is done with the previous connection
        again.connect(ConnectOptions.persistent());
        again.publish(Msg.of(willTopic, "fence", 1));
        assertThat(watcher.next().text()).as("first message on the will topic").isEqualTo("fence");
    }

    /**
     * HiveMQ only, acknowledging by hand: a library that acknowledges as soon as its callback returns never has
     * more than one message outstanding, so it cannot tell whether the broker kept to the window.
     */
    @ParameterizedTest(name = "HiveMQ 5.0 over {0}")
    @EnumSource(Transport.class)
    @DisplayName("the broker sends no more unacknowledged QoS 1/2 messages than the client's Receive Maximum, and"
            + " the next ones as acknowledgements come [MQTT-3.3.4-9]")
    void receiveMaximum(Transport transport) throws Exception {
        Endpoint e = new Endpoint(Library.HIVEMQ_5, transport);
        String id = e.unique("slow");
        String topic = e.unique("slow") + "/t";
        int window = 3;
        TestClient first = client(e, id);
        first.connect(ConnectOptions.persistent());
        first.subscribe(topic, 2);
        first.disconnect();
        TestClient pub = connected(e, "pub");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pub.publish(Msg.of(topic, "m" + i, 1 + i % 2));
            sent.add("m" + i);
        }

        HiveMq5Client slow = track(new HiveMq5Client(id, transport, transport.brokerPort(), true));
        slow.connect(ConnectOptions.persistent().withReceiveMaximum(window));
        await("the first Receive Maximum of messages").atMost(TestClient.TIMEOUT)
                .until(() -> slow.inbox().size() >= window);
        // held for half a second: a broker ignoring the window sends all 30 within milliseconds
        await("no more than the Receive Maximum unacknowledged, for 500 ms").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2)).until(() -> slow.inbox().size() <= window);
        int acknowledged = 0;
        while (acknowledged < sent.size()) {
            int received = slow.inbox().size();
            assertThat(received - acknowledged).as("messages outstanding").isLessThanOrEqualTo(window);
            acknowledged += slow.acknowledgeReceived();
            int before = acknowledged;
            if (before < sent.size()) {
                await("messages after acknowledging " + before).atMost(TestClient.TIMEOUT)
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                        .until(() -> slow.inbox().size() > before);
            }
        }

        assertThat(slow.next(sent.size())).extracting(Msg::text).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(slow.lost()).isNotDone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#v5")
    @DisplayName("a message larger than the client's Maximum Packet Size is not sent to it, and the client stays"
            + " connected [MQTT-3.1.2-24] [MQTT-3.1.2-25]")
    void maximumPacketSize(Endpoint e) throws Exception {
        String topic = e.unique("small") + "/t";
        TestClient sub = client(e, e.unique("small"));
        sub.connect(ConnectOptions.clean().withMaximumPacketSize(1024));
        sub.subscribe(topic, 1);
        TestClient pub = connected(e, "pub");

        pub.publish(Msg.of(topic, new byte[2000], 1));
        pub.publish(Msg.of(topic, new byte[900], 1)); // fits: 900 bytes plus the topic and headers
        pub.publish(Msg.of(topic, "fence", 1));

        assertThat(sub.next().payload()).as("the first message that fits").hasSize(900);
        assertThat(sub.next().text()).isEqualTo("fence");
        assertThat(sub.lost()).isNotDone();
    }
}
