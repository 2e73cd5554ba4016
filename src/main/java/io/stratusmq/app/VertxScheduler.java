package io.stratusmq.app;

import io.stratusmq.session.Scheduler;
import io.vertx.core.Vertx;

/**
 * Timers on Vert.x: a task scheduled from an event loop runs on that event loop, so a connection's timers
 * stay on its own thread.
 */
final class VertxScheduler implements Scheduler {

    private final Vertx vertx;

    VertxScheduler(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delayMillis), t -> task.run());
        return () -> vertx.cancelTimer(id);
    }
}
