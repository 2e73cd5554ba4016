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
 * One Vert.x context per event-loop thread, each with its own {@link LoopMetrics}. Everything a connection
 * does happens on its loop.
 *
 * <p>With two or more loops, subscribers and publishers get separate loops (half each, round-robin within the
 * half): a publisher at full speed always has work, and a subscriber sharing its thread would be starved,
 * which would show up as broker latency and throughput that the broker is not responsible for. A client that
 * both subscribes and publishes cannot be split that way: such clients are spread over all loops.
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
    private final int subscriberLoops;
    private int subscriberCursor;
    private int publisherCursor;
    private int clientCursor;

    private EventLoopPool(List<Loop> loops) {
        this.loops = List.copyOf(loops);
        this.subscriberLoops = loops.size() == 1 ? 1 : loops.size() / 2;
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

    /** The loop for the next subscriber. Not thread-safe: call from the controlling thread. */
    public Loop nextForSubscriber() {
        Loop loop = loops.get(subscriberCursor);
        subscriberCursor = (subscriberCursor + 1) % subscriberLoops;
        return loop;
    }

    /** The loop for the next publisher. Not thread-safe: call from the controlling thread. */
    public Loop nextForPublisher() {
        int publisherLoops = loops.size() - subscriberLoops;
        if (publisherLoops == 0) {
            return nextForSubscriber();
        }
        Loop loop = loops.get(subscriberLoops + publisherCursor);
        publisherCursor = (publisherCursor + 1) % publisherLoops;
        return loop;
    }

    /** The loop for the next client that both subscribes and publishes: all loops, round-robin. */
    public Loop nextForClient() {
        Loop loop = loops.get(clientCursor);
        clientCursor = (clientCursor + 1) % loops.size();
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
