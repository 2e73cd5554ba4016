package io.stratusmq.loadtest.engine;

/**
 * When each message of one publisher is due. Paced schedules fix the intended send time of message k at
 * {@code first + k * interval} regardless of when earlier messages actually went out, so a stalled
 * publisher accumulates due messages and their latency includes the stall (no coordinated omission).
 * Unpaced schedules have no intended times: a message is due as soon as the publisher may send it.
 */
public final class SendSchedule {
    private final long firstNanos;
    private final double intervalNanos;
    private long index;

    private SendSchedule(long firstNanos, double intervalNanos) {
        this.firstNanos = firstNanos;
        this.intervalNanos = intervalNanos;
    }

    /** {@code ratePerSecond} messages per second, the first at {@code firstNanos}. */
    public static SendSchedule paced(long firstNanos, double ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        return new SendSchedule(firstNanos, 1e9 / ratePerSecond);
    }

    /** Send as fast as allowed, starting at {@code firstNanos}. */
    public static SendSchedule unpaced(long firstNanos) {
        return new SendSchedule(firstNanos, 0);
    }

    public boolean isPaced() {
        return intervalNanos > 0;
    }

    /** Intended send time of the next message; for unpaced schedules the start time. */
    public long nextNanos() {
        return firstNanos + (long) (index * intervalNanos);
    }

    public void advance() {
        index++;
    }
}
