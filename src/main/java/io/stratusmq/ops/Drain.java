package io.stratusmq.ops;

import static java.lang.System.Logger.Level.INFO;

import io.quarkus.runtime.ShutdownEvent;
import io.stratusmq.protocol.AdmissionControl;
import io.stratusmq.protocol.ConnectionTracker;
import io.stratusmq.protocol.MqttConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drains the node on SIGTERM: readiness goes DOWN first and stays down for the readiness delay, then clients
 * are disconnected a few at a time (5.0: DISCONNECT 0x8B server shutting down), without publishing their
 * wills; their sessions stay in the cluster and resume on other pods. A CONNECT arriving meanwhile (the load
 * balancer has not caught up yet) is refused with 0x9C use another server (3.1.1: 0x03), so the client retries
 * and lands on a pod that stays.
 *
 * <p>Threading: runs on the shutdown thread, which it may block; each disconnect runs on its connection's
 * event loop.
 */
@ApplicationScoped
public class Drain {

    private static final System.Logger LOG = System.getLogger(Drain.class.getName());

    private final DrainSettings settings;
    private final ConnectionTracker connections;
    private final AdmissionControl admission;
    private volatile boolean draining;

    Drain(DrainSettings settings, ConnectionTracker connections, AdmissionControl admission) {
        this.settings = settings;
        this.connections = connections;
        this.admission = admission;
    }

    public boolean draining() {
        return draining;
    }

    /** Runs before the rest of the shutdown (the cluster leaves after it). */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        admission.stopAccepting();
        draining = true;
        int total = connections.count();
        LOG.log(INFO, "draining: readiness DOWN, {0} connections to move in {1} after {2}", total,
                settings.timeout(), settings.readinessDelay());
        if (total == 0) {
            return;
        }
        sleep(settings.readinessDelay().toNanos());
        List<MqttConnection> all = new ArrayList<>();
        connections.forEach(all::add);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, settings.disconnectRate());
        long next = System.nanoTime();
        for (MqttConnection c : all) {
            if (System.nanoTime() < deadline) {
                sleep(next - System.nanoTime());
                next += interval;
            }
            c.executor().execute(c::shutdown);
        }
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connections.count() > 0 && System.nanoTime() < wait) {
            sleep(TimeUnit.MILLISECONDS.toNanos(20));
        }
        LOG.log(INFO, "drained: {0} connections left", connections.count());
    }

    private static void sleep(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }
}
