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
 * and the brokers' Redis command counter. The counter is read before the CPU at the start and after it at the
 * end, so the HTTP requests cost no measured broker CPU.
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
    private OptionalDouble commandsBefore = OptionalDouble.empty();
    private OptionalDouble commandsAfter = OptionalDouble.empty();

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
        if (redisCommands != null) {
            commandsBefore = redisCommands.total();
        }
        hostBefore = HostCpu.busyNanos();
        brokerBefore = sample(broker);
        redisBefore = sample(redis);
        generatorBefore = sample(generator);
    }

    void markEnd() {
        hostAfter = HostCpu.busyNanos();
        brokerAfter = sample(broker);
        redisAfter = sample(redis);
        generatorAfter = sample(generator);
        if (redisCommands != null) {
            commandsAfter = redisCommands.total();
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

    /** Redis commands the brokers sent inside the window, summed over them, or null if unknown. */
    Long redisCommands() {
        return commandsBefore.isPresent() && commandsAfter.isPresent()
                ? Math.round(commandsAfter.getAsDouble() - commandsBefore.getAsDouble()) : null;
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
