package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.MALFORMED_PACKET;
import static io.stratusmq.codec.DisconnectReasonCode.PACKET_TOO_LARGE;
import static io.stratusmq.codec.DisconnectReasonCode.PROTOCOL_ERROR;
import static io.stratusmq.codec.MqttVersion.V3_1_1;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.hex;
import static io.stratusmq.codec.Wire.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixed header [5.0 §2.1]: packet type, flags, and the Remaining Length [5.0 §1.5.5]. */
class FixedHeaderTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"30 ff ff ff ff 7f", "30 80 80 80 80 01", "c0 ff ff ff ff ff ff"})
    @DisplayName("[5.0 §1.5.5] a Remaining Length of more than four bytes is a malformed packet")
    void remainingLengthOverFourBytes(String packet) {
        assertThat(rejected(hex(packet), V5, MALFORMED_PACKET).getMessage()).contains("four bytes");
    }

    @Test
    @DisplayName("[5.0 §1.5.5] a fifth length byte is refused as soon as it arrives")
    void fifthLengthByteRefusedAtOnce() throws Exception {
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(hex("30 ff ff ff"));
        assertThat(decoder.next(V5)).isNull(); // four bytes so far: the fourth may still end the number
        decoder.append(hex("ff"));
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class, () -> decoder.next(V5));
        assertThat(e.reason()).isEqualTo(MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"c0 80 00", "30 ff 00", "30 80 80 00", "30 80 80 80 00", "30 81 80 00"})
    @DisplayName("[MQTT-1.5.5-1] a Remaining Length not in its fewest bytes is a malformed packet")
    void nonMinimalRemainingLength(String packet) {
        assertThat(rejected(hex(packet), V5, MALFORMED_PACKET).getMessage()).contains("MQTT-1.5.5-1");
    }

    @Test
    @DisplayName("[5.0 §1.5.5] 268,435,455 (ff ff ff 7f) is the largest Remaining Length and is accepted")
    void largestRemainingLength() throws Exception {
        MqttDecoder decoder = new MqttDecoder(0);
        decoder.append(hex("30 ff ff ff 7f 00 01 74"));
        assertThat(decoder.next(V5)).isNull(); // waits for the body rather than refusing the length
        assertThat(decoder.pending()).isEqualTo(8);
    }

    @Test
    @DisplayName("[5.0 §1.5.5] the encoder refuses a packet whose Remaining Length would exceed 268,435,455")
    void encoderRefusesOversizedPacket() {
        // QoS 0 to "t": 3 bytes of topic, so this payload makes a Remaining Length of 268,435,456
        Publish tooBig = new Publish("t", 0, false, false, 0, new byte[268_435_453], PublishProperties.EMPTY);
        assertThatIllegalArgumentException().isThrownBy(() -> MqttEncoder.encode(tooBig, V3_1_1))
                .withMessageContaining("268435456");
    }

    /** A valid body after each first byte with wrong reserved flags [MQTT-2.1.3-1]. */
    @ParameterizedTest(name = "{0} first byte {1}")
    @CsvSource({
            "CONNECT,     11, 00 04 4d 51 54 54 04 02 00 00 00 00, ",
            "CONNACK,     21, 00 00, V3_1_1",
            "PUBACK,      41, 00 01, V3_1_1",
            "PUBACK,      48, 00 01, V5",
            "PUBREC,      58, 00 01, V3_1_1",
            "PUBREL,      60, 00 01, V3_1_1",
            "PUBREL,      63, 00 01, V5",
            "PUBCOMP,     71, 00 01, V3_1_1",
            "SUBSCRIBE,   80, 00 01 00 01 74 00, V3_1_1",
            "SUBSCRIBE,   83, 00 01 00 00 01 74 00, V5",
            "SUBACK,      91, 00 01 00, V3_1_1",
            "UNSUBSCRIBE, a0, 00 01 00 01 74, V3_1_1",
            "UNSUBSCRIBE, aa, 00 01 00 01 74, V3_1_1",
            "UNSUBACK,    b1, 00 01, V3_1_1",
            "PINGREQ,     c1, '', V3_1_1",
            "PINGREQ,     c8, '', V5",
            "PINGRESP,    d2, '', V5",
            "DISCONNECT,  e1, '', V3_1_1",
            "DISCONNECT,  e4, '', V5",
            "AUTH,        f1, '', V5"})
    @DisplayName("[MQTT-2.1.3-1] reserved flag bits not as listed make a malformed packet")
    void reservedFlags(PacketType type, String first, String body, MqttVersion version) {
        byte[] b = hex(body);
        byte[] packet = Wire.body().raw(b).packet(Integer.parseInt(first, 16));
        assertThat(type.code()).isEqualTo(Integer.parseInt(first, 16) >>> 4);
        assertThat(rejected(packet, version, MALFORMED_PACKET).getMessage()).contains("MQTT-2.1.3-1");
    }

    @Test
    @DisplayName("[MQTT-2.1.3-1] the listed flags decode: 0010 on PUBREL, SUBSCRIBE and UNSUBSCRIBE, 0000 elsewhere")
    void listedFlagsDecode() throws Exception {
        assertThat(Wire.decode(hex("62 02 00 01"), V3_1_1)).isEqualTo(new PubRel(1));
        assertThat(Wire.decode(hex("82 06 00 01 00 01 74 00"), V3_1_1)).isInstanceOf(Subscribe.class);
        assertThat(Wire.decode(hex("a2 05 00 01 00 01 74"), V3_1_1)).isInstanceOf(Unsubscribe.class);
        assertThat(Wire.decode(hex("c0 00"), V3_1_1)).isEqualTo(PingReq.INSTANCE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class)
    @DisplayName("[5.0 §2.1.2] packet type 0 is reserved: a malformed packet")
    void reservedTypeZero(MqttVersion version) {
        assertThat(rejected(hex("00 00"), version, MALFORMED_PACKET).getMessage()).contains("reserved");
        rejected(hex("00 02 00 01"), version, MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    @DisplayName("[5.0 §2.1.2] packet type 15 is reserved before 5.0: AUTH on a 3.1.1 connection is malformed")
    void authBefore5(MqttVersion version) {
        rejected(hex("f0 00"), version, MALFORMED_PACKET);
        rejected(hex("f0 02 18 00"), version, MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"20 02 00 00", "30 04 00 01 74 78", "40 02 00 01", "50 02 00 01", "62 02 00 01",
            "70 02 00 01", "82 06 00 01 00 01 74 00", "90 03 00 01 00", "a2 05 00 01 00 01 74", "b0 02 00 01",
            "c0 00", "d0 00", "e0 00", "f0 00"})
    @DisplayName("[MQTT-3.1.0-1] before CONNECT (version null) any other packet is a protocol error")
    void onlyConnectFirst(String packet) {
        assertThat(rejected(hex(packet), null, PROTOCOL_ERROR).getMessage()).contains("MQTT-3.1.0-1");
    }

    @Test
    @DisplayName("[5.0 §3.2.2.3.6] a packet one byte over the Maximum Packet Size is refused from its fixed "
            + "header alone")
    void packetTooLargeFromHeader() throws Exception {
        int max = 128;
        // PUBLISH with remaining length 126 = 128 bytes in all: accepted
        byte[] fits = Wire.body().str("t").raw(new byte[123]).packet(0x30);
        assertThat(fits).hasSize(max);
        MqttDecoder ok = new MqttDecoder(max);
        ok.append(fits);
        assertThat(ok.next(V3_1_1)).isInstanceOf(Publish.class);

        // remaining length 127 = 129 bytes: refused with only the two header bytes received
        MqttDecoder decoder = new MqttDecoder(max);
        decoder.append(hex("30 7f"));
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> decoder.next(V3_1_1));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(PACKET_TOO_LARGE);
        assertThat(e.getMessage()).contains("129").contains("128");
    }

    @Test
    @DisplayName("[5.0 §3.1.2.11.4] the maximum counts the whole packet, fixed header included")
    void packetTooLargeCountsHeader() throws Exception {
        // remaining length 200 takes two bytes: 1 + 2 + 200 = 203 bytes in all
        byte[] packet = Wire.body().str("t").raw(new byte[197]).packet(0x30);
        assertThat(packet).hasSize(203);
        MqttDecoder exact = new MqttDecoder(203);
        exact.append(packet);
        assertThat(exact.next(V3_1_1)).isInstanceOf(Publish.class);
        MqttDecoder under = new MqttDecoder(202);
        under.append(hex("30 c8 01"));
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> under.next(V3_1_1));
        assertThat(e.reason()).isEqualTo(PACKET_TOO_LARGE);
    }

    @ParameterizedTest(name = "{2} ({1}): {0}")
    @CsvSource({
            "'c0 01 00',                    V3_1_1, PINGREQ",
            "'d0 01 00',                    V5,     PINGRESP",
            "'e0 01 00',                    V3_1_1, DISCONNECT",
            "'40 03 00 01 00',              V3_1_1, PUBACK",
            "'62 03 00 01 00',              V3_1_1, PUBREL",
            "'20 03 00 00 00',              V3_1_1, CONNACK",
            "'b0 03 00 01 00',              V3_1_1, UNSUBACK",
            "'40 05 00 01 10 00 ff',        V5,     PUBACK",
            "'e0 03 8e 00 ff',              V5,     DISCONNECT",
            "'f0 03 18 00 ff',              V5,     AUTH",
            "'10 0d 00 04 4d 51 54 54 04 02 00 00 00 00 ff', , CONNECT"})
    @DisplayName("[5.0 §2.1.4] bytes after the last field, inside the Remaining Length, make a malformed packet")
    void bytesPastTheEnd(String packet, MqttVersion version, PacketType type) {
        assertThat(rejected(hex(packet), version, MALFORMED_PACKET).getMessage()).contains("past its end");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({
            "'30 03 00 05 61',                    V3_1_1, topic length 5 but 1 byte left",
            "'32 04 00 01 74 00',                 V3_1_1, packet id cut short",
            "'40 01 00',                          V3_1_1, packet id cut short",
            "'82 05 00 01 00 01 74',              V3_1_1, subscription options missing",
            "'a2 04 00 01 00 05',                 V3_1_1, filter length beyond the end",
            "'10 0a 00 04 4d 51 54 54 04 02 00 00', ,     client id missing",
            "'10 0c 00 04 4d 51 54 54 04 82 00 00 00 00', , user name flag set but no user name",
            "'20 01 00',                          V3_1_1, return code missing",
            "'30 05 00 01 74 06 01',              V5,     property length 6 with 1 byte left",
            "'40 06 00 01 97 02 1f 00',           V5,     reason string cut in its length"})
    @DisplayName("[5.0 §2.1.4] a field running past the Remaining Length makes a malformed packet")
    void truncated(String packet, MqttVersion version, String what) {
        rejected(hex(packet), version, MALFORMED_PACKET);
    }
}
