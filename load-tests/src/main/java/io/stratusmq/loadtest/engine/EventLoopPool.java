package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.metrics.LoopCounters;
import io.stratusmq.loadtest.metrics.LoopMetrics;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Vert.x context per event-loop thread, each with its own {@link LoopMetrics}. Connections are
 * spread over the loops round-robin; everything a connection does happens on its loop.
 *
 * <p>Contexts are obtained by deploying a trivial verticle once per loop: each deployed instance gets a
 * fresh event-loop context bound to the next loop thread.
 */
public final class EventLoopPool {

    /** One event loop: its context, a fine-grained scheduler, its counters and latency metrics. */
    public record Loop(int index, Context context, LoopScheduler scheduler, LoopCounters counters,
                       LoopMetrics metrics) {
    }

    private final List<Loop> loops;
    private int cursor;

    private EventLoopPool(List<Loop> loops) {
        this.loops = List.copyOf(loops);
    }

    /** Creates {@code size} loop contexts; blocks until they exist. */
    public static EventLoopPool create(Vertx vertx, int size) throws Exception {
        ConcurrentLinkedQueue<Context> contexts = new ConcurrentLinkedQueue<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
                    @Override
                    public void start() {
                        contexts.add(context);
                    }
                }, new DeploymentOptions().setInstances(size))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<Loop> loops = new ArrayList<>(size);
        for (Context context : contexts) {
            loops.add(new Loop(loops.size(), context, new LoopScheduler((ContextInternal) context),
                    new LoopCounters(), new LoopMetrics()));
        }
        return new EventLoopPool(loops);
    }

    /** The next loop, round-robin. Not thread-safe: call from the controlling thread. */
    public Loop next() {
        Loop loop = loops.get(cursor);
        cursor = (cursor + 1) % loops.size();
        return loop;
    }

    public List<Loop> loops() {
        return loops;
    }

    /**
     * Runs an empty task on every loop and waits for it. Afterwards every write a loop made before the
     * barrier is visible to the calling thread.
     */
    public void barrier(long timeoutMillis) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Loop loop : loops) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            loop.context().runOnContext(ignored -> future.complete(null));
            done.add(future);
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
