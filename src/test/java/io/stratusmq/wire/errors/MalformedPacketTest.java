package io.stratusmq.wire.errors;

import static io.stratusmq.wire.errors.Violations.closes311;
import static io.stratusmq.wire.errors.Violations.disconnects5;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.WebSocketRawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Bystander;
import io.stratusmq.wire.Clients;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Malformed packets (5.0 section 4.13, 3.1.1 section 4.8): the server closes that one connection, after a
 * DISCONNECT with reason code 0x81 (malformed packet) or 0x82 (protocol error) for a 5.0 client.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class MalformedPacketTest {

    private static final String MALFORMED = "e0 01 81"; // DISCONNECT, reason 0x81 malformed packet
    private static final String PROTOCOL_ERROR = "e0 01 82"; // DISCONNECT, reason 0x82 protocol error

    @BothTransports
    @DisplayName("A remaining length of five bytes is malformed: 0x81 before the body arrives [MQTT-1.5.5]")
    void remainingLengthTooLong(String transport) throws Exception {
        String packet = """
                30                         // PUBLISH QoS 0
                ff ff ff ff 7f             // remaining length: five bytes, one more than allowed
                """;
        disconnects5(transport, packet, MALFORMED);
        closes311(transport, packet);
    }

    @BothTransports
    @DisplayName("A field that runs past the remaining length is malformed: 0x81 [MQTT-1.5.4] (5.0 section 4.13)")
    void truncatedField(String transport) throws Exception {
        String packet = """
                30 05                      // PUBLISH QoS 0, remaining length 5
                00 09 61 2f 62             // topic length 9, but only 3 bytes follow
                """;
        disconnects5(transport, packet, MALFORMED);
        closes311(transport, packet);
    }

    @BothTransports
    @DisplayName("A SUBSCRIBE that ends inside its options byte is malformed: 0x81")
    void truncatedSubscribe(String transport) throws Exception {
        disconnects5(transport, """
                82 08                      // SUBSCRIBE, remaining length 8
                00 01                      // packet id 1
                00                         // properties: none
                00 03 61 2f 62             // filter "a/b", then no options byte
                """, MALFORMED);
    }

    @BothTransports
    @DisplayName("Ill-formed UTF-8 in a topic name is malformed: 0x81, close [MQTT-1.5.4-1]")
    void invalidUtf8(String transport) throws Exception {
        String packet = """
                30 07                      // PUBLISH QoS 0, remaining length 7
                00 03 61 c3 28             // topic "a" + c3 28: a lead byte without its continuation
                68 69                      // payload "hi"
                """;
        disconnects5(transport, packet, MALFORMED);
        closes311(transport, packet);
    }

    @BothTransports
    @DisplayName("A UTF-8 encoded surrogate (U+D800) in a topic filter is malformed: 0x81 [MQTT-1.5.4-1]")
    void surrogateInFilter(String transport) throws Exception {
        disconnects5(transport, """
                82 09                      // SUBSCRIBE, remaining length 9
                00 01 00                   // packet id 1, no properties
                00 03 ed a0 80             // filter: U+D800 encoded in UTF-8
                00                         // options: QoS 0
                """, MALFORMED);
    }

    @BothTransports
    @DisplayName("U+0000 in a topic name is malformed: 0x81, close [MQTT-1.5.4-2]")
    void nulCharacter(String transport) throws Exception {
        String packet = """
                30 07                      // PUBLISH QoS 0, remaining length 7
                00 03 61 00 62             // topic "a" U+0000 "b"
                68 69                      // payload "hi"
                """;
        disconnects5(transport, packet, MALFORMED);
        closes311(transport, packet);
    }

    @BothTransports
    @DisplayName("Invalid UTF-8 in the CONNECT's client id closes the connection without CONNACK [MQTT-1.5.4-1]")
    void invalidUtf8InClientId(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport);
                var c = Broker.raw(transport)) {
            c.send("""
                    10 0e 00 04 4d 51 54 54 04 // CONNECT "MQTT" level 4
                    02 00 3c                   // clean session, keep alive 60 s
                    00 02 61 ff                // client id "a" + 0xff: never valid in UTF-8
                    """);
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("SUBSCRIBE with fixed-header flags 0000 instead of 0010 is malformed: 0x81 [MQTT-3.8.1-1]")
    void subscribeReservedFlags(String transport) throws Exception {
        String packet = """
                80 09                      // SUBSCRIBE with flags 0000: reserved bits wrong
                00 01 00                   // packet id 1, no properties
                00 03 61 2f 62 00          // filter "a/b", QoS 0
                """;
        disconnects5(transport, packet, MALFORMED);
        closes311(transport, """
                80 08                      // SUBSCRIBE with flags 0000
                00 01                      // packet id 1
                00 03 61 2f 62 00          // filter "a/b", QoS 0
                """);
    }

    @BothTransports
    @DisplayName("PUBREL with flags 0000 instead of 0010 is malformed: 0x81 [MQTT-3.6.1-1]")
    void pubRelReservedFlags(String transport) throws Exception {
        disconnects5(transport, "60 02 00 01", MALFORMED); // PUBREL, flags 0000, packet id 1
    }

    @BothTransports
    @DisplayName("PINGREQ with a flag bit set is malformed: 0x81 [MQTT-2.1.3-1]")
    void pingReqFlags(String transport) throws Exception {
        disconnects5(transport, "c1 00", MALFORMED); // PINGREQ with flags 0001
        closes311(transport, "c1 00");
    }

    @BothTransports
    @DisplayName("PUBLISH with both QoS bits set (QoS 3) is malformed: 0x81 [MQTT-3.3.1-4]")
    void publishQos3(String transport) throws Exception {
        disconnects5(transport, "36 07 00 01 61 00 01 00 78", MALFORMED); // QoS 3, "a", id 1, no props, "x"
    }

    @BothTransports
    @DisplayName("PUBLISH QoS 0 with DUP set is malformed: 0x81 [MQTT-3.3.1-2]")
    void dupAtQos0(String transport) throws Exception {
        disconnects5(transport, "38 05 00 01 61 00 78", MALFORMED); // DUP, QoS 0, "a", no props, "x"
    }

    @BothTransports
    @DisplayName("Packet type 0 is reserved: malformed, 0x81 [MQTT-2.1.2]")
    void packetTypeZero(String transport) throws Exception {
        disconnects5(transport, "00 00", MALFORMED);
        closes311(transport, "00 00");
    }

    @BothTransports
    @DisplayName("AUTH (type 15) from a 3.1.1 client is a reserved packet type: the connection closes")
    void authOn311(String transport) throws Exception {
        closes311(transport, "f0 00");
    }

    @BothTransports
    @DisplayName("5.0: AUTH when CONNECT named no authentication method is a protocol error: 0x82 [MQTT-4.12.0-1]")
    void authWithoutMethod5(String transport) throws Exception {
        disconnects5(transport, "f0 00", PROTOCOL_ERROR);
    }

    @BothTransports
    @DisplayName("A property the packet does not allow (Session Expiry Interval on PUBLISH) is malformed: 0x81"
            + " (5.0 section 2.2.2.2)")
    void propertyNotAllowed(String transport) throws Exception {
        disconnects5(transport, """
                30 0c                      // PUBLISH QoS 0, remaining length 12
                00 01 61                   // topic "a"
                05 11 00 00 00 0a          // properties: session expiry interval 10, not a PUBLISH property
                78 79 7a                   // payload "xyz"
                """, MALFORMED);
    }

    @BothTransports
    @DisplayName("A property identifier that does not exist (0x05) is malformed: 0x81")
    void unknownProperty(String transport) throws Exception {
        disconnects5(transport, """
                30 08 00 01 61             // PUBLISH QoS 0, topic "a"
                02 05 00                   // properties: identifier 0x05, undefined
                78 79                      // payload "xy"
                """, MALFORMED);
    }

    @BothTransports
    @DisplayName("A property that may appear once, twice (Payload Format Indicator), is a protocol error: 0x82"
            + " (5.0 section 3.3.2.3)")
    void duplicateProperty(String transport) throws Exception {
        disconnects5(transport, """
                30 0a                      // PUBLISH QoS 0, remaining length 10
                00 01 61                   // topic "a"
                04 01 00 01 00             // properties: payload format indicator 0, twice
                78 79                      // payload "xy"
                """, PROTOCOL_ERROR);
    }

    @BothTransports
    @DisplayName("A property length beyond the packet is malformed: 0x81")
    void propertyLengthPastEnd(String transport) throws Exception {
        disconnects5(transport, """
                30 06 00 01 61             // PUBLISH QoS 0, topic "a"
                09 01 00                   // properties: length 9, but 2 bytes remain
                """, MALFORMED);
    }

    @BothTransports
    @DisplayName("CONNACK from a client: a server-only packet is a protocol error, 0x82 [MQTT-4.8.0-1]")
    void connAckFromClient(String transport) throws Exception {
        disconnects5(transport, "20 03 00 00 00", PROTOCOL_ERROR); // CONNACK, success, no properties
        closes311(transport, "20 02 00 00");
    }

    @BothTransports
    @DisplayName("SUBACK from a client: a server-only packet is a protocol error, 0x82")
    void subAckFromClient(String transport) throws Exception {
        disconnects5(transport, "90 04 00 01 00 00", PROTOCOL_ERROR); // SUBACK id 1, no props, QoS 0
        closes311(transport, "90 03 00 01 00");
    }

    @BothTransports
    @DisplayName("UNSUBACK from a client: a server-only packet is a protocol error, 0x82")
    void unsubAckFromClient(String transport) throws Exception {
        disconnects5(transport, "b0 04 00 01 00 00", PROTOCOL_ERROR); // UNSUBACK id 1, no props, success
    }

    @BothTransports
    @DisplayName("PINGRESP from a client: a server-only packet is a protocol error, 0x82")
    void pingRespFromClient(String transport) throws Exception {
        disconnects5(transport, "d0 00", PROTOCOL_ERROR);
        closes311(transport, "d0 00");
    }

    @BothTransports
    @DisplayName("SUBSCRIBE without a topic filter is a protocol error: 0x82 [MQTT-3.8.3-3]")
    void subscribeWithoutFilter(String transport) throws Exception {
        disconnects5(transport, "82 03 00 01 00", PROTOCOL_ERROR); // SUBSCRIBE id 1, no props, no filter
        closes311(transport, "82 02 00 01");
    }

    @BothTransports
    @DisplayName("UNSUBSCRIBE without a topic filter is a protocol error: 0x82 [MQTT-3.10.3-2]")
    void unsubscribeWithoutFilter(String transport) throws Exception {
        disconnects5(transport, "a2 03 00 01 00", PROTOCOL_ERROR); // UNSUBSCRIBE id 1, no props, no filter
    }

    @BothTransports
    @DisplayName("SUBSCRIBE asking for Retain Handling 3 is a protocol error: 0x82 (5.0 section 3.8.3.1)")
    void retainHandling3(String transport) throws Exception {
        disconnects5(transport, """
                82 09 00 01 00             // SUBSCRIBE id 1, no properties
                00 03 61 2f 62             // filter "a/b"
                30                         // options: retain handling 3
                """, PROTOCOL_ERROR);
    }

    @BothTransports
    @DisplayName("SUBSCRIBE options with the reserved bits 6-7 set are malformed: 0x81 [MQTT-3.8.3-5]")
    void subscribeReservedOptionBits(String transport) throws Exception {
        disconnects5(transport, "82 09 00 01 00 00 03 61 2f 62 c0", MALFORMED); // options 1100 0000
    }

    @BothTransports
    @DisplayName("5.0: a malformed packet with problem information requested may carry a Reason String; the code"
            + " is still 0x81")
    void malformedWithReasonString(String transport) throws Exception {
        try (var c = Clients.v5(transport, io.stratusmq.wire.Fixtures.id("badr", transport))) {
            c.send("00 00");
            Clients.expectDisconnect(c, 0x81);
        }
    }

    @Test
    @DisplayName("A text WebSocket frame closes the connection [MQTT-6.0.0-1]")
    void textFrame() throws Exception {
        try (Bystander other = Bystander.connect("ws");
                WebSocketRawConnection c = WebSocketRawConnection.mqtt(Broker.wsUri())) {
            c.send(io.stratusmq.wire.Fixtures.connect311("textframe", true, 60));
            c.expect(Clients.CONNACK_311);
            c.sendText("c0 00");
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @Test
    @DisplayName("A text WebSocket frame before CONNECT closes the connection too [MQTT-6.0.0-1]")
    void textFrameFirst() throws Exception {
        try (WebSocketRawConnection c = WebSocketRawConnection.mqtt(Broker.wsUri())) {
            c.sendText("CONNECT");
            c.expectClosed();
        }
    }
}
