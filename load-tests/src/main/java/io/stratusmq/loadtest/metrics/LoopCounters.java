package io.stratusmq.loadtest.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Message counters of one event loop. Written only by that loop (a plain increment published with a release
 * store: no CAS, no contention between loops), read by the controller thread for progress lines.
 */
public final class LoopCounters {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong released = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();

    public void sent() {
        increment(sent);
    }

    /** A QoS 1/2 message was acknowledged by the broker (PUBACK / PUBREC). */
    public void accepted() {
        increment(accepted);
    }

    /** A QoS 1/2 packet id was freed (PUBACK / PUBCOMP). */
    public void released() {
        increment(released);
    }

    /** A probe message was received (duplicates included). */
    public void delivered() {
        increment(delivered);
    }

    /** A message that was not from this run, or from a publisher the subscriber does not expect. */
    public void foreign() {
        increment(foreign);
    }

    public long sentCount() {
        return sent.get();
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public long releasedCount() {
        return released.get();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long foreignCount() {
        return foreign.get();
    }

    private static void increment(AtomicLong counter) {
        counter.lazySet(counter.get() + 1); // single writer: a release store is enough
    }
}
