package io.stratusmq.wire.will;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.packet;
import static io.stratusmq.wire.Fixtures.props;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.short16;
import static io.stratusmq.wire.Fixtures.subscribe311;
import static io.stratusmq.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * The Will Message (3.1.1 section 3.1.2.5, 5.0 sections 3.1.2.5 and 3.1.3.2): published when the connection
 * ends without a normal DISCONNECT, after the Will Delay Interval or when the session ends, whichever is first.
 * Timing tests assert a window around the expected instant.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class WillTest {

    /** CONNECT 3.1.1 with a will; {@code flags} are the will bits (0x04 will, 0x08/0x10 QoS, 0x20 retain). */
    static String connect311WithWill(String clientId, int willFlags, int keepAlive, String topic, String payload) {
        return packet(0x10, utf8("MQTT"), "04",
                String.format("%02x", 0x02 | willFlags), // clean session + will flags
                short16(keepAlive), utf8(clientId),
                utf8(topic),                             // will topic
                utf8(payload));                          // will payload (binary: same layout)
    }

    /** CONNECT 5.0 with a will: connect and will property sections given as hex. */
    static String connect5WithWill(String clientId, boolean cleanStart, String connectProps, String willProps,
            String topic, String payload) {
        return packet(0x10, utf8("MQTT"), "05",
                cleanStart ? "06" : "04",                // will flag, clean start as asked, will QoS 0
                "00 3c", connectProps, utf8(clientId),
                willProps, utf8(topic), utf8(payload));
    }

    static RawConnection watch(String transport, String name, String topic) throws Exception {
        RawConnection w = Clients.v311(transport, name);
        w.send(subscribe311(1, topic, 1));
        w.expect("90 03 00 01 01");
        return w;
    }

    @BothTransports
    @DisplayName("A connection that drops without DISCONNECT publishes its will [MQTT-3.1.2-8]")
    void abnormalClose(String transport) throws Exception {
        String topic = id("will/drop/", transport);
        try (RawConnection w = watch(transport, id("willwatch1", transport), topic)) {
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect311WithWill(id("willdrop", transport), 0x04, 60, topic, "gone"));
                c.expect(Clients.CONNACK_311);
            } // the socket closes, no DISCONNECT
            w.expect(publish311(0, false, 0, topic, "gone"));
        }
    }

    @BothTransports
    @DisplayName("A client closed for keep-alive expiry has its will published (3.1.2.5)")
    void keepAliveExpiry(String transport) throws Exception {
        String topic = id("will/ka/", transport);
        try (RawConnection w = watch(transport, id("willwatch2", transport), topic);
                RawConnection c = Broker.raw(transport)) {
            c.send(connect311WithWill(id("willka", transport), 0x04, 1, topic, "timed out")); // keep alive 1 s
            c.expect(Clients.CONNACK_311);
            c.expectClosed(Duration.ofSeconds(3));
            w.expect(publish311(0, false, 0, topic, "timed out"));
        }
    }

    @BothTransports
    @DisplayName("DISCONNECT (0x00) discards the will: nothing is published [MQTT-3.1.2-10]")
    void normalDisconnect(String transport) throws Exception {
        String topic = id("will/normal/", transport);
        try (RawConnection w = watch(transport, id("willwatch3", transport), topic)) {
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect311WithWill(id("willnormal", transport), 0x04, 60, topic, "never"));
                c.expect(Clients.CONNACK_311);
                c.send("e0 00");
                c.expectClosed();
            }
            w.expectNothing(Duration.ofMillis(500));
        }
    }

    @BothTransports
    @DisplayName("5.0: DISCONNECT with reason 0x04 (disconnect with will message) publishes the will"
            + " (5.0 section 3.14.2.1)")
    void disconnectWithWill(String transport) throws Exception {
        String topic = id("will/04/", transport);
        try (RawConnection w = watch(transport, id("willwatch4", transport), topic);
                RawConnection c = Broker.raw(transport)) {
            c.send(connect5WithWill(id("will04", transport), true, props(), props(), topic, "asked for"));
            c.expect(Clients.CONNACK_5);
            c.send("""
                    e0 01                      // DISCONNECT, remaining length 1
                    04                         // reason 0x04: disconnect with will message
                    """);
            c.expectClosed();
            w.expect(publish311(0, false, 0, topic, "asked for"));
        }
    }

    @BothTransports
    @DisplayName("Will QoS and Will Retain are honoured: QoS 1 delivery, and the will is kept as the retained"
            + " message [MQTT-3.1.2-14] [MQTT-3.1.2-17]")
    void willQosAndRetain(String transport) throws Exception {
        String topic = id("will/retain/", transport);
        try (RawConnection w = watch(transport, id("willwatch5", transport), topic)) {
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect311WithWill(id("willretain", transport), 0x04 | 0x08 | 0x20, 60, topic, "kept"));
                c.expect(Clients.CONNACK_311);
            }
            w.expect(publish311(1, false, 1, topic, "kept")); // QoS 1; RETAIN 0 on a live delivery
            w.send("40 02 00 01");
            try (RawConnection late = Clients.v311(transport, id("willlate", transport))) {
                late.send(subscribe311(1, topic, 1));
                late.expect("90 03 00 01 01");
                late.expect(publish311(1, true, 1, topic, "kept")); // retained
                late.send("40 02 00 01");
            }
            try (RawConnection clear = Clients.v311(transport, id("willclear", transport))) {
                clear.send(publish311(0, true, 0, topic, "")); // clear the retained will
                clear.send("c0 00");
                clear.expect("d0 00");
            }
        }
    }

    @BothTransports
    @DisplayName("5.0: the will waits for its Will Delay Interval (2 s) after the connection drops [MQTT-3.1.3-9]")
    void willDelay(String transport) throws Exception {
        String topic = id("will/delay/", transport);
        try (RawConnection w = watch(transport, id("willwatch6", transport), topic)) {
            long dropped;
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect5WithWill(id("willdelay", transport), true,
                        props("11 00 00 00 0a"),   // session expiry 10 s
                        props("18 00 00 00 02"),   // will delay 2 s
                        topic, "late"));
                c.expect(Clients.CONNACK_5);
                dropped = System.nanoTime();
            }
            byte[] will = w.receive(Duration.ofSeconds(4));
            long after = (System.nanoTime() - dropped) / 1_000_000;
            assertThat(io.stratusmq.testing.Hex.hex(will)).isEqualTo(publish311(0, false, 0, topic, "late"));
            assertThat(after).isBetween(2_000L, 3_000L);
        }
    }

    @BothTransports
    @DisplayName("5.0: reconnecting within the Will Delay Interval cancels the will [MQTT-3.1.3-9]")
    void willDelayCancelledByReconnect(String transport) throws Exception {
        String topic = id("will/cancel/", transport);
        String clientId = id("willcancel", transport);
        try (RawConnection w = watch(transport, id("willwatch7", transport), topic)) {
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect5WithWill(clientId, true, props("11 00 00 00 0a"), props("18 00 00 00 02"), topic,
                        "cancelled"));
                c.expect(Clients.CONNACK_5);
            }
            try (RawConnection c = Clients.v5(transport, clientId, false, props("11 00 00 00 0a"),
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                w.expectNothing(Duration.ofMillis(3_000)); // past the 2 s delay: nothing
                c.send("e0 07 00 05 11 00 00 00 00"); // DISCONNECT, session expiry 0: the session ends
                c.expectClosed();
            }
            w.expectNothing(Duration.ofMillis(300)); // the will was dropped, not postponed
        }
    }

    @BothTransports
    @DisplayName("5.0: the will goes out when the session ends if that comes first: session expiry 1 s, will"
            + " delay 5 s, will after about 1 s [MQTT-3.1.3-9] (3.1.2.5)")
    void sessionEndBeforeWillDelay(String transport) throws Exception {
        String topic = id("will/expiry/", transport);
        try (RawConnection w = watch(transport, id("willwatch8", transport), topic)) {
            long dropped;
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect5WithWill(id("willexpiry", transport), true,
                        props("11 00 00 00 01"),   // session expiry 1 s
                        props("18 00 00 00 05"),   // will delay 5 s
                        topic, "session over"));
                c.expect(Clients.CONNACK_5);
                dropped = System.nanoTime();
            }
            byte[] will = w.receive(Duration.ofSeconds(4));
            long after = (System.nanoTime() - dropped) / 1_000_000;
            assertThat(io.stratusmq.testing.Hex.hex(will)).isEqualTo(publish311(0, false, 0, topic, "session over"));
            assertThat(after).isBetween(1_000L, 2_500L);
        }
    }

    @BothTransports
    @DisplayName("5.0: the will's properties reach subscribers as PUBLISH properties; the Will Delay Interval does"
            + " not (5.0 section 3.1.3.2)")
    void willProperties(String transport) throws Exception {
        String topic = id("will/props/", transport);
        String publishProps = props(
                "01 01",                                 // payload format indicator 1
                "02 00 00 00 0a",                        // message expiry interval 10 s
                "03 " + utf8("text/plain"),              // content type
                "08 " + utf8("reply/here"),              // response topic
                "09 00 02 c0 ff",                        // correlation data c0 ff
                "26 " + utf8("k") + " " + utf8("v"),     // user property k=v
                "26 " + utf8("k") + " " + utf8("w"));    // user property k=w, order kept
        String willProps = props(
                "18 00 00 00 00",                        // will delay 0
                "01 01", "02 00 00 00 0a", "03 " + utf8("text/plain"), "08 " + utf8("reply/here"),
                "09 00 02 c0 ff", "26 " + utf8("k") + " " + utf8("v"), "26 " + utf8("k") + " " + utf8("w"));
        try (RawConnection w = Clients.v5Quiet(transport, id("willwatch9", transport))) {
            w.send(Fixtures.subscribe5(1, "00", topic, 0));
            w.expect("90 04 00 01 00 00");
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect5WithWill(id("willprops", transport), true, props(), willProps, topic, "bye"));
                c.expect(Clients.CONNACK_5);
            }
            w.expect(Fixtures.publish5(0, false, 0, topic, publishProps, "bye"));
        }
    }

    @BothTransports
    @DisplayName("5.0: the will's Message Expiry Interval counts from its publication, not from the CONNECT"
            + " (5.0 section 3.1.3.2.4)")
    void willMessageExpiryStartsAtPublication(String transport) throws Exception {
        String topic = id("will/expiry1/", transport);
        try (RawConnection w = Clients.v5Quiet(transport, id("willwatch10", transport))) {
            w.send(Fixtures.subscribe5(1, "00", topic, 0));
            w.expect("90 04 00 01 00 00");
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect5WithWill(id("willexp1", transport), true, props(),
                        props("02 00 00 00 01"),         // message expiry interval 1 s
                        topic, "fresh"));
                c.expect(Clients.CONNACK_5);
                c.expectNothing(Duration.ofMillis(1_500)); // the connection lives longer than that second
            }
            w.expect(Fixtures.publish5(0, false, 0, topic, props("02 00 00 00 01"), "fresh"));
        }
    }

    @BothTransports
    @DisplayName("Takeover of a Clean Session connection ends its session, so its will is published; a"
            + " persistent session that carries on keeps it unpublished (as Mosquitto)")
    void willOnTakeover(String transport) throws Exception {
        String topic = id("will/takeover/", transport);
        String clientId = id("willtakeover", transport);
        try (RawConnection w = watch(transport, id("willwatch11", transport), topic)) {
            try (RawConnection old = Broker.raw(transport)) {
                old.send(connect311WithWill(clientId, 0x04, 60, topic, "replaced"));
                old.expect(Clients.CONNACK_311);
                try (RawConnection now = Clients.v311(transport, clientId, true, Clients.CONNACK_311)) {
                    old.expectClosed();
                    w.expect(publish311(0, false, 0, topic, "replaced"));
                }
            }
            try (RawConnection old = Broker.raw(transport)) {
                old.send(packet(0x10, utf8("MQTT"), "04", "04", "00 3c", utf8(clientId), utf8(topic),
                        utf8("resumed"))); // will flag, Clean Session 0
                old.expect(Clients.CONNACK_311);
                try (RawConnection now = Clients.v311(transport, clientId, false,
                        Clients.CONNACK_311_SESSION_PRESENT)) {
                    old.expectClosed();
                    w.expectNothing(Duration.ofMillis(500));
                    now.send("e0 00");
                }
            }
            try (RawConnection c = Clients.v311(transport, clientId, true, Clients.CONNACK_311)) {
                c.send("e0 00");
            }
        }
    }
}
