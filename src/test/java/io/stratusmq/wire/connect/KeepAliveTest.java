package io.stratusmq.wire.connect;

import static io.stratusmq.wire.Clients.CONNACK_311;
import static io.stratusmq.wire.Clients.CONNACK_5;
import static io.stratusmq.wire.Clients.NO_PROBLEM_INFO;
import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * Keep alive: a client silent for one and a half times its keep-alive is disconnected [MQTT-3.1.2-24]. Each
 * test uses a keep-alive of 1 s and asserts the close inside a window: not before 1.5 s after the CONNECT
 * was sent, and well before 3 s.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class KeepAliveTest {

    private static final long LIMIT_MILLIS = 1_500;
    private static final long LATEST_MILLIS = 3_000;

    @BothTransports
    @DisplayName("3.1.1: no packet within 1.5 x keep-alive closes the connection, not earlier [MQTT-3.1.2-24]")
    void silentClient311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            long start = System.nanoTime();
            c.send(connect311(id("ka311", transport), true, 1)); // keep alive 1 s
            c.expect(CONNACK_311);
            c.expectClosed(Duration.ofMillis(LATEST_MILLIS));
            assertThat(millisSince(start)).isBetween(LIMIT_MILLIS, LATEST_MILLIS);
        }
    }

    @BothTransports
    @DisplayName("5.0: a silent client gets DISCONNECT 0x8D (keep alive timeout) after 1.5 x keep-alive, then the"
            + " close [MQTT-3.1.2-24]")
    void silentClient5(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            long start = System.nanoTime();
            c.send(connect5(id("ka5", transport), true, 1, props(NO_PROBLEM_INFO)));
            c.expect(CONNACK_5);
            byte[] disconnect = c.receive(Duration.ofMillis(LATEST_MILLIS));
            long at = millisSince(start);
            assertThat(io.stratusmq.testing.Hex.hex(disconnect)).isEqualTo("e0 01 8d"); // DISCONNECT 0x8D
            assertThat(at).isBetween(LIMIT_MILLIS, LATEST_MILLIS);
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("PINGREQ within the keep-alive keeps the connection open past 1.5 x keep-alive [MQTT-3.1.2-23]")
    void pingsKeepItAlive(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("kaping", transport), true, 1));
            c.expect(CONNACK_311);
            for (int i = 0; i < 6; i++) { // 3 s in all, twice the 1.5 s limit
                c.expectNothing(Duration.ofMillis(500));
                c.send("c0 00");
                c.expect("d0 00");
            }
        }
    }

    @BothTransports
    @DisplayName("Any packet counts, not just PINGREQ: publishes keep the connection alive [MQTT-3.1.2-23]")
    void publishesKeepItAlive(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("kapub", transport), true, 1));
            c.expect(CONNACK_311);
            for (int i = 0; i < 6; i++) {
                c.expectNothing(Duration.ofMillis(500));
                c.send("30 05 00 03 6b 2f 61"); // PUBLISH QoS 0 to "k/a", no payload
            }
            c.send("c0 00");
            c.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("Keep alive 0 turns the mechanism off: the server does not disconnect an idle client (3.1.2.10)")
    void keepAliveZero(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("ka0", transport), true, 0));
            c.expect(CONNACK_311);
            c.expectNothing(Duration.ofMillis(2_500));
            c.send("c0 00");
            c.expect("d0 00");
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
