package io.stratusmq.loadtest.metrics;

import java.util.BitSet;

/**
 * What one publisher sent and what the broker acknowledged. Single-threaded (the publisher's event loop);
 * read by the verifier only after the connection is closed.
 */
public final class PublisherLedger {
    private final int publisherId;
    private final BitSet accepted = new BitSet();
    private long sent;
    private long sentInWindow;
    private long acceptedCount;
    private long rejected;
    private long unknownAcks;

    public PublisherLedger(int publisherId) {
        this.publisherId = publisherId;
    }

    public void recordSent(boolean inWindow) {
        sent++;
        if (inWindow) {
            sentInWindow++;
        }
    }

    /** The broker took responsibility for message {@code sequence} (PUBACK/PUBREC below 0x80). */
    public void recordAccepted(long sequence) {
        if (!accepted.get((int) sequence)) {
            accepted.set((int) sequence);
            acceptedCount++;
        }
    }

    /** The broker refused message {@code sequence} (reason code 0x80 or above). */
    public void recordRejected() {
        rejected++;
    }

    /** An acknowledgement arrived for a packet id that was not in flight. */
    public void recordUnknownAck() {
        unknownAcks++;
    }

    public int publisherId() {
        return publisherId;
    }

    /** Messages sent; their sequence numbers are 0 .. sent-1. */
    public long sent() {
        return sent;
    }

    public long sentInWindow() {
        return sentInWindow;
    }

    /** Sequence numbers the broker acknowledged. Do not modify. */
    public BitSet accepted() {
        return accepted;
    }

    public long acceptedCount() {
        return acceptedCount;
    }

    public long rejected() {
        return rejected;
    }

    public long unknownAcks() {
        return unknownAcks;
    }
}
