package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.MALFORMED_PACKET;
import static io.stratusmq.codec.MqttVersion.V3_1_1;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.body;
import static io.stratusmq.codec.Wire.hex;
import static io.stratusmq.codec.Wire.rejected;
import static io.stratusmq.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** UTF-8 Encoded Strings [5.0 §1.5.4]: well-formed UTF-8 (RFC 3629), no surrogates, no U+0000. */
class Utf8Test {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "plain/ascii", "température/°C", "Ελληνικά", "Русский", "日本語のトピック", "한국어",
            "العربية", "हिन्दी", "emoji 😀👍🏽", "\u007F\u0080\u07FF\u0800\uFFFD\uE000", "\uD800\uDC00 \uDBFF\uDFFF",
            "a\u0001b", "\uFEFFbom"})
    @DisplayName("[MQTT-1.5.4-1] well-formed UTF-8 in any script decodes to the same string")
    void validStrings(String s) throws Exception {
        byte[] b = utf8(s);
        assertThat(Utf8.decode(b, 0, b.length)).isEqualTo(s);
        assertThat(Utf8.isWellFormed(b)).isTrue();
        assertThat(Utf8.encodedLength(s)).isEqualTo(b.length);
    }

    @Test
    @DisplayName("[MQTT-1.5.4-3] a leading 0xEF 0xBB 0xBF is U+FEFF and is not stripped")
    void byteOrderMarkKept() throws Exception {
        byte[] b = hex("ef bb bf 61");
        assertThat(Utf8.decode(b, 0, b.length)).isEqualTo("\uFEFFa").hasSize(2);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({
            "c0 80,          overlong U+0000 (two bytes)",
            "c1 bf,          overlong U+007F",
            "e0 80 80,       overlong U+0000 (three bytes)",
            "e0 9f bf,       overlong U+07FF",
            "f0 80 80 80,    overlong U+0000 (four bytes)",
            "f0 8f bf bf,    overlong U+FFFF",
            "80,             lone continuation byte",
            "61 bf 62,       continuation byte between ASCII",
            "c3 a9 80,       continuation byte after a complete character",
            "ed a0 80,       encoded surrogate U+D800",
            "ed bf bf,       encoded surrogate U+DFFF",
            "ed a0 bd ed b8 80, surrogate pair encoded as two three-byte sequences (CESU-8)",
            "c3,             truncated two-byte sequence",
            "e2 82,          truncated three-byte sequence",
            "f0 9f 98,       truncated four-byte sequence",
            "61 62 e2,       truncated after ASCII",
            "e2 82 41,       multibyte sequence cut by an ASCII byte",
            "c3 c3 a9,       lead byte where a continuation is due",
            "f4 90 80 80,    above U+10FFFF",
            "f5 80 80 80,    lead byte F5",
            "f8 88 80 80 80, lead byte F8 (five-byte form)",
            "fc 84 80 80 80 80, lead byte FC (six-byte form)",
            "fe,             byte FE",
            "ff,             byte FF"})
    @DisplayName("[MQTT-1.5.4-1] ill-formed UTF-8 is a malformed packet")
    void invalidSequences(String bytes, String what) {
        byte[] b = hex(bytes);
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> Utf8.decode(b, 0, b.length));
        assertThat(e).as(what).isNotNull();
        assertThat(e.reason()).isEqualTo(MALFORMED_PACKET);
        assertThat(Utf8.isWellFormed(b)).as(what).isFalse();
    }

    @Test
    @DisplayName("[MQTT-1.5.4-2] U+0000 in a string is a malformed packet; a payload may hold it")
    void nul() {
        byte[] b = hex("61 00 62");
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> Utf8.decode(b, 0, b.length));
        assertThat(e.reason()).isEqualTo(MALFORMED_PACKET);
        assertThat(e.getMessage()).contains("byte 1");
        // isWellFormed is the check for Payload Format Indicator 1, where U+0000 is allowed UTF-8
        assertThat(Utf8.isWellFormed(b)).isTrue();
        assertThat(Utf8.isWellFormed(hex("00"))).isTrue();
    }

    @Test
    @DisplayName("decode reads only its range: bytes either side do not count")
    void range() throws Exception {
        byte[] b = hex("ff 00 c3 a9 74 e9 00 ff");
        assertThat(Utf8.decode(b, 2, 3)).isEqualTo("ét");
        assertThat(Utf8.decode(b, 3, 0)).isEmpty();
    }

    @Test
    @DisplayName("[5.0 §1.5.4] a string takes at most 65,535 bytes: the longest round-trips, a longer one is refused")
    void longestString() throws Exception {
        String longest = "é".repeat(32_767) + "a"; // 65,535 bytes
        Publish p = (Publish) Wire.roundTrip(new Publish(longest, 0, false, false, 0, new byte[0],
                PublishProperties.EMPTY), V3_1_1);
        assertThat(p.topic()).isEqualTo(longest);
        Connect c = (Connect) Wire.roundTrip(new Connect(V5, longest, true, 0, longest, null, null,
                ConnectProperties.EMPTY), V5);
        assertThat(c.clientId()).isEqualTo(longest);

        String tooLong = "é".repeat(32_768); // 65,536 bytes: its length does not fit in two bytes
        assertThatIllegalArgumentException().isThrownBy(() -> MqttEncoder.encode(new Publish(tooLong, 0, false,
                false, 0, new byte[0], PublishProperties.EMPTY), V5));
        assertThatIllegalArgumentException().isThrownBy(() -> MqttEncoder.encode(new Connect(V3_1_1, tooLong, true,
                0, null, null, null, ConnectProperties.EMPTY), V3_1_1));
        assertThatIllegalArgumentException().isThrownBy(() -> MqttEncoder.encode(new PubAck(1,
                PubAckReasonCode.UNSPECIFIED_ERROR, AckProperties.ofReason(tooLong)), V5));
    }

    /** Packet builders putting a string given as raw bytes into one field. */
    static Stream<Arguments> fields() {
        return Stream.of(
                arguments("PUBLISH topic", V3_1_1, (Function<byte[], byte[]>) s -> body().bin(s).packet(0x30)),
                arguments("CONNECT client id", null, (Function<byte[], byte[]>) s -> body().str("MQTT").bytes(4, 2)
                        .u16(0).bin(s).packet(0x10)),
                arguments("CONNECT user name", null, (Function<byte[], byte[]>) s -> body().str("MQTT").bytes(4, 0x82)
                        .u16(0).str("c").bin(s).packet(0x10)),
                arguments("will topic", null, (Function<byte[], byte[]>) s -> body().str("MQTT").bytes(4, 0x06).u16(0)
                        .str("c").bin(s).str("bye").packet(0x10)),
                arguments("SUBSCRIBE filter", V3_1_1, (Function<byte[], byte[]>) s -> body().u16(1).bin(s).bytes(0)
                        .packet(0x82)),
                arguments("UNSUBSCRIBE filter", V3_1_1, (Function<byte[], byte[]>) s -> body().u16(1).bin(s)
                        .packet(0xA2)),
                arguments("user property name", V5, (Function<byte[], byte[]>) s -> body().str("t")
                        .props(body().bytes(0x26).bin(s).str("v")).packet(0x30)),
                arguments("user property value", V5, (Function<byte[], byte[]>) s -> body().str("t")
                        .props(body().bytes(0x26).str("k").bin(s)).packet(0x30)),
                arguments("reason string", V5, (Function<byte[], byte[]>) s -> body().u16(1).bytes(0x80)
                        .props(body().bytes(0x1F).bin(s)).packet(0x40)),
                arguments("content type", V5, (Function<byte[], byte[]>) s -> body().str("t")
                        .props(body().bytes(0x03).bin(s)).packet(0x30)),
                arguments("authentication method", V5, (Function<byte[], byte[]>) s -> body().bytes(0x18)
                        .props(body().bytes(0x15).bin(s)).packet(0xF0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    @DisplayName("[MQTT-1.5.4-1] [MQTT-1.5.4-2] U+0000, a surrogate or an overlong form in any string field is "
            + "malformed")
    void stringFieldsInPackets(String field, MqttVersion version, Function<byte[], byte[]> packet) throws Exception {
        assertThat(Wire.decode(packet.apply(utf8("ok/é")), version)).isNotNull();
        rejected(packet.apply(hex("61 00 62")), version, MALFORMED_PACKET);
        rejected(packet.apply(hex("ed a0 80")), version, MALFORMED_PACKET);
        rejected(packet.apply(hex("c0 af")), version, MALFORMED_PACKET);
        rejected(packet.apply(hex("61 f0 9f 98")), version, MALFORMED_PACKET);
    }
}
