package io.stratusmq.loadtest.metrics;

import java.util.BitSet;

/**
 * What one subscriber received from one publisher: which sequence numbers, how many twice, how many
 * out of order. Single-threaded (the subscriber's event loop).
 *
 * <p>A message is <em>out of order</em> when it arrives for the first time after a message with a
 * higher sequence number from the same publisher. Duplicates are not counted as out of order.
 */
public final class ReceiveLog {
    private final BitSet seen = new BitSet();
    private long distinct;
    private long duplicates;
    private long outOfOrder;
    private long highest = -1;

    /** Records one delivery. Sequence numbers must be in [0, Integer.MAX_VALUE]. */
    public void record(long sequence) {
        if (sequence < 0 || sequence > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        int index = (int) sequence;
        if (seen.get(index)) {
            duplicates++;
            return;
        }
        seen.set(index);
        distinct++;
        if (sequence < highest) {
            outOfOrder++;
        } else {
            highest = sequence;
        }
    }

    /** Sequence numbers received at least once. Do not modify. */
    public BitSet seen() {
        return seen;
    }

    public long distinct() {
        return distinct;
    }

    public long duplicates() {
        return duplicates;
    }

    public long outOfOrder() {
        return outOfOrder;
    }
}
