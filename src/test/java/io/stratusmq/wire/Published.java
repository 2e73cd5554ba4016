package io.stratusmq.wire;

import io.stratusmq.testing.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A PUBLISH as the broker sent it, taken apart, for tests that check order or content across many messages.
 * Tests that check one packet compare its bytes instead.
 *
 * @param properties the property section without its length, as hex; empty for 3.1.1
 */
public record Published(boolean dup, int qos, boolean retain, String topic, int packetId, String properties,
        String payload) {

    /** Parses a PUBLISH from a 3.1.1 connection ({@code v5} false) or a 5.0 one. */
    public static Published parse(byte[] p, boolean v5) {
        int first = p[0] & 0xFF;
        if (first >> 4 != 3) {
            throw new AssertionError("not a PUBLISH: " + Hex.hex(p));
        }
        int i = 1;
        while ((p[i] & 0x80) != 0) {
            i++;
        }
        i++;
        int topicLength = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        String topic = new String(p, i + 2, topicLength, StandardCharsets.UTF_8);
        i += 2 + topicLength;
        int qos = (first >> 1) & 3;
        int packetId = 0;
        if (qos > 0) {
            packetId = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
            i += 2;
        }
        String properties = "";
        if (v5) {
            int length = 0;
            int shift = 0;
            int b;
            do {
                b = p[i++] & 0xFF;
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            properties = Hex.hex(Arrays.copyOfRange(p, i, i + length));
            i += length;
        }
        String payload = new String(p, i, p.length - i, StandardCharsets.UTF_8);
        return new Published((first & 8) != 0, qos, (first & 1) != 0, topic, packetId, properties, payload);
    }

    /** The acknowledgement a subscriber sends for this message: PUBACK for QoS 1, PUBREC for QoS 2. */
    public String ack() {
        return String.format("%02x 02 %02x %02x", qos == 1 ? 0x40 : 0x50, packetId >> 8, packetId & 0xFF);
    }
}
