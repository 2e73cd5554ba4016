package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.metrics.HostCpu;
import io.stratusmq.loadtest.metrics.LoopMetrics;
import io.stratusmq.loadtest.metrics.ProcessGroup;
import io.stratusmq.loadtest.metrics.ProcessSample;
import io.stratusmq.loadtest.metrics.RunCounters;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Prints one progress line per second: rates over the last second, in-flight count, latency percentiles of
 * the deliveries in that second, and CPU of broker and generator.
 */
final class ProgressMonitor {
    private final PrintStream out;
    private final RunCounters counters;
    private final List<EventLoopPool.Loop> loops;
    private final ProcessGroup broker;
    private final ProcessGroup redis;
    private final boolean acknowledged;
    private final ProcessGroup self = ProcessGroup.self();
    private final Histogram interval = new Histogram(3);
    private final Histogram[] recycled;
    private long lastNanos;
    private long lastSent;
    private long lastDelivered;
    private long lastAccepted;
    private ProcessSample lastBroker;
    private ProcessSample lastRedis;
    private ProcessSample lastSelf;
    private OptionalLong lastHost;

    /**
     * @param broker       null when the broker process is not observed (several processes: summed)
     * @param redis        null when Redis is not observed; otherwise its CPU gets a column of its own
     * @param acknowledged QoS 1/2: show the in-flight count
     */
    ProgressMonitor(PrintStream out, RunCounters counters, List<EventLoopPool.Loop> loops, ProcessGroup broker,
                    ProcessGroup redis, boolean acknowledged) {
        this.out = out;
        this.counters = counters;
        this.loops = loops;
        this.broker = broker;
        this.redis = redis;
        this.acknowledged = acknowledged;
        this.recycled = new Histogram[loops.size()];
    }

    /** Sets the baseline for the first line. */
    void begin() {
        lastNanos = System.nanoTime();
        lastBroker = sample(broker);
        lastRedis = sample(redis);
        lastSelf = sample(self);
        lastHost = HostCpu.busyNanos();
        drainIntervals();
    }

    void printLine(int second, String phase) {
        long now = System.nanoTime();
        double elapsed = (now - lastNanos) / 1e9;
        long sent = counters.sent();
        long delivered = counters.delivered();
        long accepted = counters.accepted();
        long inflight = acknowledged ? sent - counters.released() : 0;
        drainIntervals();
        ProcessSample brokerNow = sample(broker);
        ProcessSample redisNow = sample(redis);
        ProcessSample selfNow = sample(self);
        OptionalLong hostNow = HostCpu.busyNanos();
        out.println(String.format(Locale.ROOT,
                "[%3ds] %-7s sent %,9.0f/s  acked %,9.0f/s  recv %,9.0f/s  inflight %,6d | latency ms p50 %7.2f  p99 %7.2f"
                        + "  max %8.2f | cpu broker %s%s  gen %s  other %s",
                second, phase, (sent - lastSent) / elapsed, (accepted - lastAccepted) / elapsed,
                (delivered - lastDelivered) / elapsed, Math.max(0, inflight),
                millis(interval.getValueAtPercentile(50)), millis(interval.getValueAtPercentile(99)),
                millis(interval.getMaxValue()), cores(lastBroker, brokerNow, elapsed),
                redis == null ? "" : "  redis " + cores(lastRedis, redisNow, elapsed), cores(lastSelf, selfNow, elapsed),
                other(hostNow, brokerNow, redisNow, selfNow, elapsed)));
        lastNanos = now;
        lastSent = sent;
        lastDelivered = delivered;
        lastAccepted = accepted;
        lastBroker = brokerNow;
        lastRedis = redisNow;
        lastSelf = selfNow;
        lastHost = hostNow;
    }

    private void drainIntervals() {
        interval.reset();
        for (int i = 0; i < loops.size(); i++) {
            LoopMetrics metrics = loops.get(i).metrics();
            recycled[i] = metrics.takeInterval(recycled[i]);
            interval.add(recycled[i]);
        }
    }

    private static ProcessSample sample(ProcessGroup group) {
        return group == null ? null : group.sample().orElse(null);
    }

    /** Cores used by processes other than broker, Redis and generator over the last interval. */
    private String other(OptionalLong hostNow, ProcessSample brokerNow, ProcessSample redisNow, ProcessSample selfNow,
                         double seconds) {
        if (lastHost.isEmpty() || hostNow.isEmpty()) {
            return "  n/a";
        }
        double busy = hostNow.getAsLong() - lastHost.getAsLong();
        if (lastBroker != null && brokerNow != null) {
            busy -= brokerNow.cpuNanos() - lastBroker.cpuNanos();
        }
        if (lastRedis != null && redisNow != null) {
            busy -= redisNow.cpuNanos() - lastRedis.cpuNanos();
        }
        if (lastSelf != null && selfNow != null) {
            busy -= selfNow.cpuNanos() - lastSelf.cpuNanos();
        }
        return String.format(Locale.ROOT, "%5.2f", Math.max(0, busy) / 1e9 / seconds);
    }

    private static String cores(ProcessSample before, ProcessSample after, double seconds) {
        if (before == null || after == null) {
            return "  n/a";
        }
        return String.format(Locale.ROOT, "%5.2f", (after.cpuNanos() - before.cpuNanos()) / 1e9 / seconds);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
