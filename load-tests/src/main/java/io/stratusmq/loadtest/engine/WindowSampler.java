package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.metrics.CounterScraper;
import io.stratusmq.loadtest.metrics.HostCpu;
import io.stratusmq.loadtest.metrics.ProcessGroup;
import io.stratusmq.loadtest.metrics.ProcessSample;
import io.stratusmq.loadtest.report.ProcessUsage;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Samples broker, Redis, generator and whole-machine CPU (and RSS) at the two edges of the measurement window,
 * then asks the brokers for their Redis command counter. The counter requests are asynchronous, so a broker slow
 * to answer never delays a CPU sample; the answers are collected after the run.
 */
final class WindowSampler {
    private final ProcessGroup broker;
    private final ProcessSample brokerInitial;
    private final ProcessGroup redis;
    private final CounterScraper redisCommands;
    private final ProcessGroup generator = ProcessGroup.self();
    private ProcessSample brokerBefore;
    private ProcessSample brokerAfter;
    private ProcessSample redisBefore;
    private ProcessSample redisAfter;
    private ProcessSample generatorBefore;
    private ProcessSample generatorAfter;
    private OptionalLong hostBefore = OptionalLong.empty();
    private OptionalLong hostAfter = OptionalLong.empty();
    private CounterScraper.Reading commandsBefore;
    private CounterScraper.Reading commandsAfter;

    /**
     * @param broker        null when the broker is not observed
     * @param brokerInitial broker sample from before any connection was opened
     * @param redis         null when Redis is not observed
     * @param redisCommands null when no metrics endpoint was given
     */
    WindowSampler(ProcessGroup broker, ProcessSample brokerInitial, ProcessGroup redis,
                  CounterScraper redisCommands) {
        this.broker = broker;
        this.brokerInitial = brokerInitial;
        this.redis = redis;
        this.redisCommands = redisCommands;
    }

    void markStart() {
        hostBefore = HostCpu.busyNanos();
        brokerBefore = sample(broker);
        redisBefore = sample(redis);
        generatorBefore = sample(generator);
        if (redisCommands != null) {
            commandsBefore = redisCommands.start();
        }
    }

    void markEnd() {
        hostAfter = HostCpu.busyNanos();
        brokerAfter = sample(broker);
        redisAfter = sample(redis);
        generatorAfter = sample(generator);
        if (redisCommands != null) {
            commandsAfter = redisCommands.start();
        }
    }

    /** Null when the broker is not observed or vanished. */
    ProcessUsage broker() {
        return usage(broker, brokerInitial, brokerBefore, brokerAfter);
    }

    /** Null when Redis is not observed or vanished. */
    ProcessUsage redis() {
        return usage(redis, null, redisBefore, redisAfter);
    }

    ProcessUsage generator() {
        return usage(generator, null, generatorBefore, generatorAfter);
    }

    /**
     * Redis commands the brokers sent inside the window, summed over them, or null if unknown. Waits for answers
     * still outstanding: call after the run.
     */
    Long redisCommands() {
        if (commandsBefore == null || commandsAfter == null) {
            return null;
        }
        OptionalDouble before = commandsBefore.total();
        OptionalDouble after = before.isPresent() ? commandsAfter.total() : OptionalDouble.empty();
        return before.isPresent() && after.isPresent() ? Math.round(after.getAsDouble() - before.getAsDouble()) : null;
    }

    /** Busy CPU time of the whole machine inside the window, in nanoseconds, or -1 if unknown. */
    long hostBusyNanos() {
        return hostBefore.isPresent() && hostAfter.isPresent() ? hostAfter.getAsLong() - hostBefore.getAsLong() : -1;
    }

    private static ProcessUsage usage(ProcessGroup group, ProcessSample initial, ProcessSample before,
                                      ProcessSample after) {
        return group == null || before == null || after == null ? null
                : new ProcessUsage(group.pids(), initial, before, after);
    }

    private static ProcessSample sample(ProcessGroup group) {
        return group == null ? null : group.sample().orElse(null);
    }
}
