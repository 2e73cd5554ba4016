package io.stratusmq.testing;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server on a free port, a Vert.x instance and a Redis client on it, for one test class: register it
 * as a static {@code @RegisterExtension} field; it starts before the class's tests and is gone after them.
 */
public final class LiveRedis implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;
    private Vertx vertx;
    private Redis client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, server.uri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (server != null) {
            server.close();
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public Redis client() {
        return client;
    }

    /** Sends a command and waits (at most 10 s) for its answer. */
    public Response send(Request request) {
        try {
            return client.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(request + " failed", e);
        }
    }
}
