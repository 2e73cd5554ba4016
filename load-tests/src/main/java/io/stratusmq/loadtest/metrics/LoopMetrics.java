package io.stratusmq.loadtest.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Latency and delivery counters for all connections on one event loop. Recording happens on that loop
 * only, so no locking is needed; the progress reporter reads the live recorder from another thread
 * (which {@link SingleWriterRecorder} allows), and the window histograms are read after the run, once
 * every connection is closed.
 */
public final class LoopMetrics {
    private final SingleWriterRecorder live =
            new SingleWriterRecorder(Histograms.LOWEST_US, Histograms.HIGHEST_US, Histograms.DIGITS);
    private final Histogram latency = Histograms.newMicros();
    private final Histogram serviceLatency = Histograms.newMicros();
    private final Histogram pingRoundTrip = Histograms.newMicros();
    private long windowDeliveries;

    /**
     * Records one delivery.
     *
     * @param receivedNanos when it arrived
     * @param intendedNanos when the schedule wanted it sent (latency is measured from here)
     * @param sentNanos     when it was actually written (service latency is measured from here)
     */
    public void recordDelivery(long receivedNanos, long intendedNanos, long sentNanos, MeasurementWindow window) {
        long micros = Histograms.toMicros(receivedNanos - intendedNanos);
        live.recordValue(micros);
        if (window.contains(intendedNanos)) {
            latency.recordValue(micros);
            serviceLatency.recordValue(Histograms.toMicros(receivedNanos - sentNanos));
        }
        if (window.contains(receivedNanos)) {
            windowDeliveries++;
        }
    }

    public void recordPingRoundTrip(long nanos) {
        pingRoundTrip.recordValue(Histograms.toMicros(nanos));
    }

    /** Latency since the previous call (any thread). {@code recycle} may be null or the previous result. */
    public Histogram takeInterval(Histogram recycle) {
        return live.getIntervalHistogram(recycle);
    }

    /** Latency from intended send time, messages sent inside the window. Read after the run only. */
    public Histogram latency() {
        return latency;
    }

    /** Latency from actual send time, messages sent inside the window. Read after the run only. */
    public Histogram serviceLatency() {
        return serviceLatency;
    }

    public Histogram pingRoundTrip() {
        return pingRoundTrip;
    }

    /** Deliveries received inside the window. Read after the run only. */
    public long windowDeliveries() {
        return windowDeliveries;
    }
}
