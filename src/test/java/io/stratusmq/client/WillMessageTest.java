package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.TcpProxy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("Will messages through real client libraries (section 3.1.2.5)")
class WillMessageTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a connection closed without DISCONNECT publishes the will [MQTT-3.1.2-8]")
    void abnormalClosePublishesWill(Endpoint e) throws Exception {
        String willTopic = e.unique("will") + "/status";
        TestClient watcher = connected(e, "watcher");
        watcher.subscribe(willTopic, 2);
        TcpProxy network = proxy(e);
        TestClient dying = e.clientVia(network, e.unique("dying"));
        track(dying);
        dying.connect(ConnectOptions.clean().withWill(Msg.of(willTopic, "gone", 1)));

        network.cut();

        Msg will = watcher.next();
        assertThat(will.topic()).isEqualTo(willTopic);
        assertThat(will.text()).isEqualTo("gone");
        assertThat(will.qos()).isEqualTo(1);
        assertThat(will.retain()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a retained will is kept for later subscribers [MQTT-3.1.2-17]")
    void retainedWill(Endpoint e) throws Exception {
        String willTopic = e.unique("will") + "/status";
        TcpProxy network = proxy(e);
        TestClient dying = e.clientVia(network, e.unique("dying"));
        track(dying);
        dying.connect(ConnectOptions.clean().withWill(Msg.of(willTopic, "offline", 1).retained()));
        TestClient watcher = connected(e, "watcher");
        watcher.subscribe(willTopic, 1);

        network.cut();
        assertThat(watcher.next().text()).isEqualTo("offline");

        TestClient later = connected(e, "later");
        later.subscribe(willTopic, 1);
        Msg kept = later.next();
        assertThat(kept.text()).isEqualTo("offline");
        assertThat(kept.retain()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("DISCONNECT discards the will [MQTT-3.1.2-10]")
    void cleanDisconnectDiscardsWill(Endpoint e) throws Exception {
        String willTopic = e.unique("will") + "/status";
        TestClient watcher = connected(e, "watcher");
        watcher.subscribe(willTopic, 1);
        String id = e.unique("leaving");
        TestClient leaving = client(e, id);
        leaving.connect(ConnectOptions.clean().withWill(Msg.of(willTopic, "gone", 1)));

        leaving.disconnect();
        // A new connection with the same client id has its CONNACK only once the broker has let go of the old
        // session, and with it of any will; a fence published after that marks the end of what could come.
        TestClient again = client(e, id);
        again.connect();
        again.publish(Msg.of(willTopic, "fence", 1));

        assertThat(watcher.next().text()).as("first message on the will topic").isEqualTo("fence");
    }
}
