package io.stratusmq.wire;

import io.stratusmq.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Building blocks for wire fixtures whose lengths follow from their content: strings, property sections and
 * whole packets with the remaining length computed. Tests write the bytes under test literally, field by
 * field; these builders are for the set-up around them. Every method returns hex that {@link Hex#bytes}
 * reads, so it can be mixed with literal fixtures.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * One character that tells the transports apart in client ids and topics, as hex: "77" ('w') for
     * WebSocket, "74" ('t') for TCP. Literal fixtures keep their lengths whatever the transport.
     */
    public static String tag(String transport) {
        return transport.equals("ws") ? "77" : "74";
    }

    /** {@code base} followed by the transport's tag character ('w' or 't'). */
    public static String id(String base, String transport) {
        return base + (transport.equals("ws") ? "w" : "t");
    }

    /** An MQTT UTF-8 string [MQTT-1.5.4]: two-byte length, then the bytes. */
    public static String utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return String.format("%02x %02x ", b.length >> 8, b.length & 0xFF) + Hex.hex(b);
    }

    /** The bytes of a string without a length prefix, e.g. a payload. */
    public static String raw(String s) {
        return Hex.hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A Variable Byte Integer [MQTT-1.5.5]. */
    public static String varInt(int v) {
        StringBuilder out = new StringBuilder();
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.append(String.format("%02x ", v > 0 ? b | 0x80 : b));
        } while (v > 0);
        return out.toString().trim();
    }

    /** A property section: its length as a Variable Byte Integer, then the properties given as hex. */
    public static String props(String... properties) {
        byte[] body = Hex.bytes(String.join("\n", properties));
        return (varInt(body.length) + " " + Hex.hex(body)).trim();
    }

    /** A whole packet: the first byte, the remaining length computed from the body, then the body. */
    public static String packet(int firstByte, String... body) {
        byte[] b = Hex.bytes(String.join("\n", body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        out.writeBytes(Hex.bytes(varInt(b.length)));
        out.writeBytes(b);
        return Hex.hex(out.toByteArray());
    }

    // ---- CONNECT --------------------------------------------------------------------------------------------

    /** CONNECT 3.1.1: protocol "MQTT" level 4, Clean Session as given, no will, no credentials. */
    public static String connect311(String clientId, boolean cleanSession, int keepAlive) {
        return packet(0x10, utf8("MQTT"), "04", cleanSession ? "02" : "00", short16(keepAlive), utf8(clientId));
    }

    /** CONNECT 5.0: protocol "MQTT" level 5, Clean Start as given, the property section given as hex. */
    public static String connect5(String clientId, boolean cleanStart, int keepAlive, String properties) {
        return packet(0x10, utf8("MQTT"), "05", cleanStart ? "02" : "00", short16(keepAlive), properties,
                utf8(clientId));
    }

    /** A two-byte integer [MQTT-1.5.2]. */
    public static String short16(int v) {
        return String.format("%02x %02x", v >> 8, v & 0xFF);
    }

    /** A four-byte integer [MQTT-1.5.3]. */
    public static String int32(long v) {
        return String.format("%02x %02x %02x %02x", (v >> 24) & 0xFF, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }

    // ---- SUBSCRIBE / PUBLISH ------------------------------------------------------------------------------

    /** SUBSCRIBE 3.1.1 to one filter. */
    public static String subscribe311(int packetId, String filter, int qos) {
        return packet(0x82, short16(packetId), utf8(filter), String.format("%02x", qos));
    }

    /** SUBSCRIBE 5.0 to one filter with the given options byte and property section. */
    public static String subscribe5(int packetId, String properties, String filter, int options) {
        return packet(0x82, short16(packetId), properties, utf8(filter), String.format("%02x", options));
    }

    /** UNSUBSCRIBE 3.1.1 from one filter. */
    public static String unsubscribe311(int packetId, String filter) {
        return packet(0xA2, short16(packetId), utf8(filter));
    }

    /** PUBLISH 3.1.1 with a text payload. */
    public static String publish311(int qos, boolean retain, int packetId, String topic, String payload) {
        return packet(0x30 | (qos << 1) | (retain ? 1 : 0), utf8(topic), qos > 0 ? short16(packetId) : "",
                raw(payload));
    }

    /** PUBLISH 5.0 with a text payload and the given property section. */
    public static String publish5(int qos, boolean retain, int packetId, String topic, String properties,
            String payload) {
        return packet(0x30 | (qos << 1) | (retain ? 1 : 0), utf8(topic), qos > 0 ? short16(packetId) : "",
                properties, raw(payload));
    }

    /** PUBLISH 3.1.1 with DUP set. */
    public static String publish311Dup(int qos, boolean retain, int packetId, String topic, String payload) {
        return packet(0x38 | (qos << 1) | (retain ? 1 : 0), utf8(topic), short16(packetId), raw(payload));
    }
}
