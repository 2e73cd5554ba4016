package io.stratusmq.codec;

import static io.stratusmq.codec.DisconnectReasonCode.MALFORMED_PACKET;
import static io.stratusmq.codec.DisconnectReasonCode.PROTOCOL_ERROR;
import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.Wire.body;
import static io.stratusmq.codec.Wire.decode;
import static io.stratusmq.codec.Wire.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.stratusmq.codec.Wire.Body;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 5.0 properties [5.0 §2.2.2]: which may appear where, how often, and with which values. */
class PropertiesTest {

    /** A 5.0 QoS 0 PUBLISH to "t" with these properties and payload "x". */
    static byte[] publish(Body props) {
        return body().str("t").props(props).str("x").packet(0x30);
    }

    /** A 5.0 CONNECT, clean start, client id "c", with these properties. */
    static byte[] connect(Body props) {
        return body().str("MQTT").bytes(5, 0x02).u16(60).props(props).str("c").packet(0x10);
    }

    /** A 5.0 CONNECT with a will carrying these will properties. */
    static byte[] connectWithWill(Body willProps) {
        return body().str("MQTT").bytes(5, 0x06).u16(60).props(body()).str("c").props(willProps).str("w").str("")
                .packet(0x10);
    }

    static byte[] connAck(Body props) {
        return body().bytes(0, 0).props(props).packet(0x20);
    }

    static byte[] pubAck(Body props) {
        return body().u16(1).bytes(0x10).props(props).packet(0x40);
    }

    static byte[] subscribe(Body props) {
        return body().u16(1).props(props).str("t").bytes(0).packet(0x82);
    }

    static byte[] unsubscribe(Body props) {
        return body().u16(1).props(props).str("t").packet(0xA2);
    }

    static byte[] disconnect(Body props) {
        return body().bytes(0).props(props).packet(0xE0);
    }

    static byte[] auth(Body props) {
        return body().bytes(0x18).props(props).packet(0xF0);
    }

    static Stream<Arguments> notAllowed() {
        return Stream.of(
                arguments("Topic Alias (0x23) on CONNECT", connect(body().bytes(0x23).u16(1))),
                arguments("Will Delay Interval (0x18) on PUBLISH", publish(body().bytes(0x18).u32(5))),
                arguments("unknown identifier 0x7F on PUBLISH", publish(body().bytes(0x7F, 0))),
                arguments("identifier 0x00 on PUBLISH", publish(body().bytes(0x00, 0))),
                arguments("identifier 128 (two-byte VBI 80 01) on PUBLISH", publish(body().bytes(0x80, 0x01, 0))),
                arguments("Session Expiry Interval (0x11) on PUBLISH", publish(body().bytes(0x11).u32(5))),
                arguments("Subscription Identifier (0x0B) on CONNECT", connect(body().bytes(0x0B, 1))),
                arguments("Reason String (0x1F) on CONNECT", connect(body().bytes(0x1F).str("r"))),
                arguments("Maximum QoS (0x24) on CONNECT", connect(body().bytes(0x24, 1))),
                arguments("Will Delay Interval (0x18) among CONNECT properties", connect(body().bytes(0x18).u32(5))),
                arguments("Topic Alias (0x23) among will properties", connectWithWill(body().bytes(0x23).u16(1))),
                arguments("Receive Maximum (0x21) on PUBACK", pubAck(body().bytes(0x21).u16(5))),
                arguments("Subscription Identifier (0x0B) on UNSUBSCRIBE", unsubscribe(body().bytes(0x0B, 1))),
                arguments("Reason String (0x1F) on SUBSCRIBE", subscribe(body().bytes(0x1F).str("r"))),
                arguments("Server Reference (0x1C) on AUTH", auth(body().bytes(0x1C).str("s"))),
                arguments("Topic Alias (0x23) on DISCONNECT", disconnect(body().bytes(0x23).u16(1))),
                arguments("Will Delay Interval (0x18) on CONNACK", connAck(body().bytes(0x18).u32(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAllowed")
    @DisplayName("[5.0 §2.2.2.2] a property the packet does not allow is a malformed packet")
    void propertyNotAllowed(String what, byte[] packet) {
        assertThat(rejected(packet, packet[0] == 0x10 ? null : V5, MALFORMED_PACKET).getMessage())
                .contains("not allowed");
    }

    static Stream<Arguments> duplicates() {
        return Stream.of(
                arguments("two Message Expiry Intervals on PUBLISH",
                        publish(body().bytes(0x02).u32(10).bytes(0x02).u32(20))),
                arguments("two Receive Maximum on CONNECT", connect(body().bytes(0x21).u16(5).bytes(0x21).u16(5))),
                arguments("two Topic Aliases on PUBLISH", publish(body().bytes(0x23).u16(1).bytes(0x23).u16(2))),
                arguments("two Content Types on PUBLISH", publish(body().bytes(0x03).str("a").bytes(0x03).str("b"))),
                arguments("two Payload Format Indicators in a will",
                        connectWithWill(body().bytes(0x01, 0).bytes(0x01, 0))),
                arguments("two Reason Strings on PUBACK", pubAck(body().bytes(0x1F).str("a").bytes(0x1F).str("b"))),
                arguments("two Subscription Identifiers on SUBSCRIBE", subscribe(body().bytes(0x0B, 1, 0x0B, 2))),
                arguments("two Session Expiry Intervals on DISCONNECT",
                        disconnect(body().bytes(0x11).u32(1).bytes(0x11).u32(1))),
                arguments("two Authentication Methods on AUTH",
                        auth(body().bytes(0x15).str("a").bytes(0x15).str("a"))),
                arguments("two Maximum QoS on CONNACK", connAck(body().bytes(0x24, 0, 0x24, 1))),
                arguments("a property repeated after others", publish(body().bytes(0x02).u32(10).bytes(0x01, 1)
                        .bytes(0x26).str("k").str("v").bytes(0x02).u32(10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("duplicates")
    @DisplayName("[5.0 §2.2.2.2] a property other than User Property (and PUBLISH's Subscription Identifier) "
            + "twice is a protocol error")
    void duplicateProperty(String what, byte[] packet) {
        assertThat(rejected(packet, packet[0] == 0x10 ? null : V5, PROTOCOL_ERROR).getMessage()).contains("twice");
    }

    @Test
    @DisplayName("[5.0 §3.3.2.3.7] User Property may appear several times, and a PUBLISH several Subscription "
            + "Identifiers")
    void repeatableProperties() throws Exception {
        Publish p = (Publish) decode(publish(body().bytes(0x26).str("k").str("1").bytes(0x0B, 3)
                .bytes(0x26).str("k").str("2").bytes(0x0B, 0x80, 0x01)), V5);
        assertThat(p.properties().userProperties()).containsExactly(new UserProperty("k", "1"),
                new UserProperty("k", "2"));
        assertThat(p.properties().subscriptionIdentifiers()).containsExactly(3, 128);
        Connect c = (Connect) decode(connect(body().bytes(0x26).str("a").str("b").bytes(0x26).str("a").str("b")),
                null);
        assertThat(c.properties().userProperties()).hasSize(2);
    }

    @Test
    @DisplayName("[5.0 §2.2.2.1] a Property Length beyond the end of the packet is a malformed packet")
    void propertyLengthBeyondPacket() {
        // 30 0a | 00 01 74 | 07 (7 bytes of properties claimed) | 02 00 00 00 0a | 78 78: only 6 bytes follow
        byte[] packet = Wire.hex("30 0a 00 01 74 07 02 00 00 00 0a 78");
        assertThat(rejected(packet, V5, MALFORMED_PACKET).getMessage()).contains("property length");
        rejected(body().u16(1).bytes(0x10, 0x05, 0x1F, 0x00).packet(0x40), V5, MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[5.0 §2.2.2.1] a property running past the Property Length is a malformed packet")
    void propertyRunsPastPropertyLength() {
        // property length 3, but Message Expiry Interval takes 5 bytes; the packet itself has room
        byte[] packet = body().str("t").varInt(3).bytes(0x02).u32(10).str("x").packet(0x30);
        rejected(packet, V5, MALFORMED_PACKET);
    }

    @Test
    @DisplayName("[MQTT-1.5.5-1] a Property Length not in its fewest bytes is a malformed packet")
    void nonMinimalPropertyLength() {
        rejected(body().str("t").bytes(0x80, 0x00).packet(0x30), V5, MALFORMED_PACKET);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments("Receive Maximum 0 on CONNECT (5.0 §3.1.2.11.3)", connect(body().bytes(0x21).u16(0))),
                arguments("Receive Maximum 0 on CONNACK (5.0 §3.2.2.3.3)", connAck(body().bytes(0x21).u16(0))),
                arguments("Maximum Packet Size 0 on CONNECT (5.0 §3.1.2.11.4)", connect(body().bytes(0x27).u32(0))),
                arguments("Maximum Packet Size 0 on CONNACK (5.0 §3.2.2.3.6)", connAck(body().bytes(0x27).u32(0))),
                arguments("Payload Format Indicator 2 on PUBLISH (5.0 §3.3.2.3.2)", publish(body().bytes(0x01, 2))),
                arguments("Payload Format Indicator 255 in a will (5.0 §3.1.3.2.3)",
                        connectWithWill(body().bytes(0x01, 0xFF))),
                arguments("Subscription Identifier 0 on PUBLISH (5.0 §3.3.2.3.8)", publish(body().bytes(0x0B, 0))),
                arguments("Subscription Identifier 0 on SUBSCRIBE (5.0 §3.8.2.1.2)", subscribe(body().bytes(0x0B, 0))),
                arguments("Request Problem Information 2 (5.0 §3.1.2.11.7)", connect(body().bytes(0x17, 2))),
                arguments("Request Response Information 2 (5.0 §3.1.2.11.6)", connect(body().bytes(0x19, 2))),
                arguments("Maximum QoS 2 (5.0 §3.2.2.3.4)", connAck(body().bytes(0x24, 2))),
                arguments("Retain Available 2 (5.0 §3.2.2.3.5)", connAck(body().bytes(0x25, 2))),
                arguments("Wildcard Subscription Available 2 (5.0 §3.2.2.3.11)", connAck(body().bytes(0x28, 2))),
                arguments("Subscription Identifiers Available 2 (5.0 §3.2.2.3.12)", connAck(body().bytes(0x29, 2))),
                arguments("Shared Subscription Available 2 (5.0 §3.2.2.3.13)", connAck(body().bytes(0x2A, 2))),
                arguments("a wildcard in a Response Topic [MQTT-3.3.2-14]",
                        publish(body().bytes(0x08).str("reply/+"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    @DisplayName("a property value the spec rules out is a protocol error")
    void badValue(String what, byte[] packet) {
        rejected(packet, packet[0] == 0x10 ? null : V5, PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("the boundary values just inside those rules decode")
    void boundaryValuesDecode() throws Exception {
        Connect c = (Connect) decode(connect(body().bytes(0x21).u16(1).bytes(0x27).u32(1).bytes(0x17, 0)
                .bytes(0x19, 1)), null);
        assertThat(c.properties().receiveMaximum()).isEqualTo(1);
        assertThat(c.properties().maximumPacketSize()).isEqualTo(1L);
        assertThat(c.properties().requestProblemInformation()).isFalse();
        assertThat(c.properties().requestResponseInformation()).isTrue();
        Publish p = (Publish) decode(publish(body().bytes(0x01, 0).bytes(0x0B, 0xFF, 0xFF, 0xFF, 0x7F)), V5);
        assertThat(p.properties().payloadFormatIndicator()).isZero();
        assertThat(p.properties().subscriptionIdentifiers()).containsExactly(268_435_455);
    }

    @Test
    @DisplayName("an empty property section decodes to the EMPTY properties of every packet")
    void emptySections() throws Exception {
        assertThat(((Publish) decode(publish(body()), V5)).properties().isEmpty()).isTrue();
        assertThat(((PubAck) decode(pubAck(body()), V5)).properties()).isEqualTo(AckProperties.EMPTY);
        assertThat(((Subscribe) decode(subscribe(body()), V5)).userProperties()).isEmpty();
        assertThat(((Unsubscribe) decode(unsubscribe(body()), V5)).userProperties()).isEqualTo(List.of());
        assertThat(((Disconnect) decode(disconnect(body()), V5)).properties().isEmpty()).isTrue();
        assertThat(((Auth) decode(auth(body()), V5)).properties().isEmpty()).isTrue();
    }
}
