package io.stratusmq.cluster;

import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real redis-server on a free loopback port, owned by one test: started, killed (SIGKILL) and restarted on
 * the same port. By default it keeps nothing on disk ({@code --save "" --appendonly no}); {@link #durable}
 * servers write an append-only file synced on every write, so that a restart loses nothing Redis acknowledged.
 */
final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final boolean durable;
    private final boolean clusterNode;
    private Process process;

    private RedisServer(Path dir, boolean durable, boolean clusterNode) {
        this.port = clusterNode ? Ports.freeWithBus() : Ports.free();
        this.dir = dir;
        this.durable = durable;
        this.clusterNode = clusterNode;
    }

    /** A Redis that forgets everything when it stops. */
    static RedisServer start(Path dir) {
        RedisServer r = new RedisServer(dir, false, false);
        r.launch();
        return r;
    }

    /** A Redis with an fsync-always append-only file: a kill and restart keep every acknowledged write. */
    static RedisServer durable(Path dir) {
        deleteTree(dir.resolve("appendonlydir")); // left by an earlier run: start empty
        RedisServer r = new RedisServer(dir, true, false);
        r.launch();
        return r;
    }

    /**
     * A Redis Cluster node with no slots yet ({@link RedisShards} joins the nodes), its cluster bus on port + 10000,
     * its own directory for nodes.conf and its log.
     */
    static RedisServer clusterNode(Path dir) {
        RedisServer r = new RedisServer(dir, false, true);
        r.launch();
        return r;
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    private void launch() {
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--dir", dir.toAbsolutePath().toString(), "--logfile", "redis.log"));
        if (clusterNode) {
            cmd.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf"));
        }
        if (durable) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile()));
        try {
            process = ChildProcesses.track(pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (apt-get install -y redis-server)", e);
        }
        try {
            await("redis-server on port " + port + " answers PING").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("redis-server exited: " + Logs.tail(dir.resolve("redis.log"), 20));
                        }
                        try {
                            return "PONG".equals(call("PING"));
                        } catch (UncheckedIOException | IllegalStateException e) {
                            return false; // not listening yet, or still loading its append-only file
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("redis-server on port " + port + " did not answer PING within 15 s\n"
                    + Logs.tail(dir.resolve("redis.log"), 20) + "\n" + Logs.tail(dir.resolve("redis.out"), 20));
        }
    }

    /** SIGKILL: connections drop at once, and without {@link #durable} everything is forgotten. */
    void kill() {
        ChildProcesses.kill(process);
    }

    /** Starts again on the same port (after {@link #kill}). */
    void restart() {
        launch();
    }

    /**
     * One command over a fresh connection, for test set-up and inspection. Returns a String (simple or bulk
     * string), a Long, a List of those, or null.
     */
    Object call(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return call(bytes);
    }

    /** {@link #call(String...)} with binary arguments. */
    Object call(byte[]... args) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] a : args) {
                req.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                req.writeBytes(a);
                req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            OutputStream out = s.getOutputStream();
            req.writeTo(out);
            out.flush();
            return read(new BufferedInputStream(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n);
                line(in);
                return new String(b, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(read(in));
                }
                return out;
            }
            default:
                throw new IOException("unexpected RESP type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) c);
        }
        in.read(); // \n
        return sb.toString();
    }

    private static void deleteTree(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
