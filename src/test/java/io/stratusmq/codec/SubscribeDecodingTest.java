package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.MALFORMED_PACKET;
import static io.stratusmq.codec.DisconnectReasonCode.PROTOCOL_ERROR;
import static io.stratusmq.codec.MqttVersion.V3_1_1;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.body;
import static io.stratusmq.codec.Wire.decode;
import static io.stratusmq.codec.Wire.hex;
import static io.stratusmq.codec.Wire.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratusmq.codec.Wire.Body;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SUBSCRIBE [5.0 §3.8] and UNSUBSCRIBE [5.0 §3.10]: topic filters and subscription options. */
class SubscribeDecodingTest {

    /** SUBSCRIBE id 1, empty 5.0 properties, filter "a/#" with these options. */
    static byte[] subscribe(MqttVersion v, int options) {
        Body b = body().u16(1);
        if (v.isV5()) {
            b.props(body());
        }
        return b.str("a/#").bytes(options).packet(0x82);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttVersion.class)
    @DisplayName("[MQTT-3.8.3-3] (3.1.1) / [MQTT-3.8.3-2] (5.0) a SUBSCRIBE with no topic filter is a protocol error")
    void subscribeWithoutFilters(MqttVersion v) {
        byte[] packet = (v.isV5() ? body().u16(1).props(body()) : body().u16(1)).packet(0x82);
        assertThat(rejected(packet, v, PROTOCOL_ERROR).getMessage()).contains("without a topic filter");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttVersion.class)
    @DisplayName("[MQTT-3.10.3-2] an UNSUBSCRIBE with no topic filter is a protocol error")
    void unsubscribeWithoutFilters(MqttVersion v) {
        byte[] packet = (v.isV5() ? body().u16(1).props(body()) : body().u16(1)).packet(0xA2);
        assertThat(rejected(packet, v, PROTOCOL_ERROR).getMessage()).contains("without a topic filter");
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(ints = {0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFC, 0x05, 0x2A})
    @DisplayName("[MQTT-3.8.3-4] (3.1.1) any of bits 7-2 of the requested QoS byte set is a malformed packet")
    void v3ReservedOptionBits(int options) {
        for (MqttVersion v : List.of(MqttVersion.V3_1, V3_1_1)) {
            rejected(subscribe(v, options), v, MALFORMED_PACKET);
        }
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(ints = {0x40, 0x80, 0xC0, 0x41, 0xAD})
    @DisplayName("[MQTT-3.8.3-5] (5.0) bits 7-6 of the subscription options set are a malformed packet")
    void v5ReservedOptionBits(int options) {
        assertThat(rejected(subscribe(V5, options), V5, MALFORMED_PACKET).getMessage()).contains("reserved");
    }

    @ParameterizedTest(name = "options {0}")
    @ValueSource(ints = {0x30, 0x31, 0x3E})
    @DisplayName("[5.0 §3.8.3.1] Retain Handling 3 is a protocol error")
    void retainHandling3(int options) {
        assertThat(rejected(subscribe(V5, options), V5, PROTOCOL_ERROR).getMessage()).contains("retain handling");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MqttVersion.class)
    @DisplayName("[MQTT-3-8.3-4] (3.1.1: malformed) / [5.0 §3.8.3.1] (5.0: protocol error) a requested QoS of 3")
    void requestedQos3(MqttVersion v) {
        DisconnectReasonCode expected = v == V5 ? DisconnectReasonCode.PROTOCOL_ERROR : MALFORMED_PACKET;
        assertThat(rejected(subscribe(v, 0x03), v, expected).getMessage()).contains("QoS 3");
    }

    @ParameterizedTest(name = "options {0}")
    @CsvSource({"00, 0, false, false, 0", "01, 1, false, false, 0", "02, 2, false, false, 0",
            "04, 0, true, false, 0", "08, 0, false, true, 0", "10, 0, false, false, 1", "20, 0, false, false, 2",
            "2e, 2, true, true, 2", "1d, 1, true, true, 1"})
    @DisplayName("[5.0 §3.8.3.1] QoS, No Local, Retain As Published and Retain Handling come from their bits")
    void v5Options(String options, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling)
            throws Exception {
        Subscribe s = (Subscribe) decode(subscribe(V5, Integer.parseInt(options, 16)), V5);
        assertThat(s.subscriptions()).containsExactly(
                new TopicSubscription("a/#", qos, noLocal, retainAsPublished, retainHandling));
    }

    @Test
    @DisplayName("[5.0 §3.8.3] several filters keep their order, each with its own options")
    void severalFilters() throws Exception {
        byte[] packet = body().u16(0xBEEF).props(body().bytes(0x0B, 0x80, 0x01).bytes(0x26).str("k").str("v"))
                .str("a/+").bytes(0x00).str("#").bytes(0x2E).str("$share/g/x").bytes(0x01).packet(0x82);
        Subscribe s = (Subscribe) decode(packet, V5);
        assertThat(s.packetId()).isEqualTo(0xBEEF);
        assertThat(s.subscriptionIdentifier()).isEqualTo(128);
        assertThat(s.userProperties()).containsExactly(new UserProperty("k", "v"));
        assertThat(s.subscriptions()).extracting(TopicSubscription::filter).containsExactly("a/+", "#", "$share/g/x");
        assertThat(s.subscriptions()).extracting(TopicSubscription::qos).containsExactly(0, 2, 1);
    }

    @Test
    @DisplayName("[5.0 §3.10.3] UNSUBSCRIBE filters keep their order")
    void unsubscribeFilters() throws Exception {
        Unsubscribe u = (Unsubscribe) decode(hex("a2 0c 00 05 00 03 61 2f 2b 00 01 23 00 00"), V3_1_1);
        // a2 0c | 00 05 id | 00 03 "a/+" | 00 01 "#" | 00 00 "": an empty filter is the routing layer's to refuse
        assertThat(u.packetId()).isEqualTo(5);
        assertThat(u.filters()).containsExactly("a/+", "#", "");
    }

    @Test
    @DisplayName("[5.0 §3.8.3] a 3.1.1 SUBSCRIBE has no property section and no subscription options")
    void v3HasNoOptions() throws Exception {
        Subscribe s = (Subscribe) decode(hex("82 06 00 01 00 01 74 02"), V3_1_1);
        assertThat(s.subscriptions()).containsExactly(TopicSubscription.of("t", 2));
        assertThat(s.subscriptionIdentifier()).isNull();
        assertThat(s.userProperties()).isEmpty();
    }
}
