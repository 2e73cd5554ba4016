package io.stratusmq.codec;

import static io.stratusmq.codec.MqttVersion.V3_1;
import static io.stratusmq.codec.MqttVersion.V3_1_1;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.decode;
import static io.stratusmq.codec.Wire.hex;
import static io.stratusmq.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-exact fixtures, written by hand from the specification and annotated field by field: each must decode
 * to its record, and the record must encode to exactly these bytes.
 */
class WireFixtureTest {

    record Fixture(String name, MqttVersion version, byte[] bytes, MqttPacket packet) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Fixture> fixtures() {
        return List.of(
                new Fixture("3.1.1 CONNECT from mosquitto_sub -i mosq-sub", V3_1_1, hex(
                        "10 14", //                       CONNECT, remaining length 20
                        "00 04 4d 51 54 54", //           protocol name "MQTT"
                        "04", //                          protocol level 4 (3.1.1)
                        "02", //                          flags: clean session
                        "00 3c", //                       keep alive 60 s
                        "00 08 6d 6f 73 71 2d 73 75 62"), // client id "mosq-sub"
                        new Connect(V3_1_1, "mosq-sub", true, 60, null, null, null, ConnectProperties.EMPTY)),
                new Fixture("3.1.1 CONNECT with will, user name and password", V3_1_1, hex(
                        "10 23", //                       CONNECT, remaining length 35
                        "00 04 4d 51 54 54", //           "MQTT"
                        "04", //                          level 4
                        "ee", //                          flags: user name, password, will retain, will QoS 1,
                        //                                       will, clean session (1110 1110)
                        "00 1e", //                       keep alive 30 s
                        "00 05 70 61 68 6f 31", //        client id "paho1"
                        "00 03 62 79 65", //              will topic "bye"
                        "00 04 67 6f 6e 65", //           will payload "gone"
                        "00 01 75", //                    user name "u"
                        "00 02 70 77"), //                password "pw"
                        new Connect(V3_1_1, "paho1", true, 30, "u", utf8("pw"),
                                new Will("bye", utf8("gone"), 1, true, WillProperties.EMPTY),
                                ConnectProperties.EMPTY)),
                new Fixture("3.1 CONNECT", V3_1, hex(
                        "10 11", //                       CONNECT, remaining length 17
                        "00 06 4d 51 49 73 64 70", //     protocol name "MQIsdp"
                        "03", //                          protocol version 3
                        "02", //                          flags: clean session
                        "00 0a", //                       keep alive 10 s
                        "00 03 61 62 63"), //             client id "abc"
                        new Connect(V3_1, "abc", true, 10, null, null, null, ConnectProperties.EMPTY)),
                new Fixture("5.0 CONNECT with session expiry and receive maximum", V5, hex(
                        "10 17", //                       CONNECT, remaining length 23
                        "00 04 4d 51 54 54", //           "MQTT"
                        "05", //                          level 5
                        "02", //                          flags: clean start
                        "00 3c", //                       keep alive 60 s
                        "08", //                          property length 8
                        "11 00 00 0e 10", //                session expiry interval 3600 s
                        "21 00 14", //                      receive maximum 20
                        "00 02 63 31"), //                client id "c1"
                        new Connect(V5, "c1", true, 60, null, null, null,
                                new ConnectProperties(3_600L, 20, null, null, null, null, null, null, List.of()))),
                new Fixture("3.1.1 CONNACK accepted", V3_1_1, hex(
                        "20 02", //                       CONNACK, remaining length 2
                        "00", //                          session present 0
                        "00"), //                         return code 0: accepted
                        new ConnAck(false, ConnectReasonCode.SUCCESS, ConnAckProperties.EMPTY)),
                new Fixture("3.1.1 CONNACK session present", V3_1_1, hex("20 02", "01", "00"),
                        new ConnAck(true, ConnectReasonCode.SUCCESS, ConnAckProperties.EMPTY)),
                new Fixture("3.1.1 CONNACK not authorized", V3_1_1, hex(
                        "20 02", //                       CONNACK, remaining length 2
                        "00", //                          session present 0 [MQTT-3.2.2-4]
                        "05"), //                         return code 5: not authorized
                        new ConnAck(false, ConnectReasonCode.NOT_AUTHORIZED, ConnAckProperties.EMPTY)),
                new Fixture("5.0 CONNACK with properties", V5, hex(
                        "20 1c", //                       CONNACK, remaining length 28
                        "00", //                          session present 0
                        "00", //                          reason code 0x00 success
                        "19", //                          property length 25
                        "21 00 14", //                      receive maximum 20
                        "24 01", //                         maximum QoS 1
                        "25 00", //                         retain available: no
                        "12 00 09 61 75 74 6f 2d 37 66 33 61", // assigned client identifier "auto-7f3a"
                        "22 00 0a", //                      topic alias maximum 10
                        "13 00 3c"), //                     server keep alive 60 s
                        new ConnAck(false, ConnectReasonCode.SUCCESS, new ConnAckProperties(null, 20, 1, false, null,
                                "auto-7f3a", 10, null, List.of(), null, null, null, 60, null, null, null, null))),
                new Fixture("5.0 CONNACK refused, no properties", V5, hex(
                        "20 03", //                       CONNACK, remaining length 3
                        "00", //                          session present 0
                        "87", //                          reason code 0x87 not authorized
                        "00"), //                         property length 0
                        new ConnAck(false, ConnectReasonCode.NOT_AUTHORIZED, ConnAckProperties.EMPTY)),
                new Fixture("3.1.1 PUBLISH QoS 1", V3_1_1, hex(
                        "32 0b", //                       PUBLISH, QoS 1 (0011 0010), remaining length 11
                        "00 03 61 2f 62", //              topic "a/b"
                        "00 0a", //                       packet id 10
                        "68 65 79 21"), //                payload "hey!"
                        new Publish("a/b", 1, false, false, 10, utf8("hey!"), PublishProperties.EMPTY)),
                new Fixture("3.1.1 PUBLISH QoS 2, DUP, retain", V3_1_1, hex(
                        "3d 07", //                       PUBLISH, DUP, QoS 2, retain (0011 1101), length 7
                        "00 01 74", //                    topic "t"
                        "ff ff", //                       packet id 65535
                        "00 01"), //                      payload 00 01
                        new Publish("t", 2, true, true, 65_535, new byte[] {0, 1}, PublishProperties.EMPTY)),
                new Fixture("5.0 PUBLISH with payload format and topic alias", V5, hex(
                        "30 0b", //                       PUBLISH, QoS 0, remaining length 11
                        "00 01 74", //                    topic "t"
                        "05", //                          property length 5
                        "01 01", //                         payload format indicator 1: UTF-8
                        "23 00 01", //                      topic alias 1
                        "68 69"), //                      payload "hi"
                        new Publish("t", 0, false, false, 0, utf8("hi"),
                                new PublishProperties(1, null, 1, null, null, List.of(), List.of(), null))),
                new Fixture("3.1.1 PUBACK", V3_1_1, hex("40 02", "00 0a"), new PubAck(10)),
                new Fixture("5.0 PUBACK success, no properties: remaining length 2", V5, hex(
                        "40 02", //                       PUBACK, remaining length 2
                        "00 01"), //                      packet id 1; reason 0x00 and properties left out
                        new PubAck(1)),
                new Fixture("5.0 PUBACK reason code only: remaining length 3", V5, hex(
                        "40 03", //                       PUBACK, remaining length 3
                        "00 01", //                       packet id 1
                        "10"), //                         reason code 0x10 no matching subscribers
                        new PubAck(1, PubAckReasonCode.NO_MATCHING_SUBSCRIBERS, AckProperties.EMPTY)),
                new Fixture("5.0 PUBACK with a reason string", V5, hex(
                        "40 0c", //                       PUBACK, remaining length 12
                        "00 01", //                       packet id 1
                        "97", //                          reason code 0x97 quota exceeded
                        "08", //                          property length 8
                        "1f 00 05 71 75 6f 74 61"), //      reason string "quota"
                        new PubAck(1, PubAckReasonCode.QUOTA_EXCEEDED, AckProperties.ofReason("quota"))),
                new Fixture("3.1.1 PUBREC", V3_1_1, hex("50 02", "ff ff"), new PubRec(65_535)),
                new Fixture("3.1.1 PUBREL: flags 0010", V3_1_1, hex("62 02", "00 07"), new PubRel(7)),
                new Fixture("5.0 PUBREL packet identifier not found", V5, hex("62 03", "00 07", "92"),
                        new PubRel(7, PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND, AckProperties.EMPTY)),
                new Fixture("3.1.1 PUBCOMP", V3_1_1, hex("70 02", "00 07"), new PubComp(7)),
                new Fixture("3.1.1 SUBSCRIBE", V3_1_1, hex(
                        "82 08", //                       SUBSCRIBE, flags 0010, remaining length 8
                        "00 01", //                       packet id 1
                        "00 03 61 2f 62", //              filter "a/b"
                        "01"), //                         requested QoS 1
                        new Subscribe(1, List.of(TopicSubscription.of("a/b", 1)), null, List.of())),
                new Fixture("5.0 SUBSCRIBE with subscription identifier and options", V5, hex(
                        "82 09", //                       SUBSCRIBE, remaining length 9
                        "00 02", //                       packet id 2
                        "02", //                          property length 2
                        "0b 05", //                         subscription identifier 5
                        "00 01 23", //                    filter "#"
                        "2d"), //                         options 0010 1101: retain handling 2,
                        //                                  retain as published, no local, QoS 1
                        new Subscribe(2, List.of(new TopicSubscription("#", 1, true, true, 2)), 5, List.of())),
                new Fixture("3.1.1 SUBACK with a failure", V3_1_1, hex(
                        "90 04", //                       SUBACK, remaining length 4
                        "00 01", //                       packet id 1
                        "01", //                          granted QoS 1
                        "80"), //                         0x80 failure
                        new SubAck(1, List.of(SubAckReasonCode.GRANTED_QOS_1, SubAckReasonCode.UNSPECIFIED_ERROR),
                                AckProperties.EMPTY)),
                new Fixture("5.0 SUBACK", V5, hex(
                        "90 05", //                       SUBACK, remaining length 5
                        "00 02", //                       packet id 2
                        "00", //                          property length 0
                        "02", //                          granted QoS 2
                        "a2"), //                         0xA2 wildcard subscriptions not supported
                        new SubAck(2, List.of(SubAckReasonCode.GRANTED_QOS_2,
                                SubAckReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED), AckProperties.EMPTY)),
                new Fixture("3.1.1 UNSUBSCRIBE", V3_1_1, hex(
                        "a2 05", //                       UNSUBSCRIBE, flags 0010, remaining length 5
                        "00 03", //                       packet id 3
                        "00 01 23"), //                   filter "#"
                        new Unsubscribe(3, List.of("#"), List.of())),
                new Fixture("3.1.1 UNSUBACK", V3_1_1, hex("b0 02", "00 03"),
                        new UnsubAck(3, List.of(), AckProperties.EMPTY)),
                new Fixture("5.0 UNSUBACK", V5, hex(
                        "b0 05", //                       UNSUBACK, remaining length 5
                        "00 03", //                       packet id 3
                        "00", //                          property length 0
                        "00 11"), //                      success, no subscription existed
                        new UnsubAck(3, List.of(UnsubAckReasonCode.SUCCESS, UnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED),
                                AckProperties.EMPTY)),
                new Fixture("PINGREQ", V3_1_1, hex("c0 00"), PingReq.INSTANCE),
                new Fixture("PINGRESP", V5, hex("d0 00"), PingResp.INSTANCE),
                new Fixture("3.1.1 DISCONNECT", V3_1_1, hex("e0 00"), Disconnect.NORMAL),
                new Fixture("5.0 DISCONNECT normal: remaining length 0", V5, hex("e0 00"), Disconnect.NORMAL),
                new Fixture("5.0 DISCONNECT with a reason, no properties", V5, hex(
                        "e0 01", //                       DISCONNECT, remaining length 1
                        "04"), //                         reason 0x04 disconnect with will message
                        new Disconnect(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE, DisconnectProperties.EMPTY)),
                new Fixture("5.0 AUTH continue", V5, hex(
                        "f0 0f", //                       AUTH, remaining length 15
                        "18", //                          reason 0x18 continue authentication
                        "0d", //                          property length 13
                        "15 00 05 53 43 52 41 4d", //       authentication method "SCRAM"
                        "16 00 02 ab cd"), //               authentication data ab cd
                        new Auth(AuthReasonCode.CONTINUE_AUTHENTICATION,
                                new AuthProperties("SCRAM", new byte[] {(byte) 0xAB, (byte) 0xCD}, null, List.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("the fixture decodes to its record")
    void decodes(Fixture f) throws Exception {
        MqttVersion version = f.packet().type() == PacketType.CONNECT ? null : f.version();
        assertThat(decode(f.bytes(), version)).usingRecursiveComparison()
                .withEqualsForType(Arrays::equals, byte[].class).isEqualTo(f.packet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("the record encodes to exactly the fixture")
    void encodes(Fixture f) {
        assertThat(hex(MqttEncoder.encode(f.packet(), f.version()))).isEqualTo(hex(f.bytes()));
    }

    @Test
    @DisplayName("[5.0 §3.4.2.2.1] a PUBACK whose property length is present but 0 decodes like the short form")
    void pubAckWithEmptyPropertySection() throws Exception {
        // 40 04 | 00 01 | 00 success | 00 property length 0
        assertThat(decode(hex("40 04 00 01 00 00"), V5)).isEqualTo(new PubAck(1));
        // 40 03 | 00 01 | 00 success: "the Reason Code 0x00 may be sent without properties"
        assertThat(decode(hex("40 03 00 01 00"), V5)).isEqualTo(new PubAck(1));
    }

    @Test
    @DisplayName("[5.0 §3.14.2.2.1] a DISCONNECT with remaining length 1 has property length 0")
    void disconnectReasonWithEmptyPropertySection() throws Exception {
        Disconnect expected = new Disconnect(DisconnectReasonCode.SESSION_TAKEN_OVER, DisconnectProperties.EMPTY);
        assertThat(decode(hex("e0 02 8e 00"), V5)).isEqualTo(expected);
        assertThat(hex(MqttEncoder.encode(expected, V5))).isEqualTo("e0 01 8e");
    }

    @Test
    @DisplayName("[MQTT-3.9.3-2] a 3.1.1 SUBACK writes any 5.0 failure reason as 0x80")
    void v3SubAckFailureCode() {
        SubAck refused = new SubAck(1, List.of(SubAckReasonCode.NOT_AUTHORIZED, SubAckReasonCode.QUOTA_EXCEEDED),
                AckProperties.EMPTY);
        assertThat(hex(MqttEncoder.encode(refused, V3_1_1))).isEqualTo("90 04 00 01 80 80");
        assertThat(hex(MqttEncoder.encode(refused, V5))).isEqualTo("90 05 00 01 00 87 97");
    }

    @Test
    @DisplayName("[3.1.1 §3.2.2.3] a 3.1.1 CONNACK writes a 5.0 reason as the nearest return code, else 3")
    void v3ConnAckReturnCodes() {
        assertThat(hex(MqttEncoder.encode(new ConnAck(false, ConnectReasonCode.BANNED, ConnAckProperties.EMPTY),
                V3_1_1))).isEqualTo("20 02 00 05");
        assertThat(hex(MqttEncoder.encode(new ConnAck(false, ConnectReasonCode.QUOTA_EXCEEDED,
                ConnAckProperties.EMPTY), V3_1_1))).isEqualTo("20 02 00 03");
        assertThat(hex(MqttEncoder.encode(new ConnAck(false, ConnectReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                ConnAckProperties.EMPTY), V3_1_1))).isEqualTo("20 02 00 01");
    }

    @Test
    @DisplayName("[MQTT-2.2.1-2] a QoS 0 PUBLISH has no packet identifier, whatever the record holds")
    void qos0HasNoPacketId() {
        Publish p = new Publish("t", 0, false, false, 0, utf8("x"), PublishProperties.EMPTY);
        assertThat(hex(MqttEncoder.encode(p, V3_1_1))).isEqualTo("30 04 00 01 74 78");
        assertThat(hex(MqttEncoder.encode(p, V5))).isEqualTo("30 05 00 01 74 00 78");
    }
}
