package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.MALFORMED_PACKET;
import static io.stratusmq.codec.MqttVersion.V3_1_1;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.body;
import static io.stratusmq.codec.Wire.decode;
import static io.stratusmq.codec.Wire.hex;
import static io.stratusmq.codec.Wire.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Reason codes [5.0 §2.4]: each packet's table, and what the decoder does with a byte outside it. */
class ReasonCodeTest {

    /** Each enum against the codes its packet's table in the 5.0 specification lists. */
    static Stream<Arguments> tables() {
        return Stream.of(
                arguments(ConnectReasonCode.values(), "3.2.2.2", "00 80 81 82 83 84 85 86 87 88 89 8a 8c 90 95 97 99 "
                        + "9a 9b 9c 9d 9f"),
                arguments(PubAckReasonCode.values(), "3.4.2.1", "00 10 80 83 87 90 91 97 99"),
                arguments(PubRecReasonCode.values(), "3.5.2.1", "00 10 80 83 87 90 91 97 99"),
                arguments(PubRelReasonCode.values(), "3.6.2.1", "00 92"),
                arguments(PubCompReasonCode.values(), "3.7.2.1", "00 92"),
                arguments(SubAckReasonCode.values(), "3.9.3", "00 01 02 80 83 87 8f 91 97 9e a1 a2"),
                arguments(UnsubAckReasonCode.values(), "3.11.3", "00 11 80 83 87 8f 91"),
                arguments(DisconnectReasonCode.values(), "3.14.2.1", "00 04 80 81 82 83 87 89 8b 8d 8e 8f 90 93 94 95 "
                        + "96 97 98 99 9a 9b 9c 9d 9e 9f a0 a1 a2"),
                arguments(AuthReasonCode.values(), "3.15.2.1", "00 18 19"));
    }

    @ParameterizedTest(name = "5.0 §{1}")
    @MethodSource("tables")
    @DisplayName("each reason-code enum holds exactly the codes of its table in the specification")
    void tablesMatchTheSpecification(ReasonCode[] codes, String section, String expected) {
        String actual = hex(toBytes(codes));
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "PUBACK,      '40 03 00 01 XX', 05 01 11 92 8f ff",
            "PUBREC,      '50 03 00 01 XX', 05 92 a2",
            "PUBREL,      '62 03 00 01 XX', 10 80 97 01",
            "PUBCOMP,     '70 03 00 01 XX', 10 97 80",
            "SUBACK,      '90 04 00 01 00 XX', 03 04 11 90 ff",
            "UNSUBACK,    'b0 04 00 01 00 XX', 01 02 10 97",
            "DISCONNECT,  'e0 01 XX', 01 05 84 8a ff",
            "AUTH,        'f0 02 XX 00', 01 80 17 1a",
            "CONNACK,     '20 03 00 XX 00', 01 05 8b 8e a0"})
    @DisplayName("[5.0 §2.4] an undefined reason code for the packet is a malformed packet")
    void undefinedCodes(String packet, String template, String codes) {
        for (String code : codes.split(" ")) {
            rejected(hex(template.replace("XX", code)), V5, MALFORMED_PACKET);
        }
    }

    static Stream<Arguments> everyDefinedCode() {
        return Stream.of(
                arguments("PUBACK", PubAckReasonCode.values(), (IntFunction<byte[]>) c -> body().u16(1).bytes(c, 0)
                        .packet(0x40)),
                arguments("PUBREC", PubRecReasonCode.values(), (IntFunction<byte[]>) c -> body().u16(1).bytes(c, 0)
                        .packet(0x50)),
                arguments("PUBREL", PubRelReasonCode.values(), (IntFunction<byte[]>) c -> body().u16(1).bytes(c, 0)
                        .packet(0x62)),
                arguments("PUBCOMP", PubCompReasonCode.values(), (IntFunction<byte[]>) c -> body().u16(1).bytes(c, 0)
                        .packet(0x70)),
                arguments("SUBACK", SubAckReasonCode.values(), (IntFunction<byte[]>) c -> body().u16(1).bytes(0, c)
                        .packet(0x90)),
                arguments("UNSUBACK", UnsubAckReasonCode.values(), (IntFunction<byte[]>) c -> body().u16(1).bytes(0, c)
                        .packet(0xB0)),
                arguments("DISCONNECT", DisconnectReasonCode.values(), (IntFunction<byte[]>) c -> body().bytes(c, 0)
                        .packet(0xE0)),
                arguments("AUTH", AuthReasonCode.values(), (IntFunction<byte[]>) c -> body().bytes(c, 0).packet(0xF0)),
                arguments("CONNACK", ConnectReasonCode.values(), (IntFunction<byte[]>) c -> body().bytes(0, c, 0)
                        .packet(0x20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDefinedCode")
    @DisplayName("[5.0 §2.4] every defined reason code decodes to its constant")
    void everyDefinedCodeDecodes(String packet, ReasonCode[] codes, IntFunction<byte[]> withCode) throws Exception {
        for (ReasonCode code : codes) {
            MqttPacket p = decode(withCode.apply(code.code()), V5);
            Object decoded = p.getClass().getMethod(p instanceof SubAck || p instanceof UnsubAck ? "reasonCodes"
                    : "reasonCode").invoke(p);
            if (decoded instanceof java.util.List<?> list) {
                decoded = list.get(0);
            }
            assertThat(decoded).as("%s 0x%02X", packet, code.code()).isSameAs(code);
        }
    }

    @ParameterizedTest(name = "SUBACK return code {0}")
    @CsvSource({"03", "04", "10", "87", "8f", "91", "ff"})
    @DisplayName("[MQTT-3.9.3-2] (3.1.1) SUBACK return codes other than 0x00-0x02 and 0x80 are malformed")
    void v3SubAckCodes(String code) throws Exception {
        rejected(hex("90 03 00 01 " + code), V3_1_1, MALFORMED_PACKET);
        rejected(hex("90 03 00 01 " + code), MqttVersion.V3_1, MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[5.0 §2.4] codes of 0x80 and above report a failure")
    void isError() {
        assertThat(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS.isError()).isFalse();
        assertThat(SubAckReasonCode.GRANTED_QOS_2.isError()).isFalse();
        assertThat(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE.isError()).isFalse();
        assertThat(SubAckReasonCode.UNSPECIFIED_ERROR.isError()).isTrue();
        assertThat(ConnectReasonCode.CONNECTION_RATE_EXCEEDED.isError()).isTrue();
        assertThat(Arrays.stream(DisconnectReasonCode.values()).filter(ReasonCode::isError).count()).isEqualTo(27);
    }

    @Test
    @DisplayName("[5.0 §3.14.2.1] who may send each DISCONNECT code")
    void disconnectSenders() {
        assertThat(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE.sender().server()).isFalse();
        assertThat(DisconnectReasonCode.SESSION_TAKEN_OVER.sender().client()).isFalse();
        assertThat(DisconnectReasonCode.MALFORMED_PACKET.sender().client()).isTrue();
        assertThat(DisconnectReasonCode.MALFORMED_PACKET.sender().server()).isTrue();
        assertThat(AuthReasonCode.RE_AUTHENTICATE.sender().server()).isFalse();
        assertThat(AuthReasonCode.SUCCESS.sender().client()).isFalse();
    }

    private static byte[] toBytes(ReasonCode[] codes) {
        byte[] b = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            b[i] = (byte) codes[i].code();
        }
        return b;
    }
}
