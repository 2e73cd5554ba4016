package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.metrics.HostCpu;
import io.stratusmq.loadtest.metrics.ProcReader;
import io.stratusmq.loadtest.metrics.ProcessSample;
import io.stratusmq.loadtest.report.ProcessUsage;

import java.util.OptionalLong;

/** Samples broker, generator and whole-machine CPU (and RSS) at the two edges of the measurement window. */
final class WindowSampler {
    private final ProcReader broker;
    private final ProcessSample brokerInitial;
    private final ProcReader generator = ProcReader.self();
    private ProcessSample brokerBefore;
    private ProcessSample brokerAfter;
    private ProcessSample generatorBefore;
    private ProcessSample generatorAfter;
    private OptionalLong hostBefore = OptionalLong.empty();
    private OptionalLong hostAfter = OptionalLong.empty();

    /**
     * @param broker        null when the broker is not observed
     * @param brokerInitial broker sample from before any connection was opened
     */
    WindowSampler(ProcReader broker, ProcessSample brokerInitial) {
        this.broker = broker;
        this.brokerInitial = brokerInitial;
    }

    void markStart() {
        hostBefore = HostCpu.busyNanos();
        brokerBefore = sample(broker);
        generatorBefore = sample(generator);
    }

    void markEnd() {
        hostAfter = HostCpu.busyNanos();
        brokerAfter = sample(broker);
        generatorAfter = sample(generator);
    }

    /** Null when the broker is not observed or vanished. */
    ProcessUsage broker() {
        return usage(broker, brokerInitial, brokerBefore, brokerAfter);
    }

    ProcessUsage generator() {
        return usage(generator, null, generatorBefore, generatorAfter);
    }

    /** Busy CPU time of the whole machine inside the window, in nanoseconds, or -1 if unknown. */
    long hostBusyNanos() {
        return hostBefore.isPresent() && hostAfter.isPresent() ? hostAfter.getAsLong() - hostBefore.getAsLong() : -1;
    }

    private static ProcessUsage usage(ProcReader reader, ProcessSample initial, ProcessSample before,
                                      ProcessSample after) {
        return reader == null || before == null || after == null ? null
                : new ProcessUsage(reader.pid(), initial, before, after);
    }

    private static ProcessSample sample(ProcReader reader) {
        return reader == null ? null : reader.sample().orElse(null);
    }
}
