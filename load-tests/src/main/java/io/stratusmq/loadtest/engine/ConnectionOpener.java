package io.stratusmq.loadtest.engine;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Opens many connections with bounded concurrency, so that thousands of connections do not hit the broker
 * (or the generator) as one burst of handshakes. Fails fast on the first failure.
 */
final class ConnectionOpener {
    private final int concurrency;
    private final long timeoutMillis;

    ConnectionOpener(int concurrency, long timeoutMillis) {
        this.concurrency = concurrency;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Calls {@code open} for 0..count-1 (each call dispatches to an event loop itself and returns at once)
     * and waits for all results, in index order.
     *
     * @throws RunSetupException when a connection fails or set-up stalls
     */
    <T> List<T> openAll(int count, Function<Integer, Future<T>> open) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<T>> results = new ArrayList<>(count);
        for (int i = 0; i < count && failure.get() == null; i++) {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new RunSetupException("connection set-up stalled: no progress in " + timeoutMillis + " ms", null);
            }
            CompletableFuture<T> result = new CompletableFuture<>();
            results.add(result);
            int index = i;
            open.apply(index).onComplete(outcome -> {
                permits.release();
                if (outcome.succeeded()) {
                    result.complete(outcome.result());
                } else {
                    failure.compareAndSet(null, outcome.cause());
                    result.completeExceptionally(outcome.cause());
                }
            });
        }
        List<T> opened = new ArrayList<>(count);
        try {
            for (CompletableFuture<T> result : results) {
                opened.add(result.get(timeoutMillis * 2, TimeUnit.MILLISECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = failure.get() != null ? failure.get() : e;
            throw new RunSetupException("cannot connect: " + cause.getMessage(), cause);
        }
        return opened;
    }
}
