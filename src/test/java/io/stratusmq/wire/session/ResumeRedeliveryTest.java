package io.stratusmq.wire.session;

import static io.stratusmq.wire.Clients.CONNACK_311;
import static io.stratusmq.wire.Clients.CONNACK_311_SESSION_PRESENT;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.publish311Dup;
import static io.stratusmq.wire.Fixtures.subscribe311;

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
 * When a client resumes its session, the server resends unacknowledged PUBLISH packets with DUP set and
 * PUBREL packets, with their original packet identifiers, in their original order [MQTT-4.4.0-1]
 * [MQTT-4.6.0-1], before anything new.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class ResumeRedeliveryTest {

    @BothTransports
    @DisplayName("3.1.1: unacknowledged QoS 1 and 2 go out again with DUP and their ids, a PUBREC'd QoS 2 gets its"
            + " PUBREL again, in the original order [MQTT-4.4.0-1] [MQTT-3.3.1-1]")
    void redeliveryOnResume311(String transport) throws Exception {
        String clientId = id("redeliver", transport);
        String topic = id("redeliver/", transport);
        try (RawConnection pub = Clients.v311(transport, id("redeliverpub", transport))) {
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311)) {
                sub.send(subscribe311(1, topic, 2));
                sub.expect("90 03 00 01 02");
                pub.send(publish311(1, false, 1, topic, "a"));
                pub.send(publish311(2, false, 2, topic, "b"));
                pub.send(publish311(2, false, 3, topic, "c"));
                pub.send(publish311(1, false, 4, topic, "d"));
                pub.expect("40 02 00 01");
                pub.expect("50 02 00 02");
                pub.expect("50 02 00 03");
                pub.expect("40 02 00 04");
                sub.expect(publish311(1, false, 1, topic, "a"));
                sub.expect(publish311(2, false, 2, topic, "b"));
                sub.expect(publish311(2, false, 3, topic, "c"));
                sub.expect(publish311(1, false, 4, topic, "d"));
                sub.send("50 02 00 03"); // PUBREC 3 only
                sub.expect("62 02 00 03"); // PUBREL 3
                sub.send("e0 00"); // DISCONNECT: the session is offline before the next publish
                sub.expectClosed();
            } // 1, 2, 4 unacknowledged and 3 awaiting PUBCOMP
            pub.send(publish311(1, false, 5, topic, "e")); // queued while offline
            pub.expect("40 02 00 05");
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311_SESSION_PRESENT)) {
                sub.expect("""
                        3a 10                  // PUBLISH, DUP, QoS 1, remaining length 16
                        %s                     // topic, 11 bytes
                        00 01 61               // packet id 1, payload "a"
                        """.formatted(Fixtures.utf8(topic)));
                sub.expect(publish311Dup(2, false, 2, topic, "b")); // 3c: DUP, QoS 2, id 2
                sub.expect("62 02 00 03"); // PUBREL 3 again, not the PUBLISH
                sub.expect(publish311Dup(1, false, 4, topic, "d"));
                sub.expect(publish311(1, false, 5, topic, "e")); // then the queued one, id 5, no DUP
                sub.send("40 02 00 01");
                sub.send("50 02 00 02");
                sub.expect("62 02 00 02");
                sub.send("70 02 00 02");
                sub.send("70 02 00 03");
                sub.send("40 02 00 04");
                sub.send("40 02 00 05");
                sub.send("c0 00");
                sub.expect("d0 00");
            }
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311_SESSION_PRESENT)) {
                sub.expectNothing(Duration.ofMillis(300)); // everything was acknowledged
            }
            try (RawConnection sub = Clients.v311(transport, clientId, true, CONNACK_311)) {
                sub.send("e0 00"); // ends the session
            }
        }
    }

    @BothTransports
    @DisplayName("5.0: the same redelivery when a session with an expiry interval is resumed [MQTT-4.4.0-1]")
    void redeliveryOnResume5(String transport) throws Exception {
        String clientId = id("redeliver5", transport);
        String topic = id("redeliver5/", transport);
        String expiry = Fixtures.props(Clients.NO_PROBLEM_INFO, "11 00 00 00 3c"); // session expiry 60 s
        try (RawConnection pub = Clients.v5Quiet(transport, id("redeliver5pub", transport))) {
            try (RawConnection sub = Clients.v5(transport, clientId, true, expiry, Clients.CONNACK_5)) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 2));
                sub.expect("90 04 00 01 00 02");
                pub.send(Fixtures.publish5(2, false, 1, topic, "00", "x"));
                pub.expect("50 02 00 01");
                sub.expect(Fixtures.publish5(2, false, 1, topic, "00", "x"));
                pub.send(Fixtures.publish5(1, false, 2, topic, "00", "y"));
                pub.expect("40 02 00 02");
                sub.expect(Fixtures.publish5(1, false, 2, topic, "00", "y"));
            }
            try (RawConnection sub = Clients.v5(transport, clientId, false, expiry,
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                sub.expect("""
                        3c 12                  // PUBLISH, DUP, QoS 2, remaining length 18
                        %s                     // topic, 12 bytes
                        00 01                  // packet id 1
                        00                     // properties: none
                        78                     // payload "x"
                        """.formatted(Fixtures.utf8(topic)));
                sub.expect(Fixtures.packet(0x3a, Fixtures.utf8(topic), "00 02 00", Fixtures.raw("y")));
                sub.send("50 02 00 01");
                sub.expect("62 02 00 01");
                sub.send("70 02 00 01");
                sub.send("40 02 00 02");
                sub.send("e0 00"); // DISCONNECT: the session stays for its 60 s
            }
            try (RawConnection sub = Clients.v5(transport, clientId, false, Fixtures.props(),
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                sub.expectNothing(Duration.ofMillis(300));
            }
        }
    }

    @BothTransports
    @DisplayName("The session holds the QoS 2 packet ids it received and awaits PUBREL for: a resumed publisher"
            + " resends PUBREL and gets PUBCOMP, and the message is not delivered twice (4.3.3)")
    void inboundQos2SurvivesReconnect(String transport) throws Exception {
        String clientId = id("q2pub", transport);
        String topic = id("q2resume/", transport);
        try (RawConnection sub = Clients.v311(transport, id("q2resumesub", transport))) {
            sub.send(subscribe311(1, topic, 0));
            sub.expect("90 03 00 01 00");
            try (RawConnection pub = Clients.v311(transport, clientId, false, CONNACK_311)) {
                pub.send(publish311(2, false, 9, topic, "once"));
                pub.expect("50 02 00 09");
            } // dropped before PUBREL
            sub.expect(publish311(0, false, 0, topic, "once"));
            try (RawConnection pub = Clients.v311(transport, clientId, false, CONNACK_311_SESSION_PRESENT)) {
                pub.send(publish311Dup(2, false, 9, topic, "once")); // the client resends the PUBLISH with DUP
                pub.expect("50 02 00 09");
                pub.send("62 02 00 09");
                pub.expect("70 02 00 09"); // known id: plain PUBCOMP
                sub.expectNothing(Duration.ofMillis(300));
                pub.send(Fixtures.connect311(clientId, true, 0)); // second CONNECT: closed
                pub.expectClosed();
            }
        }
    }
}
