package io.stratusmq.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test's own cluster: one redis-server (or, from {@link #onRedisCluster}, a Redis Cluster of several) and
 * several broker processes from the packaged application, started in parallel, with short cluster timings so that failures are detected within seconds; or, from
 * {@link #withoutRedis}, a single broker on the in-memory {@code local} backend. Closing it kills every process
 * it started, whatever state the test left them in.
 */
final class Cluster implements AutoCloseable {

    /** Timings short enough for tests; each is a documented {@code stratus.*} setting. */
    static final Map<String, String> TEST_SETTINGS = Map.of(
            "stratus.cluster.heartbeat-interval", "500ms",
            "stratus.cluster.node-timeout", "3s",
            "stratus.cluster.takeover-timeout", "2s",
            "stratus.shutdown.readiness-delay", "1s");
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final RedisServer redis;
    private final RedisShards shards;
    private final Map<String, String> settings;
    private final List<BrokerProcess> nodes = new ArrayList<>();

    private Cluster(Path dir, RedisServer redis, RedisShards shards, Map<String, String> settings) {
        this.dir = dir;
        this.redis = redis;
        this.shards = shards;
        this.settings = settings;
    }

    /** Starts Redis and {@code size} nodes named node-1 .. node-size; returns when all are ready. */
    static Cluster start(String name, int size) {
        return start(name, size, false, Map.of());
    }

    /**
     * @param durableRedis Redis with an fsync-always append-only file (see {@link RedisServer#durable})
     * @param extra settings added to (or replacing) {@link #TEST_SETTINGS}
     */
    static Cluster start(String name, int size, boolean durableRedis, Map<String, String> extra) {
        Path dir = Logs.fresh(name);
        RedisServer redis = durableRedis ? RedisServer.durable(dir) : RedisServer.start(dir);
        return start(dir, redis, null, size, extra);
    }

    /**
     * One broker and no Redis: {@code quarkus.redis.hosts} is not set, so the node runs the default backend,
     * {@code local} (state in this one process's memory). {@link #redis} is null.
     */
    static Cluster withoutRedis(String name) {
        return start(Logs.fresh(name), null, null, 1, Map.of());
    }

    /**
     * Nodes on a Redis Cluster of {@code shardCount} shards ({@link RedisShards}), every shard given as a seed
     * and {@code quarkus.redis.client-type=cluster}. {@link #redis} is null; {@link #shards} has the shards.
     */
    static Cluster onRedisCluster(String name, int shardCount, int size) {
        Path dir = Logs.fresh(name);
        RedisShards shards = RedisShards.start(dir, shardCount);
        return start(dir, null, shards, size, Map.of("quarkus.redis.client-type", "cluster"));
    }

    private static Cluster start(Path dir, RedisServer redis, RedisShards shards, int size,
            Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(TEST_SETTINGS);
        if (Boolean.getBoolean("stratus.it.debug")) { // -Dstratus.it.debug=true: broker logs at DEBUG
            settings.put("quarkus.log.category.\"io.stratusmq\".level", "DEBUG");
        }
        settings.putAll(extra);
        Cluster c = new Cluster(dir, redis, shards, settings);
        try {
            for (int i = 1; i <= size; i++) {
                c.nodes.add(BrokerProcess.launch("node-" + i, dir, c.redisHosts(), settings));
            }
            for (BrokerProcess n : c.nodes) {
                n.awaitReady(START_TIMEOUT);
            }
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** The cluster's Redis; null for a {@link #withoutRedis} broker and on a Redis Cluster. */
    RedisServer redis() {
        return redis;
    }

    /** The shards of an {@link #onRedisCluster} cluster, else null. */
    RedisShards shards() {
        return shards;
    }

    /** {@code quarkus.redis.hosts} of the nodes, null without Redis. */
    private String redisHosts() {
        return shards != null ? shards.urls() : redis == null ? null : redis.url();
    }

    /** Node {@code i}, counted from 1 as in its id. */
    BrokerProcess node(int i) {
        return nodes.get(i - 1);
    }

    List<BrokerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** Starts one more node with a new id (a replacement pod), and waits until it is ready. */
    BrokerProcess addNode() {
        if (redisHosts() == null) {
            throw new IllegalStateException("a broker without Redis is a single node");
        }
        BrokerProcess n = BrokerProcess.launch("node-" + (nodes.size() + 1), dir, redisHosts(), settings);
        nodes.add(n);
        n.awaitReady(START_TIMEOUT);
        return n;
    }

    /** The log tails of every node, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (BrokerProcess n : nodes) {
            sb.append("---- ").append(n).append(" ----\n").append(n.logTail(25)).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (BrokerProcess n : nodes) {
            n.kill();
        }
        if (redis != null) {
            redis.kill();
        }
        if (shards != null) {
            shards.close();
        }
    }
}
