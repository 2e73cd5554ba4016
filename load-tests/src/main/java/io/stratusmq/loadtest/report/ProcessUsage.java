package io.stratusmq.loadtest.report;

import io.stratusmq.loadtest.metrics.ProcessSample;

/**
 * CPU and memory of one process over the measurement window.
 *
 * @param initial sample taken before any connection was opened (may be null)
 * @param before  sample at the start of the window
 * @param after   sample at the end of the window
 */
public record ProcessUsage(String pid, ProcessSample initial, ProcessSample before, ProcessSample after) {

    /** CPU time used inside the window, in microseconds. */
    public long cpuMicros() {
        return (after.cpuNanos() - before.cpuNanos()) / 1_000;
    }

    /** Average number of cores busy inside a window of {@code seconds}. */
    public double cores(double seconds) {
        return seconds <= 0 ? 0 : cpuMicros() / 1e6 / seconds;
    }

    /** CPU microseconds per message, or NaN when there were no messages. */
    public double cpuMicrosPer(long messages) {
        return messages <= 0 ? Double.NaN : (double) cpuMicros() / messages;
    }
}
