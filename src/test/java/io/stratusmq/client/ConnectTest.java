package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("CONNECT and DISCONNECT through real client libraries (MQTT 3.1.1 and 5.0 sections 3.1, 3.2, 3.14)")
class ConnectTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a client connects with a clean session, is told no session is present, and disconnects"
            + " [MQTT-3.2.2-1]")
    void connectAndDisconnect(Endpoint e) throws Exception {
        TestClient c = client(e, e.unique("connect"));

        boolean sessionPresent = c.connect();

        assertThat(sessionPresent).as("Session Present with a clean session").isFalse();
        assertThat(c.isConnected()).isTrue();
        c.disconnect();
        assertThat(c.isConnected()).isFalse();
        assertThat(c.lost()).as("the broker did not end the connection itself").isNotDone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("the same client id connects again after a DISCONNECT, and works")
    void reconnectAfterDisconnect(Endpoint e) throws Exception {
        String id = e.unique("reconnect");
        String topic = e.unique("reconnect") + "/t";
        TestClient first = client(e, id);
        first.connect();
        first.disconnect();

        TestClient second = client(e, id);
        assertThat(second.connect()).as("Session Present after a clean session ended").isFalse();
        second.subscribe(topic, 1);
        second.publish(Msg.of(topic, "again", 1));

        Msg got = second.next();
        assertThat(got.topic()).isEqualTo(topic);
        assertThat(got.text()).isEqualTo("again");
    }

    @ParameterizedTest(name = "Paho over {0}")
    @EnumSource(Transport.class)
    @DisplayName("a client speaking MQTT 3.1 (protocol name MQIsdp, level 3) connects, subscribes and publishes")
    void mqtt31(Transport transport) throws Exception {
        Endpoint e = new Endpoint(Library.PAHO_3, transport);
        String topic = e.unique("v31") + "/t";
        TestClient old = track(new Paho3Client(e.unique("v31"), transport, transport.brokerPort(),
                MqttConnectOptions.MQTT_VERSION_3_1));
        old.connect();
        old.subscribe(topic, 2);
        TestClient current = connected(e, "v311");

        old.publish(Msg.of(topic, "from 3.1", 1));
        current.publish(Msg.of(topic, "from 3.1.1", 2));

        assertThat(old.next(2)).extracting(Msg::text).containsExactlyInAnyOrder("from 3.1", "from 3.1.1");
    }
}
