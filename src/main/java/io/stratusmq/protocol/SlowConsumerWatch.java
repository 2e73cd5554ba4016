package io.stratusmq.protocol;

import static java.lang.System.Logger.Level.INFO;

import io.stratusmq.session.Scheduler;

/**
 * Keeps a client that reads slower than it is sent to from growing the node's memory. Past
 * {@link Limits#slowConsumerBytes} handed to the transport and not yet written, no more messages are written
 * to it: they wait in its session queue, which is capped (QoS 0 dropped first and counted, publishers of QoS 1/2
 * held back). Sending resumes when the backlog is half written. If it stays above the mark for
 * {@link Limits#slowConsumerTimeout}, the connection is closed without a DISCONNECT, which could not get through
 * either (as EMQX's send_timeout does).
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class SlowConsumerWatch {

    private static final System.Logger LOG = System.getLogger(SlowConsumerWatch.class.getName());

    private final MqttConnection c;
    private final long limit;
    private final long timeoutMillis;
    private boolean waiting;
    private Scheduler.Cancellable timer;

    SlowConsumerWatch(MqttConnection c) {
        this.c = c;
        this.limit = c.ctx.limits().slowConsumerBytes();
        this.timeoutMillis = c.ctx.limits().slowConsumerTimeout().toMillis();
    }

    /** True when nothing more should be written now: the transport's backlog plus {@code unflushed} bytes. */
    boolean backlogged(int unflushed) {
        return limit > 0 && c.transport.pendingBytes() + unflushed > limit;
    }

    /** Sending stopped for the backlog: resume when half of it is written, close if that takes too long. */
    void stalled() {
        if (limit <= 0 || waiting) {
            return;
        }
        waiting = true;
        c.transport.whenPendingAtMost(limit / 2, this::writable);
        if (timer == null && timeoutMillis > 0) {
            timer = c.ctx.scheduler().schedule(timeoutMillis, this::timedOut);
        }
    }

    /** After each write: a backlog above the mark starts the clock even when nothing is held back yet. */
    void written() {
        if (limit > 0 && !waiting && c.transport.pendingBytes() > limit) {
            stalled();
        }
    }

    private void writable() {
        waiting = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        c.drain(); // whatever waited in the queue meanwhile
    }

    private void timedOut() {
        timer = null;
        if (c.transport.pendingBytes() > limit) {
            LOG.log(INFO, "{0}: {1} bytes unsent for {2} ms, closing as a slow consumer", c,
                    c.transport.pendingBytes(), timeoutMillis);
            c.abort(ProtocolStats.Closed.SLOW_CONSUMER);
        }
    }

    void stop() {
        waiting = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
