package io.stratusmq.session;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A pending durable write (a message queued for a persistent session in the cluster store). The session's
 * owner does not send the message before the write is done, and the publisher is not acknowledged before it.
 * Thread-safe: completed by the store's thread, watched from event loops.
 */
public final class StoreTicket {

    private static final Runnable DONE = () -> {
    };

    private final AtomicReference<Runnable> waiter = new AtomicReference<>();
    private volatile boolean failed;

    /** Already written, e.g. for stores that write synchronously. */
    public static StoreTicket completed() {
        StoreTicket t = new StoreTicket();
        t.waiter.set(DONE);
        return t;
    }

    public boolean isDone() {
        return waiter.get() == DONE;
    }

    /** The write did not happen (store unreachable); meaningful once {@link #isDone}. */
    public boolean failed() {
        return failed;
    }

    /** Marks the write done and runs the waiter, if any, on this thread. */
    public void complete(boolean success) {
        failed = !success;
        Runnable w = waiter.getAndSet(DONE);
        if (w != null && w != DONE) {
            w.run();
        }
    }

    /**
     * Runs {@code action} once the write is done: now, on this thread, if it already is; otherwise on the thread
     * that completes it. Several waiters run in the order they were added.
     */
    public void whenDone(Runnable action) {
        while (true) {
            Runnable current = waiter.get();
            if (current == DONE) {
                action.run();
                return;
            }
            Runnable next = current == null ? action : () -> {
                current.run();
                action.run();
            };
            if (waiter.compareAndSet(current, next)) {
                return;
            }
        }
    }
}
