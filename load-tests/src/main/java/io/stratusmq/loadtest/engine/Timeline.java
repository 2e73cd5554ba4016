package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.metrics.MeasurementWindow;
import io.stratusmq.loadtest.metrics.RunCounters;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The controller's side of a run, on the calling thread: follows it second by second (progress lines, CPU/RSS
 * samples at the window edges), then waits for messages still in transit.
 */
final class Timeline {
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final RunSettings settings;
    private final RunCounters counters;
    private final PrintStream log;

    Timeline(RunSettings settings, RunCounters counters, PrintStream log) {
        this.settings = settings;
        this.counters = counters;
        this.log = log;
    }

    /** Returns when the window closes. {@code progress} may be null. */
    void follow(long startNanos, WindowSampler sampler, ProgressMonitor progress) {
        int warmup = settings.warmupSeconds();
        int total = warmup + settings.durationSeconds();
        sleepUntil(startNanos);
        if (progress != null) {
            progress.begin();
        }
        if (warmup == 0) {
            sampler.markStart();
        }
        for (int second = 1; second <= total; second++) {
            sleepUntil(startNanos + TimeUnit.SECONDS.toNanos(second));
            if (second == warmup) {
                sampler.markStart();
            } else if (second == total) {
                sampler.markEnd();
            }
            if (progress != null) {
                progress.printLine(second, second <= warmup ? "warmup" : "measure");
            }
        }
    }

    /**
     * After publishing stopped: waits until every owed delivery arrived and nothing is in flight, or nothing
     * changed for a second, or the drain timeout passed.
     *
     * @param deliveriesPerMessage deliveries owed per published message (fan-out: number of subscribers)
     */
    void drain(MeasurementWindow window, double deliveriesPerMessage) {
        long deadline = window.endNanos() + TimeUnit.SECONDS.toNanos(settings.drainTimeoutSeconds());
        boolean qos0 = settings.qos() == 0;
        long lastDelivered = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long delivered = counters.delivered();
            long owed = (long) (deliveriesPerMessage * (qos0 ? counters.sent() : counters.accepted()));
            boolean acksDone = qos0 || counters.sent() <= counters.released();
            if (delivered >= owed && acksDone) {
                return;
            }
            if (delivered != lastDelivered) {
                lastDelivered = delivered;
                lastChange = System.nanoTime();
            } else if (acksDone && System.nanoTime() - lastChange > QUIET_NANOS) {
                return;
            }
            sleepUntil(System.nanoTime() + POLL_NANOS);
        }
        log.printf("drain timeout after %d s: deliveries or acknowledgements still outstanding%n",
                settings.drainTimeoutSeconds());
    }

    static void sleepUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
