package io.stratusmq.security.client;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.stratusmq.security.PasswordHash;
import io.stratusmq.testing.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Starts redis-server for a broker profile, seeds users (alice / alice-redis, bob / bob-redis) and alice's ACL
 * lines, and points the Quarkus Redis client at it.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        server = RedisServer.start();
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, server.uri());
        try {
            hset(redis, "stratus:users", "alice", hash("alice-redis"));
            hset(redis, "stratus:users", "bob", hash("bob-redis"));
            hset(redis, "stratus:acl", "alice", "topic readwrite alice/#\ntopic read feed/#\npattern write dev/%c");
            hset(redis, "stratus:acl", "bob", "topic readwrite feed/#");
        } finally {
            redis.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        return Map.of("quarkus.redis.hosts", server.uri());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String hash(String password) {
        return PasswordHash.create(password.getBytes(StandardCharsets.UTF_8), 10, new SecureRandom()).encoded();
    }

    private static void hset(Redis redis, String key, String field, String value) {
        redis.send(Request.cmd(Command.HSET).arg(key).arg(field).arg(value)).toCompletionStage().toCompletableFuture()
                .join();
    }
}
