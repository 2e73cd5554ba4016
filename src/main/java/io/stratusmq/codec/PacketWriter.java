package io.stratusmq.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array with the MQTT data types [MQTT-1.5]. Not thread-safe; one per encode. */
final class PacketWriter {

    private byte[] buf;
    private int pos;

    PacketWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Wraps an exactly sized array; writing past its end is a bug. */
    static PacketWriter exact(int size) {
        PacketWriter w = new PacketWriter(0);
        w.buf = new byte[size];
        return w;
    }

    int size() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void writeShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void writeInt(long v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    /** A Variable Byte Integer [MQTT-1.5.5]; reserves only the bytes it writes, so exact arrays stay exact. */
    void writeVarInt(int v) {
        if (v < 0 || v > 268_435_455) {
            throw new IllegalArgumentException("variable byte integer " + v + " out of range");
        }
        ensure(varIntSize(v));
        do {
            int b = v & 0x7F;
            v >>>= 7;
            buf[pos++] = (byte) (v > 0 ? b | 0x80 : b);
        } while (v > 0);
    }

    void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void writeString(String s) {
        writeBinary(s.getBytes(StandardCharsets.UTF_8));
    }

    void writeBinary(byte[] b) {
        if (b.length > 65_535) {
            throw new IllegalArgumentException("string or binary field longer than 65,535 bytes");
        }
        writeShort(b.length);
        writeBytes(b);
    }

    static int varIntSize(int v) {
        return v < 128 ? 1 : v < 16_384 ? 2 : v < 2_097_152 ? 3 : 4;
    }
}
