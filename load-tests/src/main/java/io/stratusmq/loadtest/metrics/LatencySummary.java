package io.stratusmq.loadtest.metrics;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram, in microseconds. All zero when nothing was recorded. */
public record LatencySummary(long count, long p50, long p99, long p999, long max, double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                histogram.getMean());
    }
}
