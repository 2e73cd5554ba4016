package io.stratusmq.wire.publish;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.subscribe311;
import static io.stratusmq.wire.Fixtures.subscribe5;
import static io.stratusmq.wire.Fixtures.tag;

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
 * PUBLISH at QoS 0, 1 and 2, from a client to the broker and from the broker to a subscriber, byte for byte
 * (3.1.1 section 4.3, 5.0 section 4.3). Topics are "pN/" plus the transport tag, four bytes.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class PublishFlowTest {

    @BothTransports
    @DisplayName("QoS 0: no acknowledgement; the subscriber gets the same PUBLISH, no packet identifier (4.3.1)")
    void qos0(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection sub = Clients.v311(transport, id("q0sub", transport));
                RawConnection pub = Clients.v311(transport, id("q0pub", transport))) {
            sub.send(subscribe311(1, "p0/" + (transport.equals("ws") ? "w" : "t"), 0));
            sub.expect("90 03 00 01 00"); // SUBACK id 1, granted QoS 0
            pub.send("""
                    30 09                      // PUBLISH QoS 0, remaining length 9
                    00 04 70 30 2f %s          // topic "p0/" + tag
                    68 69 21                   // payload "hi!"
                    """.formatted(t));
            sub.expect("30 09 00 04 70 30 2f %s 68 69 21".formatted(t));
            pub.expectNothing(Duration.ofMillis(200)); // QoS 0 has no acknowledgement
        }
    }

    @BothTransports
    @DisplayName("QoS 1 (3.1.1): PUBACK with the publisher's id; the subscriber gets its own id, from 1, and acks it"
            + " [MQTT-4.3.2-2] [MQTT-2.3.1-2]")
    void qos1v311(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection sub = Clients.v311(transport, id("q1sub", transport));
                RawConnection pub = Clients.v311(transport, id("q1pub", transport))) {
            sub.send("82 09 00 01 00 04 70 31 2f %s 01".formatted(t)); // SUBSCRIBE id 1 "p1/"+tag QoS 1
            sub.expect("90 03 00 01 01");
            pub.send("""
                    32 0b                      // PUBLISH QoS 1, remaining length 11
                    00 04 70 31 2f %s          // topic "p1/" + tag
                    00 0a                      // packet identifier 10
                    68 65 6c                   // payload "hel"
                    """.formatted(t));
            pub.expect("""
                    40 02                      // PUBACK, remaining length 2
                    00 0a                      // packet identifier 10
                    """);
            sub.expect("""
                    32 0b                      // PUBLISH QoS 1
                    00 04 70 31 2f %s          // topic
                    00 01                      // packet identifier 1: the broker's own
                    68 65 6c                   // payload "hel"
                    """.formatted(t));
            sub.send("40 02 00 01"); // PUBACK 1
            sub.send("c0 00");
            sub.expect("d0 00"); // nothing else came
        }
    }

    @BothTransports
    @DisplayName("QoS 2 (3.1.1): PUBREC, PUBREL, PUBCOMP toward the publisher; PUBLISH, PUBREC, PUBREL, PUBCOMP"
            + " toward the subscriber [MQTT-4.3.3-2] [MQTT-4.3.3-3]")
    void qos2v311(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection sub = Clients.v311(transport, id("q2sub", transport));
                RawConnection pub = Clients.v311(transport, id("q2pub", transport))) {
            sub.send("82 09 00 01 00 04 70 32 2f %s 02".formatted(t)); // SUBSCRIBE "p2/"+tag QoS 2
            sub.expect("90 03 00 01 02");
            pub.send("""
                    34 0b                      // PUBLISH QoS 2, remaining length 11
                    00 04 70 32 2f %s          // topic "p2/" + tag
                    00 0b                      // packet identifier 11
                    62 79 65                   // payload "bye"
                    """.formatted(t));
            pub.expect("50 02 00 0b"); // PUBREC 11
            sub.expect("34 0b 00 04 70 32 2f %s 00 01 62 79 65".formatted(t)); // QoS 2, id 1
            pub.send("62 02 00 0b"); // PUBREL 11 (flags 0010)
            pub.expect("70 02 00 0b"); // PUBCOMP 11
            sub.send("50 02 00 01"); // PUBREC 1
            sub.expect("62 02 00 01"); // PUBREL 1, flags 0010 [MQTT-3.6.1-1]
            sub.send("70 02 00 01"); // PUBCOMP 1
            sub.send("c0 00");
            sub.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("QoS 1 and 2 (5.0): acknowledgements with reason code 0 leave the code out; the subscriber's"
            + " PUBLISH has an empty property section (5.0 section 3.4.2.1)")
    void qos1and2v5(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection sub = Clients.v5Quiet(transport, id("q5sub", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("q5pub", transport))) {
            sub.send("""
                    82 0a                      // SUBSCRIBE, remaining length 10
                    00 01                      // packet identifier 1
                    00                         // properties: none
                    00 04 70 35 2f %s          // filter "p5/" + tag
                    02                         // options: QoS 2
                    """.formatted(t));
            sub.expect("""
                    90 04                      // SUBACK, remaining length 4
                    00 01                      // packet identifier 1
                    00                         // properties: none
                    02                         // granted QoS 2
                    """);
            pub.send("""
                    32 0c                      // PUBLISH QoS 1, remaining length 12
                    00 04 70 35 2f %s          // topic "p5/" + tag
                    00 01                      // packet identifier 1
                    00                         // properties: none
                    61 62 63                   // payload "abc"
                    """.formatted(t));
            pub.expect("40 02 00 01"); // PUBACK 1, success, short form
            sub.expect("32 0c 00 04 70 35 2f %s 00 01 00 61 62 63".formatted(t));
            sub.send("40 02 00 01");
            pub.send("34 0c 00 04 70 35 2f %s 00 02 00 64 65 66".formatted(t)); // QoS 2, id 2, "def"
            pub.expect("50 02 00 02"); // PUBREC 2
            sub.expect("34 0c 00 04 70 35 2f %s 00 02 00 64 65 66".formatted(t)); // QoS 2, id 2
            sub.send("50 02 00 02");
            sub.expect("62 02 00 02"); // PUBREL 2
            sub.send("70 02 00 02");
            pub.send("62 02 00 02");
            pub.expect("70 02 00 02"); // PUBCOMP 2
        }
    }

    @BothTransports
    @DisplayName("5.0: PUBACK and PUBREC carry 0x10 (no matching subscribers) when nobody got the message, as"
            + " Mosquitto and HiveMQ do (5.0 section 3.4.2.1)")
    void noMatchingSubscribers(String transport) throws Exception {
        try (RawConnection pub = Clients.v5Quiet(transport, id("nosub", transport))) {
            pub.send("""
                    32 0a                      // PUBLISH QoS 1, remaining length 10
                    00 04 6e 6f 2f 31          // topic "no/1": nobody subscribes
                    00 01                      // packet identifier 1
                    00                         // properties: none
                    78                         // payload "x"
                    """);
            pub.expect("""
                    40 03                      // PUBACK, remaining length 3
                    00 01                      // packet identifier 1
                    10                         // reason code 0x10: no matching subscribers
                    """);
            pub.send("34 0a 00 04 6e 6f 2f 31 00 02 00 78"); // QoS 2, id 2
            pub.expect("50 03 00 02 10"); // PUBREC 2, 0x10: still a success code, the flow goes on
            pub.send("62 02 00 02");
            pub.expect("70 02 00 02");
        }
    }

    @BothTransports
    @DisplayName("3.1.1 has no reason codes: a PUBLISH nobody receives is acknowledged with a plain PUBACK")
    void noMatchingSubscribers311(String transport) throws Exception {
        try (RawConnection pub = Clients.v311(transport, id("nosub311", transport))) {
            pub.send("32 09 00 04 6e 6f 2f 32 00 01 78"); // QoS 1 "no/2", id 1, "x"
            pub.expect("40 02 00 01");
        }
    }

    @BothTransports
    @DisplayName("QoS 2 resent with DUP before PUBREL is acknowledged again but delivered once (4.3.3)")
    void qos2ResendNotDeliveredTwice(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection sub = Clients.v311(transport, id("dupsub", transport));
                RawConnection pub = Clients.v311(transport, id("duppub", transport))) {
            sub.send("82 09 00 01 00 04 70 64 2f %s 00".formatted(t)); // SUBSCRIBE "pd/"+tag QoS 0
            sub.expect("90 03 00 01 00");
            pub.send("34 09 00 04 70 64 2f %s 00 05 31".formatted(t)); // QoS 2, id 5, payload "1"
            pub.expect("50 02 00 05");
            sub.expect("30 07 00 04 70 64 2f %s 31".formatted(t)); // delivered at the granted QoS 0
            pub.send("""
                    3c 09                      // PUBLISH QoS 2 with DUP
                    00 04 70 64 2f %s          // the same topic
                    00 05                      // the same packet identifier 5
                    31                         // the same payload
                    """.formatted(t));
            pub.expect("50 02 00 05"); // PUBREC again
            pub.send("62 02 00 05");
            pub.expect("70 02 00 05");
            sub.expectNothing(Duration.ofMillis(300)); // not delivered a second time
            pub.send("34 09 00 04 70 64 2f %s 00 05 32".formatted(t)); // id 5 again, after PUBCOMP: new
            pub.expect("50 02 00 05");
            sub.expect("30 07 00 04 70 64 2f %s 32".formatted(t));
        }
    }

    @BothTransports
    @DisplayName("The DUP flag of an outgoing PUBLISH is set independently of the incoming one: a first delivery"
            + " has DUP 0 [MQTT-3.3.1-3]")
    void dupNotForwarded(String transport) throws Exception {
        String topic = id("dupfwd/", transport);
        try (RawConnection sub = Clients.v311(transport, id("dupfwdsub", transport));
                RawConnection pub = Clients.v311(transport, id("dupfwdpub", transport))) {
            sub.send(subscribe311(1, topic, 1));
            sub.expect("90 03 00 01 01");
            pub.send(Fixtures.publish311Dup(1, false, 4, topic, "again")); // 3a: DUP, QoS 1
            pub.expect("40 02 00 04");
            sub.expect(Fixtures.publish311(1, false, 1, topic, "again")); // 32: DUP 0
        }
    }

    @BothTransports
    @DisplayName("PUBREL for a packet identifier nobody awaits: PUBCOMP anyway (3.1.1), with 0x92 in 5.0"
            + " (5.0 section 3.7.2.1)")
    void pubRelUnknown(String transport) throws Exception {
        try (RawConnection c = Clients.v311(transport, id("relunk311", transport))) {
            c.send("62 02 00 09"); // PUBREL 9
            c.expect("70 02 00 09"); // PUBCOMP 9
        }
        try (RawConnection c = Clients.v5Quiet(transport, id("relunk5", transport))) {
            c.send("62 02 00 09");
            c.expect("""
                    70 03                      // PUBCOMP, remaining length 3
                    00 09                      // packet identifier 9
                    92                         // reason code 0x92: packet identifier not found
                    """);
        }
    }

    @BothTransports
    @DisplayName("PUBREC for a packet identifier the broker did not send: PUBREL 0x92 (5.0), as Mosquitto does")
    void pubRecUnknown(String transport) throws Exception {
        try (RawConnection c = Clients.v5Quiet(transport, id("recunk5", transport))) {
            c.send("50 02 00 07"); // PUBREC 7
            c.expect("62 03 00 07 92"); // PUBREL 7, packet identifier not found
        }
    }

    @BothTransports
    @DisplayName("5.0: a PUBREC with an error code from the subscriber ends the QoS 2 flow: no PUBREL, and the"
            + " packet identifier is free again (5.0 section 4.3.3)")
    void pubRecWithErrorEndsFlow(String transport) throws Exception {
        String topic = id("recerr/", transport);
        try (RawConnection sub = Clients.v5(transport, id("recerrsub", transport), true,
                Fixtures.props(Clients.NO_PROBLEM_INFO, "21 00 01"), Clients.CONNACK_5); // receive maximum 1
                RawConnection pub = Clients.v311(transport, id("recerrpub", transport))) {
            sub.send(subscribe5(1, "00", topic, 2));
            sub.expect("90 04 00 01 00 02");
            pub.send(Fixtures.publish311(2, false, 1, topic, "refused"));
            pub.send(Fixtures.publish311(2, false, 2, topic, "next"));
            sub.expect(Fixtures.publish5(2, false, 1, topic, "00", "refused"));
            sub.send("""
                    50 03                      // PUBREC, remaining length 3
                    00 01                      // packet identifier 1
                    80                         // reason code 0x80: unspecified error
                    """);
            sub.expect(Fixtures.publish5(2, false, 2, topic, "00", "next")); // no PUBREL 1; the window is free
        }
    }

    @BothTransports
    @DisplayName("5.0: PUBACK for a message sent at QoS 2 is a protocol error: DISCONNECT 0x82 (4.3)")
    void pubAckForQos2(String transport) throws Exception {
        String topic = id("ackq2/", transport);
        try (RawConnection sub = Clients.v5Quiet(transport, id("ackq2sub", transport));
                RawConnection pub = Clients.v311(transport, id("ackq2pub", transport))) {
            sub.send(subscribe5(1, "00", topic, 2));
            sub.expect("90 04 00 01 00 02");
            pub.send(Fixtures.publish311(2, false, 1, topic, "q2"));
            sub.expect(Fixtures.publish5(2, false, 1, topic, "00", "q2"));
            sub.send("40 02 00 01"); // PUBACK instead of PUBREC
            sub.expect("e0 01 82");
            sub.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("PUBACK for a packet identifier not in flight is ignored (4.3.2)")
    void pubAckUnknown(String transport) throws Exception {
        try (RawConnection c = Clients.v311(transport, id("ackunk", transport))) {
            c.send("40 02 00 07");
            c.send("c0 00");
            c.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("Outbound packet identifiers: each QoS 1/2 PUBLISH takes the next free one from 1; QoS 0 takes"
            + " none [MQTT-2.2.1-2] [MQTT-2.2.1-4]")
    void outboundPacketIds(String transport) throws Exception {
        String topic = id("ids/", transport);
        try (RawConnection sub = Clients.v311(transport, id("idsub", transport));
                RawConnection pub = Clients.v311(transport, id("idpub", transport))) {
            sub.send(subscribe311(1, topic, 2));
            sub.expect("90 03 00 01 02");
            pub.send(Fixtures.publish311(1, false, 1, topic, "a"));
            pub.send(Fixtures.publish311(0, false, 0, topic, "b"));
            pub.send(Fixtures.publish311(2, false, 2, topic, "c"));
            pub.send(Fixtures.publish311(1, false, 3, topic, "d"));
            sub.expect(Fixtures.publish311(1, false, 1, topic, "a")); // id 1
            sub.expect(Fixtures.publish311(0, false, 0, topic, "b")); // no id
            sub.expect(Fixtures.publish311(2, false, 2, topic, "c")); // id 2
            sub.expect(Fixtures.publish311(1, false, 3, topic, "d")); // id 3
            sub.send("40 02 00 01");
            sub.send("40 02 00 03");
            sub.send("50 02 00 02");
            sub.expect("62 02 00 02");
            sub.send("70 02 00 02");
            pub.send(Fixtures.publish311(1, false, 4, topic, "e"));
            sub.expect(Fixtures.publish311(1, false, 4, topic, "e")); // id 4: ids are not reused at once
        }
    }

    @BothTransports
    @DisplayName("A subscriber gets each message at the lower of the published QoS and its granted QoS"
            + " [MQTT-3.8.4-8]")
    void qosDowngrade(String transport) throws Exception {
        String topic = id("down/", transport);
        try (RawConnection s0 = Clients.v311(transport, id("down0", transport));
                RawConnection s1 = Clients.v311(transport, id("down1", transport));
                RawConnection s2 = Clients.v311(transport, id("down2", transport));
                RawConnection pub = Clients.v311(transport, id("downp", transport))) {
            s0.send(subscribe311(1, topic, 0));
            s0.expect("90 03 00 01 00");
            s1.send(subscribe311(1, topic, 1));
            s1.expect("90 03 00 01 01");
            s2.send(subscribe311(1, topic, 2));
            s2.expect("90 03 00 01 02");
            pub.send(Fixtures.publish311(2, false, 1, topic, "q2"));
            pub.expect("50 02 00 01");
            s0.expect(Fixtures.publish311(0, false, 0, topic, "q2")); // QoS 0
            s1.expect(Fixtures.publish311(1, false, 1, topic, "q2")); // QoS 1
            s2.expect(Fixtures.publish311(2, false, 1, topic, "q2")); // QoS 2
            pub.send(Fixtures.publish311(1, false, 2, topic, "q1"));
            pub.expect("40 02 00 02");
            s2.expect(Fixtures.publish311(1, false, 2, topic, "q1")); // QoS 1 stays 1 for a QoS 2 subscriber
            s0.expect(Fixtures.publish311(0, false, 0, topic, "q1"));
        }
    }

    @BothTransports
    @DisplayName("Messages on one topic reach a subscriber in the order they were published, whatever their QoS"
            + " [MQTT-4.6.0-5] (ordered topics)")
    void orderPerTopic(String transport) throws Exception {
        String topic = id("order/", transport);
        try (RawConnection sub = Clients.v311(transport, id("ordsub", transport));
                RawConnection pub = Clients.v311(transport, id("ordpub", transport))) {
            sub.send(subscribe311(1, topic, 1));
            sub.expect("90 03 00 01 01");
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                all.append(Fixtures.publish311(i % 3, false, i + 1, topic, "m" + i)).append(' ');
            }
            pub.send(all.toString()); // thirty packets in one write
            for (int i = 0; i < 30; i++) {
                var p = io.stratusmq.wire.Published.parse(sub.receive(), false);
                org.assertj.core.api.Assertions.assertThat(p.payload()).isEqualTo("m" + i);
                org.assertj.core.api.Assertions.assertThat(p.qos()).isEqualTo(Math.min(i % 3, 1));
                if (p.qos() > 0) {
                    sub.send(p.ack());
                }
            }
        }
    }

    @BothTransports
    @DisplayName("MQTT 3.1 (MQIsdp) publishes and receives like 3.1.1")
    void mqtt31(String transport) throws Exception {
        String topic = id("v31/", transport);
        try (RawConnection c = Broker.raw(transport)) {
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQIsdp"), "03 02 00 3c", Fixtures.utf8(id("v31", transport))));
            c.expect("20 02 00 00");
            c.send(subscribe311(1, topic, 1));
            c.expect("90 03 00 01 01");
            c.send(Fixtures.publish311(1, false, 3, topic, "old"));
            c.expect("40 02 00 03");
            c.expect(Fixtures.publish311(1, false, 1, topic, "old"));
            c.send("40 02 00 01");
        }
    }

    @BothTransports
    @DisplayName("A 5.0 publisher and a 3.1.1 subscriber: the 3.1.1 PUBLISH has no property section")
    void v5ToV311(String transport) throws Exception {
        String topic = id("mix/", transport);
        try (RawConnection sub = Clients.v311(transport, id("mixsub", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("mixpub", transport))) {
            sub.send(subscribe311(1, topic, 1));
            sub.expect("90 03 00 01 01");
            pub.send(Fixtures.publish5(1, false, 1, topic, Fixtures.props("26 00 01 6b 00 01 76"), "x"));
            pub.expect("40 02 00 01");
            sub.expect(Fixtures.publish311(1, false, 1, topic, "x")); // the user property stays behind
        }
    }

    @BothTransports
    @DisplayName("A 3.1.1 publisher and a 5.0 subscriber: the 5.0 PUBLISH has an empty property section")
    void v311ToV5(String transport) throws Exception {
        String topic = id("mix5/", transport);
        try (RawConnection sub = Clients.v5Quiet(transport, id("mix5sub", transport));
                RawConnection pub = Clients.v311(transport, id("mix5pub", transport))) {
            sub.send(subscribe5(1, "00", topic, 1));
            sub.expect("90 04 00 01 00 01");
            pub.send(Fixtures.publish311(1, false, 1, topic, "y"));
            pub.expect("40 02 00 01");
            sub.expect(Fixtures.publish5(1, false, 1, topic, "00", "y"));
        }
    }
}
