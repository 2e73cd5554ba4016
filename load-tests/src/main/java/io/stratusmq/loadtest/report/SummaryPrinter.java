package io.stratusmq.loadtest.report;

import io.stratusmq.loadtest.metrics.DeliveryReport;
import io.stratusmq.loadtest.metrics.LatencySummary;
import io.stratusmq.loadtest.metrics.PublisherDelivery;

import java.io.PrintStream;
import java.util.Locale;

/** The human-readable end-of-run summary (stderr), including per-publisher rows for any anomaly. */
public final class SummaryPrinter {
    private static final int MAX_ANOMALY_ROWS = 20;

    private final PrintStream out;

    public SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(RunResult r) {
        DeliveryReport d = r.delivery();
        line("--- %s over %s, MQTT %s, QoS %d, %d publishers -> %d subscribers, %d-byte payloads ---",
                r.settings().scenario(), r.transport(), r.settings().version().label(), r.settings().qos(),
                r.publishers(), r.subscribers(), r.settings().payloadSize());
        line("window     %.1f s: sent %,.0f msg/s, delivered %,.0f msg/s", r.windowSeconds(), r.sentPerSecond(),
                r.deliveredPerSecond());
        latency("latency   ", r.latency());
        latency("service   ", r.serviceLatency());
        line("delivery   sent %,d  acked %,d  expected %,d  delivered %,d  lost %,d  duplicated %,d  out-of-order %,d"
                        + "  unacked %,d  rejected %,d  foreign %,d",
                d.sent(), d.accepted(), d.expected(), d.delivered(), d.lost(), d.duplicated(), d.outOfOrder(),
                d.unacked(), d.rejected(), r.foreign());
        int shown = 0;
        for (PublisherDelivery p : d.perPublisher()) {
            if (!p.clean() && shown++ < MAX_ANOMALY_ROWS) {
                line("  publisher %d: sent %,d acked %,d expected %,d delivered %,d lost %,d dup %,d ooo %,d",
                        p.publisherId(), p.sent(), p.accepted(), p.expected(), p.delivered(), p.lost(),
                        p.duplicated(), p.outOfOrder());
            }
        }
        if (shown > MAX_ANOMALY_ROWS) {
            line("  ... %d more publishers with anomalies", shown - MAX_ANOMALY_ROWS);
        }
        line("connect    %d connections in %,d ms (p50 %,d us, p99 %,d us)", r.connections(),
                r.connectTotalMillis(), r.connect().p50(), r.connect().p99());
        if (r.broker() != null) {
            ProcessUsage b = r.broker();
            line("broker     pid %s: %.2f cores, %.2f us CPU/msg, RSS %,d -> %,d KiB", b.pid(),
                    b.cores(r.windowSeconds()), b.cpuMicrosPer(r.windowDelivered()), b.before().rssKb(),
                    b.after().rssKb());
        }
        if (r.redis() != null) {
            ProcessUsage redis = r.redis();
            line("redis      pid %s: %.2f cores, %.2f us CPU/msg", redis.pid(), redis.cores(r.windowSeconds()),
                    redis.cpuMicrosPer(r.windowDelivered()));
        }
        if (r.redisCommands() != null) {
            line("redis      %,d commands from the brokers in the window, %.2f per delivered msg", r.redisCommands(),
                    r.redisCommandsPerMessage());
        }
        if (r.generator() != null) {
            line("generator  %.2f cores, %.2f us CPU/msg (shares the machine with the broker)",
                    r.generator().cores(r.windowSeconds()), r.generator().cpuMicrosPer(r.windowDelivered()));
        }
        line("machine    %.2f of %d cores busy; %.2f used by other processes%s", r.hostCores(),
                Runtime.getRuntime().availableProcessors(), r.otherCores(),
                r.otherCores() > 0.25 ? " (noisy: numbers disturbed)" : "");
        if (r.unexpectedDisconnects() > 0) {
            line("ERROR      %d unexpected disconnects; first: %s", r.unexpectedDisconnects(), r.firstError());
        }
        line("verdict    %s", r.clean() ? "delivery verified clean" : "DELIVERY ANOMALIES (see above)");
    }

    private void latency(String label, LatencySummary l) {
        line("%s p50 %,d us  p99 %,d us  p99.9 %,d us  max %,d us  (%,d samples)", label, l.p50(), l.p99(), l.p999(),
                l.max(), l.count());
    }

    private void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }
}
