package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.MALFORMED_PACKET;
import static io.stratusmq.codec.DisconnectReasonCode.PROTOCOL_ERROR;
import static io.stratusmq.codec.DisconnectReasonCode.TOPIC_ALIAS_INVALID;
import static io.stratusmq.codec.DisconnectReasonCode.TOPIC_NAME_INVALID;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.body;
import static io.stratusmq.codec.Wire.decode;
import static io.stratusmq.codec.Wire.rejected;
import static io.stratusmq.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratusmq.codec.Wire.Body;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PUBLISH [5.0 §3.3]: the flags of its fixed header, its topic name and its packet identifier. */
class PublishDecodingTest {

    /** Topic, a packet id when the first byte says QoS 1 or 2, empty 5.0 properties, payload "x". */
    static byte[] publish(int firstByte, String topic, int packetId, MqttVersion v) {
        Body b = body().str(topic);
        if ((firstByte & 0x06) != 0) {
            b.u16(packetId);
        }
        if (v.isV5()) {
            b.props(body());
        }
        return b.raw(utf8("x")).packet(firstByte);
    }

    @ParameterizedTest(name = "{0} first byte {1}")
    @CsvSource({"V3_1, 36", "V3_1_1, 36", "V3_1_1, 37", "V5, 36", "V5, 3e", "V5, 3f"})
    @DisplayName("[MQTT-3.3.1-4] QoS 3 (both QoS bits set) is a malformed packet")
    void qos3(MqttVersion v, String first) {
        byte[] packet = publish(Integer.parseInt(first, 16), "t", 1, v);
        assertThat(rejected(packet, v, MALFORMED_PACKET).getMessage()).contains("MQTT-3.3.1-4");
    }

    @ParameterizedTest(name = "{0} first byte {1}")
    @CsvSource({"V3_1_1, 38", "V3_1_1, 39", "V5, 38", "V3_1, 39"})
    @DisplayName("[MQTT-3.3.1-2] DUP set on a QoS 0 PUBLISH is a malformed packet")
    void dupAtQos0(MqttVersion v, String first) {
        byte[] packet = publish(Integer.parseInt(first, 16), "t", 0, v);
        assertThat(rejected(packet, v, MALFORMED_PACKET).getMessage()).contains("MQTT-3.3.1-2");
    }

    @ParameterizedTest(name = "first byte {0}")
    @CsvSource({"30, 0, false, false", "31, 0, true, false", "32, 1, false, false", "3a, 1, false, true",
            "34, 2, false, false", "3d, 2, true, true", "3b, 1, true, true"})
    @DisplayName("[5.0 §3.3.1] DUP, QoS and RETAIN come from bits 3, 2-1 and 0 of the first byte")
    void flagsDecode(String first, int qos, boolean retain, boolean dup) throws Exception {
        for (MqttVersion v : MqttVersion.values()) {
            Publish p = (Publish) decode(publish(Integer.parseInt(first, 16), "a/b", 77, v), v);
            assertThat(p.qos()).isEqualTo(qos);
            assertThat(p.retain()).isEqualTo(retain);
            assertThat(p.dup()).isEqualTo(dup);
            assertThat(p.packetId()).isEqualTo(qos == 0 ? 0 : 77);
            assertThat(p.topic()).isEqualTo("a/b");
            assertThat(p.payload()).isEqualTo(utf8("x"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+", "#", "a/+", "a/#", "+/b", "sport/tennis/+/player1", "a+b", "x#", "température/#"})
    @DisplayName("[MQTT-3.3.2-2] a wildcard in a PUBLISH topic name is TOPIC_NAME_INVALID")
    void wildcardInTopic(String topic) {
        for (MqttVersion v : MqttVersion.values()) {
            assertThat(rejected(publish(0x32, topic, 1, v), v, TOPIC_NAME_INVALID).getMessage())
                    .contains("MQTT-3.3.2-2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "a//b", "$SYS/broker/uptime", "sport/tennis/player1", " ", "a b/😀"})
    @DisplayName("[5.0 §4.7] topic names without wildcards decode as sent, '/', empty levels, '$' and spaces included")
    void unusualButValidTopics(String topic) throws Exception {
        assertThat(((Publish) decode(publish(0x30, topic, 0, V5), V5)).topic()).isEqualTo(topic);
    }

    @ParameterizedTest(name = "{0} first byte {1}")
    @CsvSource({"V3_1_1, 32", "V3_1_1, 34", "V5, 32", "V5, 3c", "V3_1, 34"})
    @DisplayName("[MQTT-2.2.1-3] packet identifier 0 on a QoS 1 or 2 PUBLISH is a protocol error")
    void packetIdZero(MqttVersion v, String first) {
        byte[] packet = publish(Integer.parseInt(first, 16), "t", 0, v);
        assertThat(rejected(packet, v, PROTOCOL_ERROR).getMessage()).contains("MQTT-2.2.1-3");
    }

    @Test
    @DisplayName("[MQTT-2.2.1-2] a QoS 0 PUBLISH has no packet identifier: the bytes after the topic are payload")
    void qos0HasNoPacketId() throws Exception {
        Publish p = (Publish) decode(Wire.hex("30 05 00 01 74 00 00"), MqttVersion.V3_1_1);
        assertThat(p.packetId()).isZero();
        assertThat(p.payload()).containsExactly(0, 0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttVersion.class)
    @DisplayName("[5.0 §3.3.2.1] [MQTT-4.7.3-1] an empty topic name without a Topic Alias is a protocol error")
    void emptyTopicWithoutAlias(MqttVersion v) {
        rejected(publish(0x30, "", 0, v), v, PROTOCOL_ERROR);
        rejected(publish(0x32, "", 5, v), v, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[5.0 §3.3.2.3.4] an empty topic name with a Topic Alias decodes: the alias stands for the topic")
    void emptyTopicWithAlias() throws Exception {
        byte[] packet = body().str("").props(body().bytes(0x23).u16(3)).raw(utf8("x")).packet(0x30);
        Publish p = (Publish) decode(packet, V5);
        assertThat(p.topic()).isEmpty();
        assertThat(p.properties().topicAlias()).isEqualTo(3);
    }

    @Test
    @DisplayName("[MQTT-3.3.2-8] a Topic Alias of 0 is not permitted: TOPIC_ALIAS_INVALID")
    void topicAliasZero() {
        byte[] named = body().str("t").props(body().bytes(0x23).u16(0)).packet(0x30);
        assertThat(rejected(named, V5, TOPIC_ALIAS_INVALID).getMessage()).contains("MQTT-3.3.2-8");
        rejected(body().str("").props(body().bytes(0x23).u16(0)).packet(0x30), V5, TOPIC_ALIAS_INVALID);
    }

    @Test
    @DisplayName("[5.0 §3.3.3] the payload is whatever follows: empty, binary, not UTF-8 even with format 1")
    void payloadIsOpaque() throws Exception {
        Publish empty = (Publish) decode(Wire.hex("30 03 00 01 74"), MqttVersion.V3_1_1);
        assertThat(empty.payload()).isEmpty();
        byte[] notUtf8 = {(byte) 0xC0, (byte) 0x80, 0, (byte) 0xFF};
        // a receiver MAY check format 1 payloads (5.0 §3.3.2.3.2); the codec leaves it to the protocol layer
        Publish p = (Publish) decode(body().str("t").props(body().bytes(0x01, 1)).raw(notUtf8).packet(0x30), V5);
        assertThat(p.payload()).isEqualTo(notUtf8);
        assertThat(Utf8.isWellFormed(p.payload())).isFalse();
    }

    @Test
    @DisplayName("a 3.1.1 PUBLISH has no property section: a 5.0 one read as 3.1.1 keeps the bytes as payload")
    void noPropertiesBefore5() throws Exception {
        byte[] v5 = body().str("t").props(body().bytes(0x01, 1)).raw(utf8("x")).packet(0x30);
        Publish asV311 = (Publish) decode(v5, MqttVersion.V3_1_1);
        assertThat(asV311.properties()).isEqualTo(PublishProperties.EMPTY);
        assertThat(asV311.payload()).containsExactly(2, 1, 1, 'x');
    }
}
