package io.stratusmq.loadtest.metrics;

import org.HdrHistogram.Histogram;

/** How long connection set-up (transport + CONNECT/CONNACK + SUBSCRIBE/SUBACK) took. Thread-safe. */
public final class ConnectTimes {
    private final Histogram micros = Histograms.newMicros();

    public synchronized void record(long nanos) {
        micros.recordValue(Histograms.toMicros(nanos));
    }

    public synchronized LatencySummary summary() {
        return LatencySummary.of(micros);
    }
}
