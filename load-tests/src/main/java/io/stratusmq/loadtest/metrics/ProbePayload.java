package io.stratusmq.loadtest.metrics;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * The header every generated message payload starts with; the rest of the payload is zero padding.
 *
 * <pre>
 * offset  size  field
 *      0     4  run token   (random per run; messages from other runs are ignored as "foreign")
 *      4     4  publisher id
 *      8     8  sequence number (per publisher, from 0)
 *     16     8  intended send time, System.nanoTime() (the pacing schedule, for coordinated-omission-free latency)
 *     24     8  actual send time, System.nanoTime()
 * </pre>
 *
 * Big-endian. nanoTime is comparable because generator publishers and subscribers run in one JVM.
 */
public final class ProbePayload {
    /** Bytes of header; the smallest payload size the generator accepts. */
    public static final int SIZE = 32;

    private static final int TOKEN = 0;
    private static final int PUBLISHER = 4;
    private static final int SEQUENCE = 8;
    private static final int INTENDED = 16;
    private static final int SENT = 24;

    private ProbePayload() {
    }

    public static void write(Buffer packet, int offset, int runToken, int publisherId, long sequence,
                             long intendedNanos, long sentNanos) {
        packet.setInt(offset + TOKEN, runToken);
        packet.setInt(offset + PUBLISHER, publisherId);
        packet.setLong(offset + SEQUENCE, sequence);
        packet.setLong(offset + INTENDED, intendedNanos);
        packet.setLong(offset + SENT, sentNanos);
    }

    /** True if the payload at {@code offset} is long enough and carries {@code runToken}. */
    public static boolean isProbe(ByteBuf buf, int offset, int length, int runToken) {
        return length >= SIZE && buf.getInt(offset + TOKEN) == runToken;
    }

    public static int publisherId(ByteBuf buf, int offset) {
        return buf.getInt(offset + PUBLISHER);
    }

    public static long sequence(ByteBuf buf, int offset) {
        return buf.getLong(offset + SEQUENCE);
    }

    public static long intendedNanos(ByteBuf buf, int offset) {
        return buf.getLong(offset + INTENDED);
    }

    public static long sentNanos(ByteBuf buf, int offset) {
        return buf.getLong(offset + SENT);
    }
}
