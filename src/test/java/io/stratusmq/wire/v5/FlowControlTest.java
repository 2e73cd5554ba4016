package io.stratusmq.wire.v5;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static io.stratusmq.wire.Fixtures.publish311;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * The limits a 5.0 client states in CONNECT and the broker honours toward it: Receive Maximum (section 4.9)
 * and Maximum Packet Size (section 3.1.2.11.4).
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class FlowControlTest {

    @BothTransports
    @DisplayName("Receive Maximum 2: never more than 2 unacknowledged QoS 1 PUBLISH packets toward the client; the"
            + " rest follow as PUBACKs come [MQTT-3.3.4-7] [MQTT-3.3.4-8]")
    void receiveMaximum(String transport) throws Exception {
        String topic = id("rm/", transport);
        try (RawConnection sub = Clients.v5(transport, id("rmsub", transport), true,
                props(Clients.NO_PROBLEM_INFO, "21 00 02"), // receive maximum 2
                Clients.CONNACK_5);
                RawConnection pub = Clients.v311(transport, id("rmpub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 1));
            sub.expect("90 04 00 01 00 01");
            for (int i = 1; i <= 5; i++) {
                pub.send(publish311(1, false, i, topic, "m" + i));
                pub.expect(String.format("40 02 00 %02x", i));
            }
            sub.expect(Fixtures.publish5(1, false, 1, topic, "00", "m1"));
            sub.expect(Fixtures.publish5(1, false, 2, topic, "00", "m2"));
            sub.expectNothing(Duration.ofMillis(300)); // the window is full
            sub.send("40 02 00 01");
            sub.expect(Fixtures.publish5(1, false, 3, topic, "00", "m3"));
            sub.expectNothing(Duration.ofMillis(300));
            sub.send("40 02 00 02");
            sub.send("40 02 00 03");
            sub.expect(Fixtures.publish5(1, false, 4, topic, "00", "m4"));
            sub.expect(Fixtures.publish5(1, false, 5, topic, "00", "m5"));
            sub.send("40 02 00 04");
            sub.send("40 02 00 05");
            sub.send("c0 00");
            sub.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("3.1.1 clients state no Receive Maximum: the broker keeps at most stratus.mqtt.max-inflight-messages"
            + " (32) QoS 1 messages unacknowledged toward them")
    void maxInflight311(String transport) throws Exception {
        String topic = id("inflight/", transport);
        try (RawConnection sub = Clients.v311(transport, id("inflightsub", transport));
                RawConnection pub = Clients.v311(transport, id("inflightpub", transport))) {
            sub.send(Fixtures.subscribe311(1, topic, 1));
            sub.expect("90 03 00 01 01");
            StringBuilder burst = new StringBuilder();
            for (int i = 1; i <= 34; i++) {
                burst.append(publish311(1, false, i, topic, "m" + i)).append(' ');
            }
            pub.send(burst.toString());
            for (int i = 1; i <= 32; i++) {
                sub.expect(publish311(1, false, i, topic, "m" + i));
            }
            sub.expectNothing(Duration.ofMillis(300)); // 32 in flight
            sub.send("40 02 00 05"); // any PUBACK frees a place
            sub.expect(publish311(1, false, 33, topic, "m33"));
            sub.send("40 02 00 01");
            sub.expect(publish311(1, false, 34, topic, "m34"));
        }
    }

    @BothTransports
    @DisplayName("Receive Maximum counts QoS 2 until PUBCOMP, not PUBREC [MQTT-3.3.4-7]")
    void receiveMaximumQos2(String transport) throws Exception {
        String topic = id("rm2/", transport);
        try (RawConnection sub = Clients.v5(transport, id("rm2sub", transport), true,
                props(Clients.NO_PROBLEM_INFO, "21 00 01"), // receive maximum 1
                Clients.CONNACK_5);
                RawConnection pub = Clients.v311(transport, id("rm2pub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 2));
            sub.expect("90 04 00 01 00 02");
            pub.send(publish311(2, false, 1, topic, "a"));
            pub.send(publish311(2, false, 2, topic, "b"));
            sub.expect(Fixtures.publish5(2, false, 1, topic, "00", "a"));
            sub.send("50 02 00 01"); // PUBREC: still in flight
            sub.expect("62 02 00 01");
            sub.expectNothing(Duration.ofMillis(300));
            sub.send("70 02 00 01"); // PUBCOMP: done
            sub.expect(Fixtures.publish5(2, false, 2, topic, "00", "b"));
        }
    }

    @BothTransports
    @DisplayName("QoS 0 messages are not held back by a full window, but keep their place behind the QoS 1 ones"
            + " on the same topic (order kept, 4.6)")
    void qos0KeepsOrderBehindWindow(String transport) throws Exception {
        String topic = id("rm0/", transport);
        try (RawConnection sub = Clients.v5(transport, id("rm0sub", transport), true,
                props(Clients.NO_PROBLEM_INFO, "21 00 01"), Clients.CONNACK_5);
                RawConnection pub = Clients.v311(transport, id("rm0pub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 1));
            sub.expect("90 04 00 01 00 01");
            pub.send(publish311(1, false, 1, topic, "q1a"));
            pub.send(publish311(1, false, 2, topic, "q1b"));
            pub.send(publish311(0, false, 0, topic, "q0"));
            sub.expect(Fixtures.publish5(1, false, 1, topic, "00", "q1a"));
            sub.expectNothing(Duration.ofMillis(300));
            sub.send("40 02 00 01");
            sub.expect(Fixtures.publish5(1, false, 2, topic, "00", "q1b"));
            sub.expect(Fixtures.publish5(0, false, 0, topic, "00", "q0"));
        }
    }

    @BothTransports
    @DisplayName("A message larger than the client's Maximum Packet Size is not sent to it; the ones that fit are"
            + " [MQTT-3.1.2-24] [MQTT-3.1.2-25]")
    void clientMaximumPacketSize(String transport) throws Exception {
        String topic = id("mps/", transport); // 5 bytes: PUBLISH QoS 1 = 2 + 7 + 2 + 1 + payload
        try (RawConnection sub = Clients.v5(transport, id("mpssub", transport), true,
                props(Clients.NO_PROBLEM_INFO, "27 00 00 00 20"), // maximum packet size 32
                Clients.CONNACK_5);
                RawConnection pub = Clients.v311(transport, id("mpspub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 1));
            sub.expect("90 04 00 01 00 01");
            pub.send(publish311(1, false, 1, topic, "small"));
            pub.send(publish311(1, false, 2, topic, "x".repeat(21))); // 33 bytes toward the client: too large
            pub.send(publish311(1, false, 3, topic, "x".repeat(20))); // 32 bytes: fits exactly
            pub.send(publish311(0, false, 0, topic, "x".repeat(23))); // QoS 0, 33 bytes: too large
            pub.send(publish311(0, false, 0, topic, "last"));
            sub.expect(Fixtures.publish5(1, false, 1, topic, "00", "small"));
            sub.expect(Fixtures.publish5(1, false, 2, topic, "00", "x".repeat(20)));
            sub.expect(Fixtures.publish5(0, false, 0, topic, "00", "last"));
        }
    }

    @BothTransports
    @DisplayName("Reason Strings are left out when they would make a packet exceed the client's Maximum Packet"
            + " Size [MQTT-3.4.2-2] [MQTT-3.14.2-3] [MQTT-3.1.2-24]")
    void reasonStringWithinClientMaximum(String transport) throws Exception {
        try (RawConnection c = Clients.v5(transport, id("mpsreason", transport), true,
                props("27 00 00 00 10"), // maximum packet size 16; problem information requested (default)
                Clients.CONNACK_5)) {
            c.send("32 0c 00 03 61 2f 62 00 01 02 01 01 ff fe"); // QoS 1, payload format 1, not UTF-8
            c.expect("40 03 00 01 99"); // PUBACK 0x99 without the reason string that would not fit
            c.send("00 00"); // reserved packet type
            c.expect("e0 01 81"); // DISCONNECT 0x81, no reason string
            c.expectClosed();
        }
    }
}
