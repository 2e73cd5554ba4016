package io.stratusmq.security.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.RawConnection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Usernames and passwords from a file mosquitto_passwd wrote, through real MQTT clients. */
@QuarkusTest
@TestProfile(SecurityProfiles.PasswordsAndAcl.class)
class PasswordAuthTest {

    @ParameterizedTest(name = "{0} over {2}")
    @CsvSource(delimiter = '|', value = {
        "alice|alice-secret|ws",
        "alice|alice-secret|tcp",
        "bob|pässwörd ünïcode ✓|ws",
        "carol|carol: with colon and spaces|tcp",
        "dave|legacy-sha512|tcp"})
    @DisplayName("users of a mosquitto_passwd file ($7$ and $6$) connect with their password (5.0 and 3.1.1)")
    void rightPassword(String user, String password, String transport) {
        Mqtt5BlockingClient c5 = Clients.v5(transport, "ok5-" + user);
        assertThat(Clients.connect(c5, user, password)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        c5.disconnect();
        Mqtt3BlockingClient c3 = Clients.v3(transport, "ok3-" + user);
        assertThat(Clients.connect(c3, user, password)).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        c3.disconnect();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "alice|wrong",
        "alice|ALICE-SECRET",
        "mallory|alice-secret",
        "Alice|alice-secret"})
    @DisplayName("[MQTT-3.2.2] wrong username or password: CONNACK 0x86 (5.0) / 0x04 (3.1.1), whichever part is wrong")
    void wrongCredentials(String user, String password) {
        Mqtt5BlockingClient c5 = Clients.v5("tcp", "bad5");
        assertThat(Clients.connect(c5, user, password)).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        Mqtt3BlockingClient c3 = Clients.v3("ws", "bad3");
        assertThat(Clients.connect(c3, user, password)).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("a username without a password is refused like a wrong password (0x86 / 0x04)")
    void usernameOnly() {
        assertThat(Clients.connect(Clients.v5("tcp", "u5"), "alice", null))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Clients.connect(Clients.v3("tcp", "u3"), "alice", null))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("with a user store configured anonymous access is off by default: 0x87 (5.0) / 0x05 (3.1.1)")
    void anonymousRefused() {
        assertThat(Clients.connect(Clients.v5("ws", "anon5"), null, null))
                .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(Clients.connect(Clients.v3("tcp", "anon3"), null, null))
                .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "tcp"})
    @DisplayName("wire: 3.1.1 CONNECT with a wrong password gets exactly CONNACK 0x04, then the close [MQTT-3.2.2-5]")
    void wireBadPassword(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 19             // CONNECT, remaining length 25
                    00 04 4d 51 54 54 // "MQTT"
                    04                // level 4: 3.1.1
                    c2                // username, password, clean session
                    00 3c             // keep alive 60
                    00 01 61          // client id "a"
                    00 05 61 6c 69 63 65 // username "alice"
                    00 03 62 61 64    // password "bad"
                    """);
            c.expect("20 02 00 04");
            c.expectClosed();
        }
    }

    @Test
    @DisplayName("a will on a topic the user may not write refuses the CONNECT: 0x87 (5.0) / 0x05 (3.1.1)")
    void willNotAuthorized() {
        byte[] payload = "gone".getBytes(StandardCharsets.UTF_8);
        assertThat(Clients.connect(Clients.v5("tcp", "will5"), "bob", "pässwörd ünïcode ✓",
                b -> b.willPublish().topic("alice/status").payload(payload).applyWillPublish()))
                .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(Clients.connect(Clients.v3("tcp", "will3"), "bob", "pässwörd ünïcode ✓",
                b -> b.willPublish().topic("alice/status").payload(payload).applyWillPublish()))
                .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        Mqtt5BlockingClient ok = Clients.v5("tcp", "will-ok");
        assertThat(Clients.connect(ok, "bob", "pässwörd ünïcode ✓",
                b -> b.willPublish().topic("bob/status").payload(payload).qos(MqttQos.AT_LEAST_ONCE)
                        .applyWillPublish())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        ok.disconnect();
    }
}
