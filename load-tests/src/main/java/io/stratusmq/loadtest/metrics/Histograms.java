package io.stratusmq.loadtest.metrics;

import org.HdrHistogram.Histogram;

/** Shared HdrHistogram settings: microseconds, 1 µs to 5 minutes, 3 significant digits. */
public final class Histograms {
    public static final long LOWEST_US = 1;
    public static final long HIGHEST_US = 300_000_000L;
    public static final int DIGITS = 3;

    private Histograms() {
    }

    public static Histogram newMicros() {
        return new Histogram(LOWEST_US, HIGHEST_US, DIGITS);
    }

    /** Nanoseconds to whole microseconds, clamped into the trackable range. */
    public static long toMicros(long nanos) {
        long micros = nanos / 1_000;
        if (micros < LOWEST_US) {
            return LOWEST_US;
        }
        return Math.min(micros, HIGHEST_US);
    }
}
