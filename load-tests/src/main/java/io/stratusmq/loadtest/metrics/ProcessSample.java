package io.stratusmq.loadtest.metrics;

/**
 * A point-in-time reading of a process from /proc.
 *
 * @param cpuNanos user + system CPU time of all its threads so far (utime + stime from /proc/PID/stat)
 * @param rssKb    resident set size (VmRSS from /proc/PID/status), in KiB
 */
public record ProcessSample(long cpuNanos, long rssKb) {
}
