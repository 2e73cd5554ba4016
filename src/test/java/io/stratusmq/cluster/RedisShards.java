package io.stratusmq.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A local Redis Cluster of real redis-server processes, one master per shard and no replicas, the 16384 slots
 * spread over them by {@code redis-cli --cluster create}. Closing it kills every process.
 */
final class RedisShards implements AutoCloseable {

    private final List<RedisServer> shards = new ArrayList<>();

    private RedisShards() {
    }

    /** Starts {@code count} shards under {@code dir} and returns once the cluster says it is ok on each. */
    static RedisShards start(Path dir, int count) {
        RedisShards c = new RedisShards();
        try {
            for (int i = 1; i <= count; i++) {
                Path shardDir = dir.resolve("redis-" + i);
                Files.createDirectories(shardDir);
                c.shards.add(RedisServer.clusterNode(shardDir));
            }
            c.create(dir);
            for (RedisServer s : c.shards) {
                await("Redis Cluster ok on port " + s.port()).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> String.valueOf(s.call("CLUSTER", "INFO")).contains("cluster_state:ok"));
            }
            return c;
        } catch (IOException e) {
            c.close();
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void create(Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (RedisServer s : shards) {
            cmd.add("127.0.0.1:" + s.port());
        }
        cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Path out = dir.resolve("cluster-create.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create failed:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<RedisServer> shards() {
        return List.copyOf(shards);
    }

    /** Every shard as a seed, the form {@code quarkus.redis.hosts} takes. */
    String urls() {
        return shards.stream().map(RedisServer::url).collect(Collectors.joining(","));
    }

    /** The shard that serves the slot of {@code key}, asked of the cluster itself. */
    RedisServer shardOf(String key) {
        long slot = (Long) shards.get(0).call("CLUSTER", "KEYSLOT", key);
        for (RedisServer s : shards) {
            if (servesSlot(s, slot)) {
                return s;
            }
        }
        throw new IllegalStateException("no shard serves slot " + slot);
    }

    private static boolean servesSlot(RedisServer s, long slot) {
        // [[from, to, [host, port, id], replicas...], ...]
        for (Object range : (List<?>) s.call("CLUSTER", "SLOTS")) {
            List<?> r = (List<?>) range;
            long from = (Long) r.get(0);
            long to = (Long) r.get(1);
            long port = (Long) ((List<?>) r.get(2)).get(1);
            if (slot >= from && slot <= to && port == s.port()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        shards.forEach(RedisServer::kill);
    }
}
