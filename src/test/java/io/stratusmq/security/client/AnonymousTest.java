package io.stratusmq.security.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Clients;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** stratus.auth.allow-anonymous=true next to a password file: anonymous clients get the ACL's anonymous section. */
@QuarkusTest
@TestProfile(SecurityProfiles.AnonymousAndAcl.class)
class AnonymousTest {

    @Test
    @DisplayName("anonymous clients connect (5.0 and 3.1.1) when allow-anonymous is set, whatever the user stores")
    void anonymousConnects() {
        Mqtt5BlockingClient c5 = Clients.v5("ws", "anon-5");
        assertThat(Clients.connect(c5, null, null)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        c5.disconnect();
        Mqtt3BlockingClient c3 = Clients.v3("tcp", "anon-3");
        assertThat(Clients.connect(c3, null, null)).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        c3.disconnect();
    }

    @Test
    @DisplayName("mosquitto acl_file: topic lines before the first user line apply to anonymous clients")
    void anonymousSection() {
        Mqtt5BlockingClient c = Clients.v5("tcp", "anon-acl");
        assertThat(Clients.connect(c, null, null)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(Clients.subscribe(c, "public/#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        assertThat(Clients.subscribe(c, "sensors/#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        assertThat(Clients.publishQos1(c, "public/x", "read only", false)).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        // pattern lines apply to anonymous clients too, except %u ones
        assertThat(Clients.publishQos1(c, "devices/anon-acl/x", "mine", false))
                .isIn(Mqtt5PubAckReasonCode.SUCCESS, Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        c.disconnect();
    }

    @Test
    @DisplayName("anonymous access does not excuse wrong credentials: still 0x86 / 0x04")
    void wrongPasswordStillRefused() {
        assertThat(Clients.connect(Clients.v5("tcp", "anon-bad5"), "alice", "wrong"))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Clients.connect(Clients.v3("tcp", "anon-bad3"), "mallory", "x"))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }
}
