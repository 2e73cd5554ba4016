package io.stratusmq.session;

/** Runs a task later. Implementations say on which thread; tasks must not block. */
public interface Scheduler {

    /** Runs {@code task} after {@code delayMillis}; the returned handle cancels it. */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        /** Calls the task off; true when it had not run yet. */
        boolean cancel();
    }
}
