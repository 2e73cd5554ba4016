package io.stratusmq.loadtest.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/** Run-wide view over every loop's {@link LoopCounters}, plus connection failures (rare, so shared). */
public final class RunCounters {
    private final List<LoopCounters> loops;
    private final AtomicLong unexpectedCloses = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    public RunCounters(List<LoopCounters> loops) {
        this.loops = List.copyOf(loops);
    }

    public void unexpectedClose(String reason) {
        unexpectedCloses.incrementAndGet();
        firstError.compareAndSet(null, reason);
    }

    public long sent() {
        return sum(LoopCounters::sentCount);
    }

    public long accepted() {
        return sum(LoopCounters::acceptedCount);
    }

    public long released() {
        return sum(LoopCounters::releasedCount);
    }

    public long delivered() {
        return sum(LoopCounters::deliveredCount);
    }

    public long foreign() {
        return sum(LoopCounters::foreignCount);
    }

    public long unexpectedCloseCount() {
        return unexpectedCloses.get();
    }

    /** The first unexpected-close reason, or null. */
    public String firstError() {
        return firstError.get();
    }

    private long sum(ToLongFunction<LoopCounters> counter) {
        long total = 0;
        for (LoopCounters loop : loops) {
            total += counter.applyAsLong(loop);
        }
        return total;
    }
}
