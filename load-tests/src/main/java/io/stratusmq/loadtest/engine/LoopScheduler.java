package io.stratusmq.loadtest.engine;

import io.netty.channel.EventLoop;
import io.vertx.core.impl.ContextInternal;

import java.util.concurrent.TimeUnit;

/**
 * Schedules work on one event loop with nanosecond delays. Vert.x timers have millisecond granularity,
 * too coarse to pace a few thousand messages per second per connection; this goes to the underlying
 * Netty event loop (an internal Vert.x API) and re-enters the Vert.x context before running the task.
 */
public final class LoopScheduler {
    private final ContextInternal context;
    private final EventLoop eventLoop;

    LoopScheduler(ContextInternal context) {
        this.context = context;
        this.eventLoop = context.nettyEventLoop();
    }

    /** Runs {@code task} on the loop after {@code delayNanos} (at the earliest). */
    public void schedule(long delayNanos, Runnable task) {
        eventLoop.schedule(() -> context.emit(ignored -> task.run()), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on the loop after the tasks already queued: a way to yield. */
    public void yieldThen(Runnable task) {
        eventLoop.execute(() -> context.emit(ignored -> task.run()));
    }
}
