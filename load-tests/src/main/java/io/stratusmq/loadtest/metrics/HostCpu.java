package io.stratusmq.loadtest.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Busy CPU time of the whole machine, from the first line of /proc/stat (user + nice + system + irq + softirq
 * + steal; idle and iowait excluded). Used to tell how much CPU processes other than the broker and the
 * generator took during a run: on a shared machine that is the noise in every other number.
 */
public final class HostCpu {
    private HostCpu() {
    }

    /** Busy nanoseconds summed over all CPUs since boot, or empty if /proc/stat is unreadable. */
    public static OptionalLong busyNanos() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return OptionalLong.of(parseBusyNanos(first));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static long parseBusyNanos(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!"cpu".equals(f[0])) {
            throw new IllegalArgumentException("not the aggregate cpu line: " + cpuLine);
        }
        long ticks = 0;
        int[] busyColumns = {1, 2, 3, 6, 7, 8}; // user nice system irq softirq steal
        for (int column : busyColumns) {
            if (column < f.length) {
                ticks += Long.parseLong(f[column]);
            }
        }
        return ticks * 1_000_000_000L / ProcReader.clockTicksPerSecond();
    }
}
