package io.stratusmq.topology;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Redis master and one Sentinel watching it, both real processes on free loopback ports, and the broker
 * configured to find its Redis through the Sentinel.
 */
public class RedisSentinel implements QuarkusTestResourceLifecycleManager {

    static final String MASTER = "stratus-master";

    private RedisServer master;
    private Process sentinel;

    @Override
    public Map<String, String> start() {
        master = RedisServer.start();
        int port = BrokerTestProfile.freePort();
        try {
            Path dir = Files.createTempDirectory("sentinel-");
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
                    + "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port() + " 1\n"
                    + "sentinel down-after-milliseconds " + MASTER + " 2000\n");
            sentinel = new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
            awaitListening(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.redis.hosts", "redis://127.0.0.1:" + port,
                "quarkus.redis.client-type", "sentinel",
                "quarkus.redis.master-name", MASTER,
                "stratus.cluster.backend", "redis",
                "stratus.node-id", "sentinel-node");
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!sentinel.isAlive()) {
                    throw new IllegalStateException("redis sentinel exited");
                }
            }
        }
        throw new IllegalStateException("redis sentinel did not listen on " + port);
    }

    @Override
    public void stop() {
        if (sentinel != null) {
            sentinel.destroy();
        }
        if (master != null) {
            master.close();
        }
    }
}
