package io.stratusmq.security.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
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
import io.stratusmq.testing.Jwts;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Browser-style clients with a JWT in the password field (HS256, issuer and audience checked). */
@QuarkusTest
@TestProfile(SecurityProfiles.Jwt.class)
class JwtAuthTest {

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String token(String subject, Consumer<JwtClaims> more) {
        JwtClaims c = Jwts.claims(subject, now(), x -> {
            x.setIssuer(SecurityProfiles.JWT_ISSUER);
            x.setAudience(SecurityProfiles.JWT_AUDIENCE);
            more.accept(x);
        });
        return Jwts.sign(c, AlgorithmIdentifiers.HMAC_SHA256, Jwts.hmac(SecurityProfiles.JWT_SECRET));
    }

    private static String token(String subject) {
        return token(subject, c -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "tcp"})
    @DisplayName("a valid token connects, with any username (5.0: none at all; 3.1.1 needs one [MQTT-3.1.2-22])")
    void valid(String transport) {
        Mqtt5BlockingClient c5 = Clients.v5(transport, "jwt-ok5");
        assertThat(Clients.connect(c5, null, token("dash-1"))).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        c5.disconnect();
        Mqtt3BlockingClient c3 = Clients.v3(transport, "jwt-ok3");
        assertThat(Clients.connect(c3, "anything", token("dash-1"))).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        c3.disconnect();
    }

    @Test
    @DisplayName("expired token: CONNACK 0x86 (5.0) / 0x04 (3.1.1)")
    void expired() {
        String t = token("dash-1", c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now() - 7200));
            c.setExpirationTime(NumericDate.fromSeconds(now() - 3600));
        });
        assertThat(Clients.connect(Clients.v5("ws", "jwt-exp5"), null, t))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Clients.connect(Clients.v3("ws", "jwt-exp3"), "jwt", t))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("wrong signature: 0x86 / 0x04")
    void wrongSignature() {
        String t = Jwts.sign(Jwts.claims("dash-1", now(), c -> {
            c.setIssuer(SecurityProfiles.JWT_ISSUER);
            c.setAudience(SecurityProfiles.JWT_AUDIENCE);
        }), AlgorithmIdentifiers.HMAC_SHA256, Jwts.hmac("some-other-secret-that-is-32-bytes-long"));
        assertThat(Clients.connect(Clients.v5("ws", "jwt-sig5"), null, t))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Clients.connect(Clients.v3("tcp", "jwt-sig3"), "jwt", t))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("wrong audience or issuer: 0x86 / 0x04")
    void wrongAudienceOrIssuer() {
        String aud = token("dash-1", c -> c.setAudience("another-service"));
        assertThat(Clients.connect(Clients.v5("ws", "jwt-aud5"), null, aud))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Clients.connect(Clients.v3("ws", "jwt-aud3"), "jwt", aud))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        String iss = token("dash-1", c -> c.setIssuer("https://evil.test"));
        assertThat(Clients.connect(Clients.v5("ws", "jwt-iss5"), null, iss))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    @DisplayName("with JWT configured anonymous access is off by default: 0x87 / 0x05")
    void anonymousRefused() {
        assertThat(Clients.connect(Clients.v5("ws", "jwt-anon5"), null, null))
                .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(Clients.connect(Clients.v3("ws", "jwt-anon3"), null, null))
                .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    @Test
    @DisplayName("topic claims narrow what the client may do: mqtt_publish for PUBLISH (0x87 else), mqtt_subscribe "
            + "for SUBSCRIBE (0x87 else)")
    void topicClaims() throws Exception {
        Mqtt5BlockingClient dash = Clients.v5("ws", "jwt-dash");
        String t = token("dash-1", c -> {
            c.setStringListClaim("mqtt_subscribe", "dash/+/status");
            c.setStringListClaim("mqtt_publish", "cmd/dash-1");
        });
        assertThat(Clients.connect(dash, null, t)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        Mqtt5BlockingClient service = Clients.v5("tcp", "jwt-service");
        assertThat(Clients.connect(service, "svc", token("service"))).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        try (Mqtt5BlockingClient.Mqtt5Publishes got = dash.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(Clients.subscribe(dash, "dash/+/status", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThat(Clients.subscribe(dash, "#", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(Clients.subscribe(dash, "cmd/dash-1", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(Clients.publishQos1(dash, "cmd/dash-1", "go", false))
                    .isIn(Mqtt5PubAckReasonCode.SUCCESS, Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
            assertThat(Clients.publishQos1(dash, "dash/a/status", "spoof", false))
                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            // a token without topic claims and no ACL: everything
            assertThat(Clients.subscribe(service, "#", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            Clients.publishQos1(service, "dash/a/status", "up", false);
            assertThat(got.receive(5, TimeUnit.SECONDS).map(p -> new String(p.getPayloadAsBytes(),
                    StandardCharsets.UTF_8))).contains("up");
        }
        dash.disconnect();
        service.disconnect();
    }
}
