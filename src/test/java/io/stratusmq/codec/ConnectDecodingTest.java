package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.MALFORMED_PACKET;
import static io.stratusmq.codec.DisconnectReasonCode.PROTOCOL_ERROR;
import static io.stratusmq.codec.DisconnectReasonCode.TOPIC_NAME_INVALID;
import static io.stratusmq.codec.MqttVersion.V3_1;
import static io.stratusmq.codec.MqttVersion.V3_1_1;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.body;
import static io.stratusmq.codec.Wire.decode;
import static io.stratusmq.codec.Wire.rejected;
import static io.stratusmq.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stratusmq.codec.Wire.Body;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** CONNECT [5.0 §3.1] and CONNACK [5.0 §3.2]: the packets whose layout depends on the version they carry. */
class ConnectDecodingTest {

    /** Protocol name, level, flags, keep alive 60, an empty 5.0 property section, client id "c". */
    static Body start(MqttVersion v, int flags) {
        Body b = body().str(v.protocolName()).bytes(v.level(), flags).u16(60);
        if (v.isV5()) {
            b.props(body());
        }
        return b.str("c");
    }

    /** The will fields: empty will properties in 5.0, then topic and payload. */
    static Body will(Body b, MqttVersion v, String topic) {
        if (v.isV5()) {
            b.props(body());
        }
        return b.str(topic).bin(utf8("bye"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttVersion.class)
    @DisplayName("[MQTT-3.1.2-3] the reserved CONNECT flag (bit 0) set is a malformed packet")
    void reservedFlag(MqttVersion v) {
        byte[] packet = start(v, 0x03).packet(0x10);
        assertThat(rejected(packet, null, MALFORMED_PACKET).getMessage()).contains("MQTT-3.1.2-3");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttVersion.class)
    @DisplayName("[MQTT-3.1.2-12] a Will QoS of 3 is a malformed packet")
    void willQos3(MqttVersion v) {
        byte[] packet = will(start(v, 0x1E), v, "w").packet(0x10); // will, QoS bits 11, clean start
        assertThat(rejected(packet, null, MALFORMED_PACKET).getMessage()).contains("QoS 3");
    }

    @ParameterizedTest(name = "{0} flags {1}")
    @CsvSource({"V3_1_1, 22", "V3_1_1, 0a", "V3_1_1, 12", "V5, 22", "V5, 0a", "V5, 12", "V3_1, 20"})
    @DisplayName("[MQTT-3.1.2-11] [MQTT-3.1.2-13] Will QoS or Will Retain without the Will Flag is a malformed packet")
    void willBitsWithoutWill(MqttVersion v, String flags) {
        byte[] packet = start(v, Integer.parseInt(flags, 16)).packet(0x10);
        rejected(packet, null, MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    @DisplayName("[MQTT-3.1.2-22] (3.1.1) a Password Flag without the User Name Flag is a malformed packet")
    void passwordWithoutUserName(MqttVersion v) {
        byte[] packet = start(v, 0x42).bin(utf8("pw")).packet(0x10);
        assertThat(rejected(packet, null, MALFORMED_PACKET).getMessage()).contains("MQTT-3.1.2-22");
    }

    @Test
    @DisplayName("[5.0 §3.1.2.9] 5.0 allows a password without a user name")
    void passwordWithoutUserNameIn5() throws Exception {
        Connect c = (Connect) decode(start(V5, 0x42).bin(utf8("pw")).packet(0x10), null);
        assertThat(c.username()).isNull();
        assertThat(c.password()).isEqualTo(utf8("pw"));
    }

    @ParameterizedTest(name = "{0} level {1}, known name {2}")
    @CsvSource({"MQTT, 6, true", "MQTT, 3, true", "MQTT, 0, true", "MQIsdp, 4, true", "MQIsdp, 5, true",
            "MQTX, 4, false", "mqtt, 4, false", "'', 4, false"})
    @DisplayName("[MQTT-3.1.2-1] [MQTT-3.1.2-2] an unknown protocol name or level is an "
            + "UnsupportedProtocolVersionException")
    void unsupportedProtocol(String name, int level, boolean knownName) {
        // after the level, bytes no known version could read: the name and level alone must decide
        byte[] packet = body().str(name).bytes(level).bytes(0xFF, 0xFF, 0xFF).packet(0x10);
        UnsupportedProtocolVersionException e = catchThrowableOfType(UnsupportedProtocolVersionException.class,
                () -> decode(packet, null));
        assertThat(e).as("exception for %s level %d", name, level).isNotNull();
        assertThat(e.knownName()).isEqualTo(knownName);
        assertThat(e.getMessage()).contains("level " + level);
    }

    @Test
    @DisplayName("[MQTT-1.5.4-1] a protocol name that is not UTF-8 is a malformed packet, not an unknown version")
    void protocolNameNotUtf8() {
        byte[] packet = body().bin(new byte[] {'M', 'Q', (byte) 0xC0, (byte) 0x80}).bytes(4, 2).u16(0).str("c")
                .packet(0x10);
        MalformedPacketException e = rejected(packet, null, MALFORMED_PACKET);
        assertThat(e).isNotInstanceOf(UnsupportedProtocolVersionException.class);
    }

    @ParameterizedTest(name = "flags {1}")
    @CsvSource({
            "'', 02, true, 0, false, false, false",
            "'', 00, false, 0, false, false, false",
            "w, 06, true, 0, false, false, false",
            "w, 2c, false, 1, true, false, false",
            "w, 16, true, 2, false, false, false",
            "u, 82, true, 0, false, true, false",
            "wup, f6, true, 2, true, true, true"})
    @DisplayName("[5.0 §3.1.2.3] each CONNECT flag lands in its field")
    void flagsDecode(String fields, String flags, boolean cleanStart, int willQos, boolean willRetain,
            boolean user, boolean password) throws Exception {
        for (MqttVersion v : MqttVersion.values()) {
            Body b = start(v, Integer.parseInt(flags, 16));
            if (fields.contains("w")) {
                will(b, v, "w/t");
            }
            if (user) {
                b.str("ü");
            }
            if (password) {
                b.bin(new byte[] {1, 2});
            }
            Connect c = (Connect) decode(b.packet(0x10), null);
            assertThat(c.version()).isEqualTo(v);
            assertThat(c.cleanStart()).isEqualTo(cleanStart);
            assertThat(c.keepAlive()).isEqualTo(60);
            assertThat(c.clientId()).isEqualTo("c");
            assertThat(c.will() != null).isEqualTo(fields.contains("w"));
            if (c.will() != null) {
                assertThat(c.will().qos()).isEqualTo(willQos);
                assertThat(c.will().retain()).isEqualTo(willRetain);
                assertThat(c.will().topic()).isEqualTo("w/t");
                assertThat(c.will().payload()).isEqualTo(utf8("bye"));
            }
            assertThat(c.username()).isEqualTo(user ? "ü" : null);
            assertThat(c.password()).isEqualTo(password ? new byte[] {1, 2} : null);
        }
    }

    @ParameterizedTest(name = "{0} will topic {1}")
    @CsvSource({"V3_1_1, a/+/b", "V3_1_1, a/#", "V5, +", "V5, #", "V3_1, status/#"})
    @DisplayName("[MQTT-4.7.1-1] a Will Topic is a topic name: a wildcard in it is TOPIC_NAME_INVALID")
    void wildcardInWillTopic(MqttVersion v, String topic) {
        byte[] packet = will(start(v, 0x06), v, topic).packet(0x10);
        rejected(packet, null, TOPIC_NAME_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttVersion.class)
    @DisplayName("[MQTT-4.7.3-1] a Will Topic must be at least one character long: empty is a protocol error")
    void emptyWillTopic(MqttVersion v) {
        rejected(will(start(v, 0x06), v, "").packet(0x10), null, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("[5.0 §3.1.2.11.10] Authentication Data without an Authentication Method is a protocol error")
    void authenticationDataWithoutMethod() throws Exception {
        byte[] dataOnly = body().str("MQTT").bytes(5, 2).u16(0).props(body().bytes(0x16).bin(utf8("d"))).str("c")
                .packet(0x10);
        rejected(dataOnly, null, PROTOCOL_ERROR);
        byte[] both = body().str("MQTT").bytes(5, 2).u16(0).props(body().bytes(0x15).str("m").bytes(0x16)
                .bin(utf8("d"))).str("c").packet(0x10);
        assertThat(((Connect) decode(both, null)).properties().authenticationMethod()).isEqualTo("m");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    @DisplayName("[MQTT-3.2.2-1] CONNACK acknowledge flags bits 7-1 are reserved: set, a malformed packet")
    void connAckReservedFlags(MqttVersion v) {
        byte[] packet = (v.isV5() ? body().bytes(0x02, 0).props(body()) : body().bytes(0x02, 0)).packet(0x20);
        rejected(packet, v, MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[5.0 §3.2.2.2] an undefined CONNACK reason code is a malformed packet; 3.1.1 return codes stop at 5")
    void connAckUndefinedCodes() throws Exception {
        rejected(Wire.hex("20 03 00 05 00"), V5, MALFORMED_PACKET);
        rejected(Wire.hex("20 02 00 06"), V3_1_1, MALFORMED_PACKET);
        rejected(Wire.hex("20 02 00 80"), V3_1, MALFORMED_PACKET);
        assertThat(decode(Wire.hex("20 02 00 02"), V3_1_1)).isEqualTo(
                new ConnAck(false, ConnectReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ConnAckProperties.EMPTY));
    }
}
