package io.stratusmq.wire.connect;

import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.LimitsProfile;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * CONNECT against a broker with stratus.mqtt.max-keep-alive = 10 and stratus.mqtt.connect-timeout = 1s
 * ({@link LimitsProfile}).
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class ConnectLimitsTest {

    @BothTransports
    @DisplayName("5.0: a keep-alive above the server's maximum is replaced, and the CONNACK says so with Server Keep"
            + " Alive [MQTT-3.2.2-21] [MQTT-3.1.2-21]")
    void serverKeepAlive(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 10                      // CONNECT, remaining length 16
                    00 04 4d 51 54 54 05       // "MQTT" level 5
                    02                         // clean start
                    00 3c                      // keep alive 60 s: above the maximum of 10
                    00                         // properties: none
                    00 03 6b 61 %s             // client id "ka" + transport tag
                    """.formatted(tag(transport)));
            c.expect("""
                    20 11                      // CONNACK, remaining length 17
                    00 00                      // session present 0, success
                    0e                         // properties, 14 bytes
                    21 00 02                   //   receive maximum 2
                    27 00 00 00 80             //   maximum packet size 128
                    22 00 0a                   //   topic alias maximum 10
                    13 00 0a                   //   server keep alive 10 s
                    """);
        }
    }

    @BothTransports
    @DisplayName("5.0: keep-alive 0 (none) while the server has a maximum gets that maximum as Server Keep Alive,"
            + " as Mosquitto does")
    void serverKeepAliveForZero(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 10 00 04 4d 51 54 54 05 // CONNECT "MQTT" level 5
                    02                         // clean start
                    00 00                      // keep alive 0: none
                    00                         // properties: none
                    00 03 6b 62 %s             // client id "kb" + transport tag
                    """.formatted(tag(transport)));
            c.expect("20 11 00 00 0e 21 00 02 27 00 00 00 80 22 00 0a 13 00 0a"); // ... server keep alive 10
        }
    }

    @BothTransports
    @DisplayName("5.0: a keep-alive within the maximum is kept, and no Server Keep Alive is sent")
    void keepAliveWithinMaximum(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("10 10 00 04 4d 51 54 54 05 02 00 0a 00 00 03 6b 63 " + tag(transport)); // keep alive 10
            c.expect(LimitsProfile.CONNACK_5);
        }
    }

    @BothTransports
    @DisplayName("3.1.1: a keep-alive above the maximum cannot be negotiated down, so the CONNECT is refused with"
            + " return code 0x02 as Mosquitto does")
    void keepAboveMaximum311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("ka311", transport), true, 60));
            c.expect("""
                    20 02                      // CONNACK
                    00                         // session present 0
                    02                         // return code 2: identifier rejected
                    """);
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("ka311", transport), true, 10));
            c.expect("20 02 00 00");
        }
    }

    @BothTransports
    @DisplayName("A connection that sends no CONNECT within stratus.mqtt.connect-timeout (1 s) is closed")
    void connectTimeout(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            long start = System.nanoTime();
            c.expectClosed(Duration.ofSeconds(3));
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 3_000L);
        }
    }

    @BothTransports
    @DisplayName("Half a CONNECT does not stop the connect timeout: the connection is closed after 1 s")
    void partialConnectTimesOut(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            long start = System.nanoTime();
            c.send("10 0f 00 04 4d 51 54 54"); // the first 8 of 17 bytes
            c.expectClosed(Duration.ofSeconds(3));
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 3_000L);
        }
    }
}
