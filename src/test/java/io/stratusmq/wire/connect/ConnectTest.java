package io.stratusmq.wire.connect;

import static io.stratusmq.wire.Clients.CONNACK_311;
import static io.stratusmq.wire.Clients.CONNACK_311_SESSION_PRESENT;
import static io.stratusmq.wire.Clients.CONNACK_5;
import static io.stratusmq.wire.Clients.CONNACK_5_SESSION_PRESENT;
import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static io.stratusmq.wire.Fixtures.subscribe311;
import static io.stratusmq.wire.Fixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.Hex;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Bystander;
import io.stratusmq.wire.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;

/** CONNECT and CONNACK for MQTT 3.1, 3.1.1 and 5.0 (3.1.1 section 3.1-3.2, 5.0 section 3.1-3.2). */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class ConnectTest {

    @BothTransports
    @DisplayName("MQTT 3.1: CONNECT with protocol name MQIsdp and level 3 is accepted with CONNACK return code 0")
    void mqtt31(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 12                      // CONNECT, remaining length 18
                    00 06 4d 51 49 73 64 70    // protocol name "MQIsdp"
                    03                         // protocol level 3
                    02                         // connect flags: clean session
                    00 3c                      // keep alive 60 s
                    00 04 63 33 31 %s          // client id "c31" + transport tag
                    """.formatted(tag(transport)));
            c.expect("""
                    20 02                      // CONNACK, remaining length 2
                    00                         // session present 0
                    00                         // return code 0: accepted
                    """);
            c.send("c0 00"); // PINGREQ
            c.expect("d0 00"); // PINGRESP
        }
    }

    @BothTransports
    @DisplayName("MQTT 3.1.1: CONNECT level 4 is accepted with CONNACK 20 02 00 00 [MQTT-3.2.2-1]")
    void mqtt311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0f                      // CONNECT, remaining length 15
                    00 04 4d 51 54 54          // protocol name "MQTT"
                    04                         // protocol level 4
                    02                         // connect flags: clean session
                    00 3c                      // keep alive 60 s
                    00 03 63 34 %s             // client id "c4" + transport tag
                    """.formatted(tag(transport)));
            c.expect("""
                    20 02                      // CONNACK, remaining length 2
                    00                         // session present 0 [MQTT-3.2.2-1]
                    00                         // return code 0: accepted
                    """);
            c.send("c0 00");
            c.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("MQTT 5.0: CONNECT level 5 is accepted with a CONNACK that states the server's limits (3.2.2.3)")
    void mqtt5(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 10                      // CONNECT, remaining length 16
                    00 04 4d 51 54 54          // protocol name "MQTT"
                    05                         // protocol level 5
                    02                         // connect flags: clean start
                    00 3c                      // keep alive 60 s
                    00                         // properties: none
                    00 03 63 35 %s             // client id "c5" + transport tag
                    """.formatted(tag(transport)));
            c.expect("""
                    20 0e                      // CONNACK, remaining length 14
                    00                         // session present 0
                    00                         // reason code 0x00: success
                    0b                         // properties, 11 bytes
                    21 00 80                   //   receive maximum 128
                    27 00 10 00 00             //   maximum packet size 1048576
                    22 00 0a                   //   topic alias maximum 10
                    """);
            c.send("c0 00");
            c.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("3.1.1: Clean Session 0 resumes the stored session with session present 1; Clean Session 1"
            + " discards it and answers session present 0 [MQTT-3.2.2-2] [MQTT-3.2.2-1] [MQTT-3.1.2-6]")
    void sessionPresent311(String transport) throws Exception {
        String clientId = id("present311", transport);
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(clientId, false, 60));
            c.expect(CONNACK_311); // no session yet [MQTT-3.2.2-3]
            c.send("e0 00");
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(clientId, false, 60));
            c.expect("""
                    20 02                      // CONNACK
                    01                         // session present 1 [MQTT-3.2.2-2]
                    00                         // accepted
                    """);
            c.send("e0 00");
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(clientId, true, 60));
            c.expect(CONNACK_311); // clean session: present 0 [MQTT-3.2.2-1]
            c.send("e0 00");
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(clientId, false, 60));
            c.expect(CONNACK_311); // the clean session ended with its connection [MQTT-3.1.2-6]
            c.send(connect311(clientId, true, 60)); // (second CONNECT: the broker closes)
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("5.0: Clean Start 0 with a Session Expiry Interval resumes with session present 1; without one the"
            + " session ends with the connection [MQTT-3.2.2-2] [MQTT-3.1.2-23]")
    void sessionPresent5(String transport) throws Exception {
        String clientId = id("present5", transport);
        String expiry60 = props("11 00 00 00 3c"); // session expiry interval 60 s
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5(clientId, false, 60, expiry60));
            c.expect(CONNACK_5);
            c.send("e0 00");
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5(clientId, false, 60, props())); // resumes; this connection's expiry is 0
            c.expect("""
                    20 0e 01 00                // CONNACK, session present 1, success
                    0b 21 00 80 27 00 10 00 00 22 00 0a
                    """);
            c.send("e0 00");
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5(clientId, false, 60, props()));
            c.expect(CONNACK_5); // expiry 0: the session ended when the last connection closed
        }
    }

    @BothTransports
    @DisplayName("3.1: CONNACK has no session present flag (the byte is reserved in 3.1), even when a stored"
            + " session is resumed; as Mosquitto does")
    void noSessionPresentFor31(String transport) throws Exception {
        String clientId = id("present31", transport);
        String connect = Fixtures.packet(0x10, Fixtures.utf8("MQIsdp"), "03",
                "00",                                  // clean session 0
                "00 3c", Fixtures.utf8(clientId));
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect);
            c.expect("20 02 00 00");
            c.send("e0 00");
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect);
            c.expect("""
                    20 02                      // CONNACK
                    00                         // reserved in 3.1: 0, though the session was resumed
                    00                         // accepted
                    """);
            c.send(subscribe311(1, "a/b", 0)); // the session is there all the same
            c.expect("90 03 00 01 00");
            c.send(Fixtures.connect311(clientId, true, 0)); // a second CONNECT closes, and ...
            c.expectClosed();
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQIsdp"), "03", "02", "00 3c", Fixtures.utf8(clientId)));
            c.expect("20 02 00 00"); // ... a clean one ends the stored session
        }
    }

    @BothTransports
    @DisplayName("5.0: a will topic with a wildcard is refused with CONNACK 0x90 (topic name invalid), then the"
            + " close (5.0 sections 3.1.3.3 and 3.2.2.2)")
    void willTopicWithWildcard5(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQTT"), "05",
                    "06",                              // will flag, clean start
                    "00 3c",
                    "02 17 00",                        // properties: request problem information 0
                    Fixtures.utf8(id("willwild", transport)),
                    "00",                              // will properties: none
                    Fixtures.utf8("a/#"),              // will topic with a wildcard
                    Fixtures.utf8("x")));              // will payload
            c.expect("""
                    20 03                      // CONNACK, remaining length 3
                    00                         // session present 0
                    90                         // reason code 0x90: topic name invalid
                    00                         // properties: none
                    """);
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("5.0: a will with Payload Format Indicator 1 and a payload that is not UTF-8 is refused with"
            + " CONNACK 0x99 (5.0 section 3.1.3.2.3)")
    void willPayloadNotUtf8(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQTT"), "05",
                    "06",                              // will flag, clean start
                    "00 3c",
                    "02 17 00",                        // properties: request problem information 0
                    Fixtures.utf8(id("willutf", transport)),
                    "02 01 01",                        // will properties: payload format indicator 1
                    Fixtures.utf8("will/utf8"),        // will topic
                    "00 02 ff fe"));                   // will payload: not UTF-8
            c.expect("""
                    20 03                      // CONNACK, remaining length 3
                    00                         // session present 0
                    99                         // reason code 0x99: payload format invalid
                    00                         // properties: none
                    """);
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: a will topic with a wildcard closes the connection without CONNACK (3.1.1 has no return"
            + " code for it), as Mosquitto does")
    void willTopicWithWildcard311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQTT"), "04", "06", "00 3c",
                    Fixtures.utf8(id("willwild311", transport)), Fixtures.utf8("a/+"), Fixtures.utf8("x")));
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: an empty client id with Clean Session 1 is accepted [MQTT-3.1.3-6] [MQTT-3.1.3-7]")
    void emptyClientId311Clean(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0c                      // CONNECT, remaining length 12
                    00 04 4d 51 54 54 04       // "MQTT" level 4
                    02                         // clean session
                    00 3c                      // keep alive 60 s
                    00 00                      // client id: empty
                    """);
            c.expect(CONNACK_311);
            c.send("c0 00");
            c.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("3.1.1: an empty client id with Clean Session 0 gets CONNACK 0x02 (identifier rejected), then the"
            + " connection closes [MQTT-3.1.3-8]")
    void emptyClientId311Persistent(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0c                      // CONNECT, remaining length 12
                    00 04 4d 51 54 54 04       // "MQTT" level 4
                    00                         // clean session 0
                    00 3c                      // keep alive 60 s
                    00 00                      // client id: empty
                    """);
            c.expect("""
                    20 02                      // CONNACK
                    00                         // session present 0
                    02                         // return code 2: identifier rejected
                    """);
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("3.1: an empty client id is rejected with return code 0x02, as Mosquitto does (3.1 needs 1-23 chars)")
    void emptyClientId31(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0e                      // CONNECT, remaining length 14
                    00 06 4d 51 49 73 64 70 03 // "MQIsdp" level 3
                    02                         // clean session
                    00 3c                      // keep alive 60 s
                    00 00                      // client id: empty
                    """);
            c.expect("20 02 00 02");
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("5.0: an empty client id gets a unique Assigned Client Identifier in CONNACK [MQTT-3.2.2-16]")
    void emptyClientId5(String transport) throws Exception {
        String first;
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0d                      // CONNECT, remaining length 13
                    00 04 4d 51 54 54 05       // "MQTT" level 5
                    02                         // clean start
                    00 3c                      // keep alive 60 s
                    00                         // properties: none
                    00 00                      // client id: empty
                    """);
            first = assignedId(c.receive());
            c.send("c0 00");
            c.expect("d0 00");
            try (RawConnection d = Broker.raw(transport)) {
                d.send("10 0d 00 04 4d 51 54 54 05 02 00 3c 00 00 00");
                assertThat(assignedId(d.receive())).isNotEqualTo(first);
            }
        }
    }

    /** Checks every byte of a CONNACK that carries an assigned client id, and returns the id. */
    private static String assignedId(byte[] connack) {
        // 20 len 00 00 plen 21 00 80 27 00 10 00 00 12 <id> 22 00 0a
        int idLength = ((connack[14] & 0xFF) << 8) | (connack[15] & 0xFF);
        String id = new String(connack, 16, idLength, StandardCharsets.UTF_8);
        assertThat(id).isNotEmpty();
        String expected = Fixtures.packet(0x20,
                "00 00",                              // session present 0, success
                props("21 00 80",                     // receive maximum 128
                        "27 00 10 00 00",             // maximum packet size 1048576
                        "12 " + Fixtures.utf8(id),    // assigned client identifier
                        "22 00 0a"));                 // topic alias maximum 10
        assertThat(Hex.hex(connack)).isEqualTo(expected);
        return id;
    }

    @BothTransports
    @DisplayName("An unsupported protocol level (6) gets CONNACK return code 0x01 in the 3.1.1 shape, then the"
            + " connection closes [MQTT-3.1.2-2]")
    void unsupportedLevel(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport); RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0d                      // CONNECT, remaining length 13
                    00 04 4d 51 54 54          // protocol name "MQTT"
                    06                         // protocol level 6: unknown
                    02                         // clean start
                    00 3c                      // keep alive 60 s
                    00 01 61                   // client id "a"
                    """);
            c.expect("""
                    20 02                      // CONNACK
                    00                         // session present 0
                    01                         // return code 1: unacceptable protocol version
                    """);
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("Protocol name MQTT with level 3 (3.1 needs MQIsdp) is an unacceptable protocol version: 0x01")
    void mqttNameWithLevel3(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0d                      // CONNECT, remaining length 13
                    00 04 4d 51 54 54 03       // "MQTT" level 3
                    02 00 3c                   // clean, keep alive 60 s
                    00 01 61                   // client id "a"
                    """);
            c.expect("20 02 00 01");
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("An unknown protocol name closes the connection without CONNACK [MQTT-3.1.2-1]")
    void unknownProtocolName(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport); RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0d                      // CONNECT, remaining length 13
                    00 04 4d 51 54 58          // protocol name "MQTX"
                    04                         // level 4
                    02 00 3c                   // clean, keep alive 60 s
                    00 01 61                   // client id "a"
                    """);
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("The reserved CONNECT flag set closes the connection without CONNACK [MQTT-3.1.2-3]")
    void reservedConnectFlag(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0d 00 04 4d 51 54 54 04 // CONNECT "MQTT" level 4
                    03                         // connect flags: clean session + reserved bit 0
                    00 3c 00 01 61             // keep alive 60 s, client id "a"
                    """);
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: the password flag without the user name flag closes the connection [MQTT-3.1.2-22]")
    void passwordWithoutUserName(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 10 00 04 4d 51 54 54 04 // CONNECT "MQTT" level 4, remaining length 16
                    42                         // connect flags: password + clean session, no user name
                    00 3c 00 01 61             // keep alive 60 s, client id "a"
                    00 01 70                   // password "p"
                    """);
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("A PUBLISH before CONNECT closes the connection without CONNACK [MQTT-3.1.0-1]")
    void publishBeforeConnect(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport); RawConnection c = Broker.raw(transport)) {
            c.send("""
                    30 07                      // PUBLISH QoS 0, remaining length 7
                    00 03 61 2f 62             // topic "a/b"
                    68 69                      // payload "hi"
                    """);
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("A PINGREQ before CONNECT closes the connection without CONNACK [MQTT-3.1.0-1]")
    void pingBeforeConnect(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("c0 00");
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("A CONNECT and more packets in one write: the CONNACK comes first, then the answers in order")
    void pipelinedAfterConnect(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("pipelined", transport), true, 60) + " c0 00 c0 00"); // CONNECT PINGREQ PINGREQ
            c.expect(CONNACK_311);
            c.expect("d0 00");
            c.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("A 3.1.1 client that reconnects right after its connection dropped gets session present 1")
    void resumeRightAfterClose(String transport) throws Exception {
        String clientId = id("quickresume", transport);
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(clientId, false, 60));
            c.expect(CONNACK_311);
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(clientId, false, 60));
            c.expect(CONNACK_311_SESSION_PRESENT);
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(clientId, true, 60)); // clean up the stored session
            c.expect(CONNACK_311);
        }
    }

    @BothTransports
    @DisplayName("5.0 CONNECT's session present when a 5.0 client resumes: the CONNACK carries the same limits")
    void sessionPresentConnack5(String transport) throws Exception {
        String clientId = id("present5b", transport);
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5(clientId, false, 60, props("11 ff ff ff ff"))); // session never expires
            c.expect(CONNACK_5);
        }
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5(clientId, false, 60, props("11 00 00 00 00")));
            c.expect(CONNACK_5_SESSION_PRESENT);
        }
    }
}
