package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.PROTOCOL_ERROR;
import static io.stratusmq.codec.Wire.decode;
import static io.stratusmq.codec.Wire.hex;
import static io.stratusmq.codec.Wire.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Packet identifiers [5.0 §2.2.1]: two bytes, 1 to 65,535. Each packet is written with {@code ID} where its
 * identifier goes, then decoded with 0000 (refused) and ffff (the largest, accepted).
 */
class PacketIdentifierTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "PUBLISH QoS 1,     V3_1_1, '32 05 00 01 74 ID'",
            "PUBLISH QoS 2,     V5,     '34 06 00 01 74 ID 00'",
            "PUBACK,            V3_1_1, '40 02 ID'",
            "PUBACK with reason, V5,    '40 03 ID 10'",
            "PUBREC,            V3_1_1, '50 02 ID'",
            "PUBREL,            V3_1_1, '62 02 ID'",
            "PUBCOMP,           V5,     '70 02 ID'",
            "SUBSCRIBE,         V3_1_1, '82 06 ID 00 01 74 00'",
            "SUBSCRIBE,         V5,     '82 07 ID 00 00 01 74 00'",
            "SUBACK,            V3_1_1, '90 03 ID 00'",
            "SUBACK,            V5,     '90 04 ID 00 00'",
            "UNSUBSCRIBE,       V3_1_1, 'a2 05 ID 00 01 74'",
            "UNSUBSCRIBE,       V5,     'a2 06 ID 00 00 01 74'",
            "UNSUBACK,          V3_1_1, 'b0 02 ID'",
            "UNSUBACK,          V5,     'b0 04 ID 00 00'",
            "PUBLISH QoS 1,     V3_1,   '32 05 00 01 74 ID'",
            "SUBSCRIBE,         V3_1,   '82 06 ID 00 01 74 00'"})
    @DisplayName("[MQTT-2.2.1-3] packet identifier 0 is a protocol error; 65,535 is accepted")
    void packetIdentifierZero(String packet, MqttVersion version, String bytes) throws Exception {
        MalformedPacketException e = rejected(hex(bytes.replace("ID", "00 00")), version, PROTOCOL_ERROR);
        assertThat(e.getMessage()).contains("MQTT-2.2.1-3");

        MqttPacket decoded = decode(hex(bytes.replace("ID", "ff ff")), version);
        Method packetId = decoded.getClass().getMethod("packetId");
        assertThat(packetId.invoke(decoded)).isEqualTo(65_535);
    }
}
