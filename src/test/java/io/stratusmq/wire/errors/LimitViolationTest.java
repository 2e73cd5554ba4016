package io.stratusmq.wire.errors;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Bystander;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import io.stratusmq.wire.LimitsProfile;
import org.junit.jupiter.api.DisplayName;

/**
 * Limits the server states in CONNACK, broken by a client: stratus.mqtt.max-packet-size = 128 and
 * stratus.mqtt.receive-maximum = 2 ({@link LimitsProfile}).
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class LimitViolationTest {

    static RawConnection quiet5(String transport, String clientId) throws Exception {
        return Clients.v5(transport, clientId, true, LimitsProfile.MAX_KEEP_ALIVE, props(Clients.NO_PROBLEM_INFO),
                LimitsProfile.CONNACK_5);
    }

    @BothTransports
    @DisplayName("A packet larger than the Maximum Packet Size (128): DISCONNECT 0x95, answered from the fixed"
            + " header alone [MQTT-3.2.2-15] (5.0 section 3.2.2.3.6)")
    void packetTooLarge5(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport);
                RawConnection c = quiet5(transport, id("big5", transport))) {
            c.send("""
                    30                         // PUBLISH QoS 0
                    ff 01                      // remaining length 255: 258 bytes in all, above 128
                    """); // and not one byte of the body
            c.expect("e0 01 95"); // DISCONNECT, reason 0x95 packet too large
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: a packet larger than the maximum closes the connection")
    void packetTooLarge311(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport);
                RawConnection c = Clients.v311(transport, id("big311", transport), true, Clients.CONNACK_311)) {
            c.send("30 ff 01");
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("A packet of exactly the Maximum Packet Size (128 bytes) is accepted")
    void packetOfMaximumSize(String transport) throws Exception {
        try (RawConnection c = quiet5(transport, id("max5", transport))) {
            String payload = "x".repeat(128 - 2 - 5 - 2 - 1); // fixed header 2, topic 5, id 2, properties 1
            c.send(Fixtures.publish5(1, false, 1, "a/b", "00", payload));
            c.expect("40 03 00 01 10"); // PUBACK 1, 0x10: accepted, no subscribers
        }
    }

    @BothTransports
    @DisplayName("A CONNECT larger than the maximum packet size is refused before CONNACK: the connection closes")
    void connectTooLarge(String transport) throws Exception {
        try (RawConnection c = io.stratusmq.testing.Broker.raw(transport)) {
            c.send(Fixtures.connect311("c".repeat(200), true, 10));
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("More unacknowledged QoS 2 publishes than the Receive Maximum (2): DISCONNECT 0x93 [MQTT-3.3.4-9]")
    void receiveMaximumExceeded(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport);
                RawConnection c = quiet5(transport, id("rm5", transport))) {
            c.send("34 09 00 03 61 2f 62 00 01 00 31"); // PUBLISH QoS 2 "a/b", id 1, no properties, "1"
            c.expect("50 03 00 01 10"); // PUBREC 1 (no subscribers), never released
            c.send("32 09 00 03 61 2f 62 00 02 00 32"); // QoS 1 is acknowledged at once: not outstanding
            c.expect("40 03 00 02 10");
            c.send("34 09 00 03 61 2f 62 00 03 00 33"); // QoS 2, id 3: the second outstanding
            c.expect("50 03 00 03 10");
            c.send("34 09 00 03 61 2f 62 00 04 00 34"); // QoS 2, id 4: the third outstanding
            c.expect("e0 01 93"); // DISCONNECT, reason 0x93 receive maximum exceeded
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("PUBREL frees a place in the Receive Maximum: publishing on after PUBCOMP is fine")
    void receiveMaximumFreedByPubRel(String transport) throws Exception {
        try (RawConnection c = quiet5(transport, id("rmfree", transport))) {
            c.send("34 09 00 03 61 2f 62 00 01 00 31");
            c.expect("50 03 00 01 10");
            c.send("34 09 00 03 61 2f 62 00 02 00 32");
            c.expect("50 03 00 02 10");
            c.send("62 02 00 01"); // PUBREL 1
            c.expect("70 02 00 01"); // PUBCOMP 1
            c.send("34 09 00 03 61 2f 62 00 03 00 33");
            c.expect("50 03 00 03 10");
        }
    }
}
