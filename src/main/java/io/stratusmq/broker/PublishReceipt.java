package io.stratusmq.broker;

import io.stratusmq.session.StoreTicket;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks the durable writes one QoS 1/2 publish needs before the publisher may be acknowledged: queue entries of
 * persistent sessions, the inboxes of other nodes, shared-group streams, the retained store. "Nothing
 * acknowledged is lost": the PUBACK (or PUBREC) waits for all of them; if any fails, the publish is refused.
 * A SUBSCRIBE uses one the same way: its SUBACK waits for the subscriptions to be stored.
 *
 * <p>Thread-safe. Writes complete on store threads; the outcome runs on the publisher's executor.
 */
public final class PublishReceipt {

    /** What the publisher's connection does once the outcome is known. */
    public interface Outcome {
        void durable();

        void failed();
    }

    private final AtomicInteger pending = new AtomicInteger(1); // the publish itself, released by seal()
    private final Executor executor;
    private final Outcome outcome;
    private volatile boolean failed;
    private int writes;

    public PublishReceipt(Executor executor, Outcome outcome) {
        this.executor = executor;
        this.outcome = outcome;
    }

    /** Waits for a durable write too. Call before {@link #seal}. */
    public void await(StoreTicket ticket) {
        writes++;
        pending.incrementAndGet();
        ticket.whenDone(() -> done(!ticket.failed()));
    }

    /** A write this receipt waits for finished. */
    public void done(boolean success) {
        if (!success) {
            failed = true;
        }
        if (pending.decrementAndGet() == 0) {
            executor.execute(() -> {
                if (failed) {
                    outcome.failed();
                } else {
                    outcome.durable();
                }
            });
        }
    }

    /** Adds one pending write without a ticket; the caller reports it through {@link #done}. */
    public void expect() {
        writes++;
        pending.incrementAndGet();
    }

    /** Every write has been registered: the outcome may now run. */
    public void seal() {
        done(true);
    }

    /** True when the publish needed no durable write at all, so it can be acknowledged at once. */
    public boolean nothingToWait() {
        return writes == 0;
    }
}
