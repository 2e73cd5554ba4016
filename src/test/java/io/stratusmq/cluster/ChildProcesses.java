package io.stratusmq.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the cluster tests start (redis-server, brokers), so that none outlives the test JVM: a test
 * closes what it started in {@code finally}, and a JVM shutdown hook kills whatever is left, e.g. after a
 * timeout or an interrupted build.
 */
final class ChildProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "kill-cluster-test-processes"));
    }

    private ChildProcesses() {
    }

    static Process track(Process p) {
        RUNNING.add(p);
        return p;
    }

    /** SIGKILL, then wait for the process to be gone. */
    static void kill(Process p) {
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(p);
    }

    static void forget(Process p) {
        RUNNING.remove(p);
    }

    private static void killAll() {
        for (Process p : RUNNING) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
