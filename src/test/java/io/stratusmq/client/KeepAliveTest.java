package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.TcpProxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("Keep alive through real client libraries (section 3.1.2.10)")
class KeepAliveTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("an idle client with a 1 s keep alive stays connected on its PINGREQs, and works afterwards")
    void idleClientStaysConnected(Endpoint e) throws Exception {
        String topic = e.unique("idle") + "/t";
        TestClient idle = client(e, e.unique("idle"));
        idle.connect(ConnectOptions.clean().withKeepAlive(1));
        idle.subscribe(topic, 1);

        await("connected through keep-alive periods").during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5))
                .until(idle::isConnected);

        assertThat(idle.lost()).isNotDone();
        idle.publish(Msg.of(topic, "still here", 1));
        assertThat(idle.next().text()).isEqualTo("still here");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a client whose network goes silent is disconnected after 1.5 times its keep alive and its will"
            + " is published [MQTT-3.1.2-22] [MQTT-3.1.2-8]")
    void silentClientTimesOut(Endpoint e) throws Exception {
        String willTopic = e.unique("silent") + "/status";
        TestClient watcher = connected(e, "watcher");
        watcher.subscribe(willTopic, 1);
        TcpProxy network = proxy(e);
        TestClient silent = track(e.clientVia(network, e.unique("silent")));
        silent.connect(ConnectOptions.clean().withKeepAlive(1).withWill(Msg.of(willTopic, "timed out", 1)));

        long start = System.nanoTime();
        network.blackHole();

        Msg will = watcher.next();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(will.text()).isEqualTo("timed out");
        assertThat(elapsedMillis).as("milliseconds from silence to the will").isBetween(1_000L, 4_000L);
    }
}
