package io.stratusmq.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One broker node: the packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}, the path
 * given by failsafe as {@code stratus.app.jar}) on free loopback ports, joined to a test's Redis (or, without
 * one, a single node on the default in-memory {@code local} backend), its output in {@code <dir>/<node-id>.log}.
 * It can be killed (SIGKILL) or terminated (SIGTERM, which drains it).
 */
final class BrokerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String nodeId;
    private final int httpPort;
    private final int tcpPort;
    private final Path log;
    private final Process process;

    private BrokerProcess(String nodeId, Path dir, String redisUrl, Map<String, String> settings) {
        this.nodeId = nodeId;
        this.httpPort = Ports.free();
        this.tcpPort = Ports.free();
        this.log = dir.resolve(nodeId + ".log");
        Path jar = Path.of(System.getProperty("stratus.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: the cluster tests run the packaged"
                    + " application; run them with ./mvnw verify (failsafe runs after package)");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small and quick to start: several brokers share two cores with the build
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dstratus.tcp.host=127.0.0.1",
                "-Dstratus.tcp.port=" + tcpPort,
                "-Dstratus.node-id=" + nodeId));
        if (redisUrl != null) { // without it the node runs the default backend, local
            cmd.add("-Dquarkus.redis.hosts=" + redisUrl);
        }
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        try {
            process = ChildProcesses.track(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + nodeId, e);
        }
    }

    /**
     * Starts the process; call {@link #awaitReady} before using it.
     *
     * @param redisUrl the cluster's Redis, or null for a node without Redis (backend {@code local})
     */
    static BrokerProcess launch(String nodeId, Path dir, String redisUrl, Map<String, String> settings) {
        return new BrokerProcess(nodeId, dir, redisUrl, settings);
    }

    String id() {
        return nodeId;
    }

    int tcpPort() {
        return tcpPort;
    }

    int httpPort() {
        return httpPort;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** HTTP status of /q/health/ready, or -1 when the node does not answer. */
    int readiness() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The Prometheus text of /q/metrics. */
    String metrics() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(nodeId + ": no metrics", e);
        }
    }

    /** One metric's value (the sum over its series), from /q/metrics. */
    double metric(String name) {
        double sum = 0;
        for (String line : metrics().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Waits for readiness 200; fails with the log tail when it does not come, or the process exits. */
    void awaitReady(Duration timeout) {
        int[] last = {-1};
        try {
            await(nodeId + " ready").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(nodeId + " exited with " + process.exitValue() + " before it was ready\n"
                            + Logs.tail(log, 40));
                }
                last[0] = readiness();
                return last[0] == 200;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(nodeId + " not ready within " + timeout + " (last /q/health/ready status "
                    + last[0] + "), log " + log + ":\n" + Logs.tail(log, 40));
        }
    }

    /** Waits until /q/health/ready answers {@code status}; fails with the log tail. */
    void awaitReadiness(int status, Duration timeout) {
        try {
            await(nodeId + " readiness " + status).atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> readiness() == status);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(nodeId + " readiness not " + status + " within " + timeout + " (now "
                    + readiness() + "), log " + log + ":\n" + Logs.tail(log, 40));
        }
    }

    /** SIGKILL: no drain, no goodbye; the cluster must notice by the missing heartbeat. */
    void kill() {
        ChildProcesses.kill(process);
    }

    /** SIGTERM: the node drains (readiness DOWN, then clients disconnected) and exits. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit; false when it is still running after the timeout. */
    boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (exited) {
                ChildProcesses.forget(process);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String logTail(int lines) {
        return Logs.tail(log, lines);
    }

    @Override
    public String toString() {
        return nodeId + " (tcp " + tcpPort + ", http " + httpPort + ")";
    }
}
