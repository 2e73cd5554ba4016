package io.stratusmq.loadtest.report;

import io.stratusmq.loadtest.engine.RunSettings;
import io.stratusmq.loadtest.metrics.DeliveryReport;
import io.stratusmq.loadtest.metrics.LatencySummary;

/**
 * The outcome of one run: what was asked, what was measured in the window, and what delivery
 * verification found over the whole run (warm-up included).
 *
 * @param connections     network connections opened (a client that publishes and subscribes counts once)
 * @param windowSent      messages whose intended send time fell inside the window
 * @param windowDelivered deliveries received inside the window (duplicates included)
 * @param latency         receive time minus intended send time, messages sent inside the window
 * @param serviceLatency  receive time minus actual send time, same messages
 * @param connect         time to open each connection (transport, CONNECT/CONNACK, SUBSCRIBE/SUBACK)
 * @param broker          null when no broker PID was given or it could not be read (several PIDs: summed)
 * @param redis           Redis of a cluster; null when no Redis PID was given or it could not be read
 * @param redisCommands   commands the brokers sent to Redis inside the window, summed; null if unknown
 * @param hostBusyNanos   CPU time the whole machine was busy inside the window (all processes), -1 if unknown
 * @param firstError      first unexpected-disconnect reason, or null
 */
public record RunResult(RunSettings settings, String runId, String transport, int publishers, int subscribers,
                        int connections, double windowSeconds, long windowSent, long windowDelivered,
                        DeliveryReport delivery, LatencySummary latency, LatencySummary serviceLatency,
                        LatencySummary connect, long connectTotalMillis, LatencySummary pingRoundTrip,
                        ProcessUsage broker, ProcessUsage redis, Long redisCommands, ProcessUsage generator,
                        long hostBusyNanos, long foreign, long unexpectedDisconnects, String firstError) {

    /** Average cores busy on the whole machine inside the window, or NaN if unknown. */
    public double hostCores() {
        return hostBusyNanos < 0 || windowSeconds <= 0 ? Double.NaN : hostBusyNanos / 1e9 / windowSeconds;
    }

    /**
     * Average cores used by everything except the broker, its Redis (when observed) and the generator inside the
     * window: other tenants of the machine. Anything well above zero means the run was disturbed. NaN if unknown.
     */
    public double otherCores() {
        double other = hostCores();
        if (generator != null) {
            other -= generator.cores(windowSeconds);
        }
        if (broker != null) {
            other -= broker.cores(windowSeconds);
        }
        if (redis != null) {
            other -= redis.cores(windowSeconds);
        }
        return Math.max(0, other);
    }

    public double sentPerSecond() {
        return windowSeconds <= 0 ? 0 : windowSent / windowSeconds;
    }

    /** Redis commands per delivery received in the window, or NaN if unknown or nothing was delivered. */
    public double redisCommandsPerMessage() {
        return redisCommands == null || windowDelivered <= 0 ? Double.NaN : (double) redisCommands / windowDelivered;
    }

    public double deliveredPerSecond() {
        return windowSeconds <= 0 ? 0 : windowDelivered / windowSeconds;
    }

    /**
     * True when delivery verification found nothing wrong: no loss, no out-of-order delivery, no duplicates
     * where the QoS forbids them (0 and 2), no unexpected disconnect. QoS 1 duplicates are allowed.
     */
    public boolean clean() {
        boolean duplicatesAllowed = settings.qos() == 1;
        return delivery.lost() == 0 && delivery.outOfOrder() == 0
                && (duplicatesAllowed || delivery.duplicated() == 0)
                && unexpectedDisconnects == 0;
    }
}
