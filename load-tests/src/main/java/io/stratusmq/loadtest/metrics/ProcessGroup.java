package io.stratusmq.loadtest.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One or more processes observed as one: CPU time and RSS summed over them (the pods of a cluster, say).
 * A sample exists only when every process could be read, so a vanished process never shows as less CPU.
 */
public final class ProcessGroup {
    private final List<ProcReader> readers;

    public ProcessGroup(List<ProcReader> readers) {
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("no process");
        }
        this.readers = List.copyOf(readers);
    }

    /** A group of the given process ids; null when the list is null or empty. */
    public static ProcessGroup ofPids(List<Long> pids) {
        if (pids == null || pids.isEmpty()) {
            return null;
        }
        List<ProcReader> readers = new ArrayList<>(pids.size());
        for (Long pid : pids) {
            readers.add(new ProcReader(pid.toString()));
        }
        return new ProcessGroup(readers);
    }

    public static ProcessGroup self() {
        return new ProcessGroup(List.of(ProcReader.self()));
    }

    /** The process ids, comma-separated ({@code 1234} or {@code 1234,1240,1251}). */
    public String pids() {
        return readers.stream().map(ProcReader::pid).collect(Collectors.joining(","));
    }

    public int size() {
        return readers.size();
    }

    /** The pid of the first process that cannot be read, or empty when all can. */
    public Optional<String> unreadable() {
        for (ProcReader reader : readers) {
            if (reader.sample().isEmpty()) {
                return Optional.of(reader.pid());
            }
        }
        return Optional.empty();
    }

    /** CPU time and RSS summed over the processes, or empty if any of them is gone. */
    public Optional<ProcessSample> sample() {
        long cpuNanos = 0;
        long rssKb = 0;
        for (ProcReader reader : readers) {
            Optional<ProcessSample> sample = reader.sample();
            if (sample.isEmpty()) {
                return Optional.empty();
            }
            cpuNanos += sample.get().cpuNanos();
            rssKb += sample.get().rssKb();
        }
        return Optional.of(new ProcessSample(cpuNanos, rssKb));
    }
}
