package io.stratusmq.loadtest.metrics;

/**
 * The measured interval, in System.nanoTime() units: [start, end). Everything before is warm-up.
 * Messages count towards latency when their intended send time falls inside; towards throughput
 * when they are received inside.
 */
public record MeasurementWindow(long startNanos, long endNanos) {

    public MeasurementWindow {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("window ends before it starts");
        }
    }

    public boolean contains(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
