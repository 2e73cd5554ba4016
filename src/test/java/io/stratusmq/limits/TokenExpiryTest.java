package io.stratusmq.limits;

import static io.stratusmq.wire.Fixtures.packet;
import static io.stratusmq.wire.Fixtures.short16;
import static io.stratusmq.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.Jwts;
import io.stratusmq.testing.RawConnection;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A connection ends when its token's exp passes ({@link Profiles.Jwt}, clock skew 0): 5.0 clients get
 * DISCONNECT 0x87 (not authorized: come back with a fresh token), 3.1.1 clients are disconnected.
 */
@QuarkusTest
@TestProfile(Profiles.Jwt.class)
class TokenExpiryTest {

    @Inject
    ProtocolStats stats;

    private static String tokenExpiringIn(int seconds) {
        long now = System.currentTimeMillis() / 1000;
        return Jwts.sign(Jwts.claims("dash", now, c -> c.setExpirationTime(NumericDate.fromSeconds(now + seconds))),
                AlgorithmIdentifiers.HMAC_SHA256, Jwts.hmac(Profiles.Jwt.SECRET));
    }

    @Test
    @DisplayName("5.0 (HiveMQ client): DISCONNECT 0x87 when the token expires, counted as token_expired")
    void disconnected5() throws Exception {
        long before = stats.count(ProtocolStats.Closed.TOKEN_EXPIRED);
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        Mqtt5BlockingClient c = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier("jwt-exp5")
                .serverHost("127.0.0.1").serverPort(Broker.tcpPort())
                .addDisconnectedListener(ctx -> cause.complete(ctx.getCause())).buildBlocking();
        long start = System.nanoTime();
        c.connectWith().simpleAuth().password(tokenExpiringIn(2).getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send();
        Throwable t = cause.get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(t).isInstanceOf(Mqtt5DisconnectException.class);
        assertThat(((Mqtt5DisconnectException) t).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
        assertThat(millis).as("not before exp").isGreaterThanOrEqualTo(900);
        assertThat(stats.count(ProtocolStats.Closed.TOKEN_EXPIRED)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("3.1.1: the connection closes when the token expires")
    void closed311() throws Exception {
        try (RawConnection c = Broker.raw("ws")) {
            c.send(packet(0x10, utf8("MQTT"), "04", "c2", short16(0), utf8("jwt-exp311"), utf8("dash"),
                    utf8(tokenExpiringIn(2)))); // CONNECT 3.1.1, clean, username and password flags
            c.expect("20 02 00 00");
            c.expectClosed(Duration.ofSeconds(5));
        }
    }

    @Test
    @DisplayName("A token valid for an hour leaves the connection alone")
    void longLivedTokenStays() throws Exception {
        Mqtt5BlockingClient c = Clients.v5("tcp", "jwt-long");
        c.connectWith().simpleAuth().password(tokenExpiringIn(3600).getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        try {
            Thread.sleep(500);
            assertThat(c.getState().isConnected()).isTrue();
        } finally {
            c.disconnect();
        }
    }
}
