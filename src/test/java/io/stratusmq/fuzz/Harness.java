package io.stratusmq.fuzz;

import io.stratusmq.broker.Broker;
import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.InMemoryRetainedStore;
import io.stratusmq.protocol.AdmissionControl;
import io.stratusmq.protocol.ConnectionTracker;
import io.stratusmq.protocol.Limits;
import io.stratusmq.protocol.MqttConnection;
import io.stratusmq.protocol.ProtocolConfig;
import io.stratusmq.protocol.ProtocolContext;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.protocol.Transport;
import io.stratusmq.security.Authenticator;
import io.stratusmq.security.Authorizer;
import io.stratusmq.session.Scheduler;
import io.stratusmq.session.SessionDirectory;
import io.stratusmq.session.SessionLimits;
import io.stratusmq.session.SessionRegistry;
import io.stratusmq.session.SessionStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * The broker's protocol core in one thread, without a network: connections over fake transports, one "event
 * loop" (a task queue run to exhaustion) and a manual clock whose timers fire when it is advanced. Whatever a
 * connection throws out of {@link MqttConnection#received} would have been thrown on a real event loop.
 */
final class Harness {

    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now = 1_700_000_000_000L;
    private long timerSeq;
    final ProtocolContext ctx;
    private final Executor executor = loop::add;

    private record Timer(long due, long seq, Runnable task, boolean[] cancelled) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    Harness() {
        Scheduler scheduler = (delay, task) -> {
            boolean[] cancelled = new boolean[1];
            timers.add(new Timer(now + Math.max(1, delay), timerSeq++, task, cancelled));
            return () -> {
                boolean was = !cancelled[0];
                cancelled[0] = true;
                return was;
            };
        };
        SessionRegistry sessions = new SessionRegistry(new SessionLimits(20, false, false), scheduler, () -> now);
        Broker broker = new Broker(sessions, new InMemoryRetainedStore(() -> now), SessionStore.MEMORY,
                new BrokerStats());
        ProtocolConfig config = new ProtocolConfig(4096, 4, 600, 0, true, 3, 4, 64, 64, 16, 3600,
                Duration.ofSeconds(5), 2, true, true);
        Limits limits = new Limits(0, 0, 0, 0, 8, 50, 10, Limits.PublishRateAction.PAUSE, 64 * 1024, 16 * 1024,
                Duration.ofSeconds(3));
        ctx = new ProtocolContext(config, broker, Authenticator.ALLOW_ALL, Authorizer.ALLOW_ALL, scheduler,
                () -> now, SessionDirectory.LOCAL, new ConnectionTracker(), new AdmissionControl(limits, () -> now),
                new ProtocolStats());
    }

    /** A new connection over a fake transport. */
    FakeTransport open() {
        FakeTransport t = new FakeTransport();
        t.connection = new MqttConnection(t, ctx);
        return t;
    }

    /** Runs queued loop tasks until none is left (bounded: a task storm is a bug too). */
    void runLoop() {
        int n = 0;
        Runnable r;
        while ((r = loop.poll()) != null) {
            r.run();
            if (++n > 1_000_000) {
                throw new AssertionError("event loop tasks never end");
            }
        }
    }

    /** Moves the clock on and runs the timers that fall due, and what they queue. */
    void advance(long millis) {
        long until = now + millis;
        Timer t;
        while ((t = timers.peek()) != null && t.due <= until) {
            timers.poll();
            now = Math.max(now, t.due);
            if (!t.cancelled[0]) {
                t.task.run();
            }
            runLoop();
        }
        now = until;
    }

    int connections() {
        return ctx.connections().count();
    }

    /** A transport that keeps what is written and closes like a socket: the close is reported on the loop. */
    final class FakeTransport implements Transport {
        MqttConnection connection;
        long written;
        boolean closed;
        boolean paused;

        @Override
        public void send(byte[] bytes) {
            if (closed) {
                throw new AssertionError("write after close");
            }
            written += bytes.length;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                loop.add(connection::closed);
            }
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public String remoteAddress() {
            return "192.0.2.1";
        }

        @Override
        public String kind() {
            return "tcp";
        }

        /** Bytes from the peer, then whatever that queued on the loop. */
        void receive(byte[] bytes) {
            if (!closed) {
                connection.received(bytes);
            }
            runLoop();
        }
    }
}
