package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("Session takeover through real client libraries (section 3.1.4)")
class SessionTakeoverTest extends ClientTest {

    /** MQTT 5 DISCONNECT reason code Session taken over. */
    private static final int SESSION_TAKEN_OVER = 0x8E;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a second connection with the same client id disconnects the first and takes its session;"
            + " a 5.0 client is told why [MQTT-3.1.4-3]")
    void secondConnectionTakesOver(Endpoint e) throws Exception {
        String id = e.unique("takeover");
        String topic = e.unique("takeover") + "/t";
        TestClient old = client(e, id);
        old.connect(ConnectOptions.persistent());
        old.subscribe(topic, 1);

        TestClient taker = client(e, id);
        boolean sessionPresent = taker.connect(ConnectOptions.persistent());

        TestClient.ConnectionLost lost = old.lost().get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        // the library reports the loss on the DISCONNECT (or the close) and updates its state a moment later
        await().atMost(TestClient.TIMEOUT).untilAsserted(() -> assertThat(old.isConnected()).as("old connection")
                .isFalse());
        if (e.library().v5()) {
            assertThat(lost.reasonCode()).as("DISCONNECT reason code seen by the old client: %s", lost.detail())
                    .isEqualTo(SESSION_TAKEN_OVER);
        }
        assertThat(sessionPresent).as("Session Present for the new connection").isTrue();
        assertThat(taker.isConnected()).isTrue();

        TestClient pub = connected(e, "pub");
        pub.publish(Msg.of(topic, "to the new owner", 1));
        Msg got = taker.next();
        assertThat(got.text()).as("the subscription moved with the session").isEqualTo("to the new owner");
        assertThat(old.inbox()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a takeover with a clean session starts afresh: no Session Present, old subscriptions gone")
    void cleanTakeoverStartsAfresh(Endpoint e) throws Exception {
        String id = e.unique("takeover-clean");
        String topic = e.unique("takeover-clean") + "/t";
        TestClient old = client(e, id);
        old.connect(ConnectOptions.persistent());
        old.subscribe(topic, 1);

        TestClient taker = client(e, id);
        assertThat(taker.connect(ConnectOptions.clean())).as("Session Present").isFalse();
        old.lost().get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        String fence = topic + "/fence";
        taker.subscribe(fence, 1);
        TestClient pub = connected(e, "pub");
        pub.publish(Msg.of(topic, "to nobody", 1));
        pub.publish(Msg.of(fence, "fence", 1));
        assertThat(taker.next().text()).as("the old subscription did not survive").isEqualTo("fence");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a takeover in the middle of a QoS 1 stream loses nothing: what the old connection did not"
            + " acknowledge goes to the new one [MQTT-4.4.0-1]")
    void takeoverDuringStreamLosesNothing(Endpoint e) throws Exception {
        String id = e.unique("takeover-stream");
        String topic = e.unique("takeover-stream") + "/t";
        int total = 300;
        TestClient old = client(e, id);
        old.connect(ConnectOptions.persistent());
        old.subscribe(topic, 1);
        TestClient pub = connected(e, "pub");
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    pub.publish(Msg.of(topic, "m" + i, 1));
                }
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        await().atMost(TestClient.TIMEOUT).until(() -> old.inbox().size() >= 20);

        TestClient taker = client(e, id);
        assertThat(taker.connect(ConnectOptions.persistent())).as("Session Present").isTrue();
        old.lost().get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        publishing.get(1, TimeUnit.MINUTES);
        pub.publish(Msg.of(topic, "fence", 1));

        Set<String> got = new HashSet<>();
        old.inbox().forEach(m -> got.add(m.text()));
        Msg m;
        while (!(m = taker.next()).text().equals("fence")) {
            got.add(m.text());
        }
        for (int i = 0; i < total; i++) {
            assertThat(got).as("m%d received by the old or the new connection", i).contains("m" + i);
        }
    }

    /**
     * HiveMQ 5.0 acknowledging by hand, so that the old connection holds messages it received and never
     * acknowledged: exactly those the broker must send again to the new one.
     */
    @ParameterizedTest(name = "HiveMQ 5.0 over {0}")
    @EnumSource(Transport.class)
    @DisplayName("messages the old connection received but never acknowledged are sent again to the new one, with"
            + " the rest of the queue [MQTT-4.4.0-1]")
    void unacknowledgedMessagesMoveToTheNewConnection(Transport transport) throws Exception {
        Endpoint e = new Endpoint(Library.HIVEMQ_5, transport);
        String id = e.unique("takeover-unacked");
        String topic = e.unique("takeover-unacked") + "/t";
        int total = 100;
        HiveMq5Client old = track(new HiveMq5Client(id, transport, transport.brokerPort(), true));
        old.connect(ConnectOptions.persistent().withReceiveMaximum(10));
        old.subscribe(topic, 1);
        TestClient pub = connected(e, "pub");
        for (int i = 0; i < total; i++) {
            pub.publish(Msg.of(topic, "m" + i, 1));
        }
        await().atMost(TestClient.TIMEOUT).until(() -> old.inbox().size() == 10);

        TestClient taker = client(e, id);
        assertThat(taker.connect(ConnectOptions.persistent())).as("Session Present").isTrue();
        old.lost().get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        Set<String> got = new HashSet<>();
        while (got.size() < total) {
            got.add(taker.next().text());
        }
        assertThat(got).as("messages at the new connection, none acknowledged by the old one").hasSize(total);
    }
}
