package io.stratusmq.codec;

import static io.stratusmq.codec.MqttVersion.V3_1;
import static io.stratusmq.codec.MqttVersion.V3_1_1;
import static io.stratusmq.codec.Wire.roundTrip;
import static io.stratusmq.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 3.1 ("MQIsdp", level 3) and 3.1.1 round trips: every packet type is encoded, decoded and encoded again,
 * and must come back field for field and byte for byte. The 5.0 packets, with all their properties, are in
 * {@link V5RoundTripTest}.
 */
class RoundTripTest {

    static final String TEMPERATURE = "température/°C";
    static final String EMOJI = "emoji/😀"; // U+1F600: four bytes in UTF-8, a surrogate pair in Java

    record Case(String name, MqttPacket packet) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> v3Packets(MqttVersion version) {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("CONNECT minimal", new Connect(version, "sensor-42", true, 60, null, null, null,
                        ConnectProperties.EMPTY)),
                new Case("CONNECT with will, user name and password", new Connect(version, "capteur-°C", false,
                        65_535, "ünïcödé", new byte[] {0, 1, 2, (byte) 0xFF},
                        new Will(TEMPERATURE + "/status", utf8("offline"), 2, true, WillProperties.EMPTY),
                        ConnectProperties.EMPTY)),
                new Case("CONNECT with QoS 1 will, empty will payload, user name only", new Connect(version, "c",
                        true, 0, "user", null, new Will("last/will", new byte[0], 1, false, WillProperties.EMPTY),
                        ConnectProperties.EMPTY)),
                new Case("CONNACK accepted", new ConnAck(false, ConnectReasonCode.SUCCESS, ConnAckProperties.EMPTY)),
                new Case("PUBLISH QoS 0, empty payload", publish("a/b", 0, false, false, 0, new byte[0])),
                new Case("PUBLISH QoS 1, retained, 200-byte payload", publish("a/b", 1, true, false, 1, filled(200))),
                new Case("PUBLISH QoS 2, DUP, id 65535, non-ASCII topic", publish(TEMPERATURE, 2, false, true,
                        65_535, utf8("21,5 °C"))),
                new Case("PUBLISH four-byte UTF-8 topic", publish(EMOJI, 1, false, false, 7, utf8("😀"))),
                new Case("PUBACK id 65535", new PubAck(65_535)),
                new Case("PUBREC id 1", new PubRec(1)),
                new Case("PUBREL id 65535", new PubRel(65_535)),
                new Case("PUBCOMP id 300", new PubComp(300)),
                new Case("SUBSCRIBE three filters", new Subscribe(65_535, List.of(TopicSubscription.of("a/+/c", 0),
                        TopicSubscription.of("#", 1), TopicSubscription.of(TEMPERATURE, 2)), null, List.of())),
                new Case("SUBACK grants and a failure", new SubAck(65_535, List.of(SubAckReasonCode.GRANTED_QOS_0,
                        SubAckReasonCode.GRANTED_QOS_1, SubAckReasonCode.GRANTED_QOS_2,
                        SubAckReasonCode.UNSPECIFIED_ERROR), AckProperties.EMPTY)),
                new Case("UNSUBSCRIBE two filters", new Unsubscribe(12, List.of("a/+/c", EMOJI), List.of())),
                new Case("UNSUBACK", new UnsubAck(65_535, List.of(), AckProperties.EMPTY)),
                new Case("PINGREQ", PingReq.INSTANCE),
                new Case("PINGRESP", PingResp.INSTANCE),
                new Case("DISCONNECT", Disconnect.NORMAL)));
        // The CONNACK return codes 1 to 5 each stand for one reason
        for (ConnectReasonCode refusal : List.of(ConnectReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                ConnectReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ConnectReasonCode.SERVER_UNAVAILABLE,
                ConnectReasonCode.BAD_USER_NAME_OR_PASSWORD, ConnectReasonCode.NOT_AUTHORIZED)) {
            cases.add(new Case("CONNACK " + refusal, new ConnAck(false, refusal, ConnAckProperties.EMPTY)));
        }
        if (version == V3_1_1) {
            cases.add(new Case("CONNACK session present", new ConnAck(true, ConnectReasonCode.SUCCESS,
                    ConnAckProperties.EMPTY)));
            cases.add(new Case("CONNECT empty client id", new Connect(version, "", true, 30, null, null, null,
                    ConnectProperties.EMPTY)));
        }
        return cases;
    }

    static Stream<Arguments> v3RoundTrips() {
        return Stream.of(V3_1, V3_1_1)
                .flatMap(v -> v3Packets(v).stream().map(c -> arguments(v, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("v3RoundTrips")
    @DisplayName("a 3.1 / 3.1.1 packet decodes to the record it was encoded from, and re-encodes to the same bytes")
    void roundTrips(MqttVersion version, Case c) throws Exception {
        roundTrip(c.packet(), version);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    @DisplayName("[5.0 §2.1.2] every packet type of 3.1 / 3.1.1 (all but AUTH) has a round trip")
    void everyTypeCovered(MqttVersion version) {
        Set<PacketType> covered = v3Packets(version).stream().map(c -> c.packet().type())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PacketType.class)));
        assertThat(covered).isEqualTo(EnumSet.complementOf(EnumSet.of(PacketType.AUTH)));
    }

    @Test
    @DisplayName("a 3.1 CONNECT carries protocol name MQIsdp and level 3; 3.1.1 carries MQTT and level 4")
    void protocolNameAndLevel() throws Exception {
        Connect c31 = new Connect(V3_1, "x", true, 10, null, null, null, ConnectProperties.EMPTY);
        Connect c311 = new Connect(V3_1_1, "x", true, 10, null, null, null, ConnectProperties.EMPTY);
        assertThat(Wire.hex(MqttEncoder.encode(c31, V3_1))).startsWith("10 0f 00 06 4d 51 49 73 64 70 03");
        assertThat(Wire.hex(MqttEncoder.encode(c311, V3_1_1))).startsWith("10 0d 00 04 4d 51 54 54 04");
        assertThat(((Connect) roundTrip(c31, V3_1)).version()).isEqualTo(V3_1);
        assertThat(((Connect) roundTrip(c311, V3_1_1)).version()).isEqualTo(V3_1_1);
    }

    /**
     * [5.0 §1.5.5] Remaining Length takes 1 byte up to 127, 2 up to 16,383, 3 up to 2,097,151, then 4. Each
     * payload size puts a QoS 1 PUBLISH with topic "t" (2 + 1 + 2 bytes of header) at one of those steps.
     */
    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 122, 123, 200, 16_378, 16_379, 20_000, 2_097_146, 2_097_147, 2_100_000})
    @DisplayName("[5.0 §1.5.5] a PUBLISH survives at every Remaining Length width")
    void remainingLengthWidths(int payloadSize) throws Exception {
        byte[] payload = filled(payloadSize);
        Publish p = publish("t", 1, false, false, 9, payload);
        for (MqttVersion v : MqttVersion.values()) {
            Publish back = (Publish) roundTrip(p, v);
            assertThat(back.payload()).hasSize(payloadSize).isEqualTo(payload);
        }
        int remaining = 5 + payloadSize;
        int widths = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        assertThat(MqttEncoder.encode(p, V3_1_1)).hasSize(1 + widths + remaining);
    }

    @Test
    @DisplayName("[5.0 §1.5.4] non-ASCII strings keep every code point: topic, client id, user name, filters")
    void nonAsciiStrings() throws Exception {
        String clientId = "клиент-漢字-😀";
        Connect c = (Connect) roundTrip(new Connect(V3_1_1, clientId, true, 5, "名前", utf8("pässwörd"),
                new Will(EMOJI, utf8("👋"), 0, false, WillProperties.EMPTY), ConnectProperties.EMPTY), V3_1_1);
        assertThat(c.clientId()).isEqualTo(clientId).hasSize(12); // U+1F600 is two chars
        assertThat(c.username()).isEqualTo("名前");
        assertThat(c.will().topic()).isEqualTo(EMOJI);

        Publish p = (Publish) roundTrip(publish(TEMPERATURE, 0, false, false, 0, new byte[0]), V3_1_1);
        assertThat(p.topic()).isEqualTo(TEMPERATURE);
        // "température/°C": 14 chars, é and ° take two bytes each
        assertThat(Arrays.copyOfRange(MqttEncoder.encode(p, V3_1_1), 2, 4)).containsExactly(0, 16);

        Subscribe s = (Subscribe) roundTrip(new Subscribe(1, List.of(TopicSubscription.of("日本/+/😀", 1)), null,
                List.of()), V3_1_1);
        assertThat(s.subscriptions().get(0).filter()).isEqualTo("日本/+/😀");
    }

    @Test
    @DisplayName("[5.0 §3.1.3] a password is Binary Data: any bytes survive, and an empty one stays present")
    void binaryPassword() throws Exception {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        Connect c = (Connect) roundTrip(new Connect(V3_1_1, "id", true, 0, "u", every, null,
                ConnectProperties.EMPTY), V3_1_1);
        assertThat(c.password()).isEqualTo(every);
        Connect empty = (Connect) roundTrip(new Connect(V3_1_1, "id", true, 0, "u", new byte[0], null,
                ConnectProperties.EMPTY), V3_1_1);
        assertThat(empty.password()).isNotNull().isEmpty();
    }

    static Publish publish(String topic, int qos, boolean retain, boolean dup, int packetId, byte[] payload) {
        return new Publish(topic, qos, retain, dup, packetId, payload, PublishProperties.EMPTY);
    }

    /** A payload whose bytes differ, so that a shifted or truncated copy shows. */
    static byte[] filled(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
