package io.stratusmq.loadtest.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads CPU time and memory of a process from Linux /proc. */
public final class ProcReader {
    private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    private final String pid;

    /** @param pid a process id, or {@code self} */
    public ProcReader(String pid) {
        this.pid = pid;
    }

    public static ProcReader self() {
        return new ProcReader("self");
    }

    public String pid() {
        return pid;
    }

    /** The current sample, or empty if the process is gone or /proc is unavailable. */
    public Optional<ProcessSample> sample() {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String status = Files.readString(Path.of("/proc", pid, "status"));
            return Optional.of(new ProcessSample(parseCpuNanos(stat), parseRssKb(status)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** utime + stime (fields 14 and 15 of /proc/PID/stat), in nanoseconds. */
    static long parseCpuNanos(String stat) {
        // The command name (field 2) is in parentheses and may contain spaces: count from the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /** VmRSS in KiB; 0 if absent (a zombie). */
    static long parseRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    public static long clockTicksPerSecond() {
        return CLOCK_TICKS_PER_SECOND;
    }

    private static long clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.US_ASCII).trim();
                process.waitFor();
                long ticks = Long.parseLong(text);
                return ticks > 0 ? ticks : 100;
            }
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
