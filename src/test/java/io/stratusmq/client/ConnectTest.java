package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
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
}
