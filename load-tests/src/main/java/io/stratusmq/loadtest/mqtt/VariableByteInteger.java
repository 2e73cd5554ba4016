package io.stratusmq.loadtest.mqtt;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/** MQTT Variable Byte Integer: 1 to 4 bytes, 7 bits each, low-order group first. */
public final class VariableByteInteger {
    /** Largest encodable value (268,435,455). */
    public static final int MAX = 268_435_455;

    /** Returned by {@link #read} when the buffer ends before the integer does. */
    public static final long INCOMPLETE = -1;

    private VariableByteInteger() {
    }

    /** Number of bytes {@code value} takes on the wire. */
    public static int size(int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("variable byte integer out of range: " + value);
        }
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        if (value < 2_097_152) {
            return 3;
        }
        return 4;
    }

    public static void append(Buffer out, int value) {
        size(value);
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.appendByte((byte) (value > 0 ? digit | 0x80 : digit));
        } while (value > 0);
    }

    /**
     * Reads a variable byte integer at absolute index {@code index}, not moving the reader index.
     *
     * @return {@code value | (length << 32)}, or {@link #INCOMPLETE} when fewer bytes are available than it needs
     * @throws MalformedPacketException when it is longer than four bytes
     */
    public static long read(ByteBuf buf, int index, int end) {
        int value = 0;
        int shift = 0;
        for (int i = 0; i < 4; i++) {
            if (index + i >= end) {
                return INCOMPLETE;
            }
            int b = buf.getUnsignedByte(index + i);
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return ((long) (i + 1) << 32) | value;
            }
            shift += 7;
        }
        throw new MalformedPacketException("variable byte integer longer than 4 bytes");
    }

    /** The value part of a {@link #read} result. */
    public static int value(long packed) {
        return (int) packed;
    }

    /** The encoded length part of a {@link #read} result. */
    public static int length(long packed) {
        return (int) (packed >>> 32);
    }
}
