package io.stratusmq.protocol;

import java.util.Arrays;

/**
 * Packets written while one event is handled, flushed as a single write: a WebSocket frame may carry several
 * MQTT packets [MQTT-6.0.0-2], and one write per event saves a syscall per packet. Owner-confined.
 */
final class PacketOutput {

    private byte[] first;
    private byte[] joined;
    private int length;
    private int count;

    void add(byte[] packet) {
        if (count == 0) {
            first = packet;
            length = packet.length;
        } else {
            if (count == 1) {
                joined = new byte[Math.max(256, 2 * (length + packet.length))];
                System.arraycopy(first, 0, joined, 0, length);
                first = null;
            } else if (joined.length < length + packet.length) {
                joined = Arrays.copyOf(joined, Math.max(2 * joined.length, length + packet.length));
            }
            System.arraycopy(packet, 0, joined, length, packet.length);
            length += packet.length;
        }
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int length() {
        return length;
    }

    /** Hands everything written so far to the transport. */
    void flush(Transport transport) {
        if (count == 0) {
            return;
        }
        byte[] out = count == 1 ? first : (joined.length == length ? joined : Arrays.copyOf(joined, length));
        first = null;
        joined = null;
        count = 0;
        length = 0;
        transport.send(out);
    }
}
