package io.stratusmq.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stratusmq.broker.BrokerStats;
import io.stratusmq.codec.PublishProperties;
import io.stratusmq.session.Message;
import io.stratusmq.testing.LiveRedis;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the outbox groups messages for other nodes into Redis commands, against a real redis-server: each XADD to a
 * node's inbox is one entry, so the entries show which messages left together.
 */
class OutboxTest {

    @RegisterExtension
    static final LiveRedis REDIS = new LiveRedis();

    private static final RedisKeys KEYS = new RedisKeys("stratus", false);
    /** Far longer than the steps of a test take, even on a busy machine; the one wait for it ends a test. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(3);

    private Context context;
    private RedisPipeline pipeline;

    @BeforeEach
    void connect() {
        context = REDIS.vertx().getOrCreateContext();
        CompletableFuture<Void> up = new CompletableFuture<>();
        pipeline = new RedisPipeline(REDIS.client(), context, u -> {
            if (u) {
                up.complete(null);
            }
        }, false);
        pipeline.start();
        up.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void close() {
        pipeline.close();
        REDIS.send(Request.cmd(Command.FLUSHALL));
    }

    /** Runs a step on the outbox's context and waits until it ran; what the step adds is flushed after it. */
    private void onContext(Runnable step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            step.run();
            done.complete(null);
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static Message message(String payload) {
        return new Message("t/" + payload, payload.getBytes(UTF_8), 1, false, PublishProperties.EMPTY, "pub",
                Message.NEVER);
    }

    /** The payloads of each entry of a node's inbox, entry by entry. */
    private static List<List<String>> entries(String node) {
        Response r = REDIS.send(Request.cmd(Command.XRANGE).arg(KEYS.inbox(node)).arg("-").arg("+"));
        List<List<String>> out = new ArrayList<>();
        for (Response entry : r) {
            List<String> payloads = new ArrayList<>();
            ClusterCodec.decodeBatch(entry.get(1).get(1).toBytes(), m -> payloads.add(new String(m.payload(), UTF_8)));
            out.add(payloads);
        }
        return out;
    }

    private static void awaitEntries(String node, int count) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> entries(node).size() == count);
    }

    @Test
    @DisplayName("With a linger: after a flush without two messages for one node the next message leaves at once"
            + " (a lone publisher, even one whose messages reach several nodes); after one with several, what comes"
            + " within the linger waits for it and leaves together")
    void lingerBatchesOnlyUnderLoad() {
        Outbox outbox = new Outbox(KEYS, pipeline, context, 1000, 1000, LINGER_NANOS, new BrokerStats());
        // each step's flush runs on the context before the next step, so no wait is needed between them
        onContext(() -> outbox.inbox("node-2", message("a"), null));
        onContext(() -> {
            outbox.inbox("node-2", message("b"), null); // one publish for two nodes: one message each
            outbox.inbox("node-3", message("b3"), null);
        });
        onContext(() -> outbox.inbox("node-2", message("c"), null));
        onContext(() -> { // two for one node: load
            outbox.inbox("node-2", message("d"), null);
            outbox.inbox("node-2", message("e"), null);
        });
        onContext(() -> outbox.inbox("node-2", message("f"), null));
        onContext(() -> outbox.inbox("node-2", message("g"), null));
        awaitEntries("node-2", 4);
        assertThat(entries("node-2")).as("before the linger has passed")
                .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d", "e"));

        awaitEntries("node-2", 5);
        assertThat(entries("node-2")).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d", "e"),
                List.of("f", "g"));
        assertThat(entries("node-3")).containsExactly(List.of("b3"));
    }

    @Test
    @DisplayName("A node that leaves sends what waits out the linger at once")
    void flushNowIgnoresTheLinger() {
        Outbox outbox = new Outbox(KEYS, pipeline, context, 1000, 1000, TimeUnit.MINUTES.toNanos(10),
                new BrokerStats());
        onContext(() -> {
            outbox.inbox("node-2", message("a"), null);
            outbox.inbox("node-2", message("b"), null);
        });
        onContext(() -> outbox.inbox("node-2", message("c"), null)); // waits for a ten-minute linger
        onContext(outbox::flushNow);
        awaitEntries("node-2", 2);
        assertThat(entries("node-2")).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    @DisplayName("Without a linger (0), each turn's messages leave at once: separate turns, separate commands")
    void noLinger() {
        Outbox outbox = new Outbox(KEYS, pipeline, context, 1000, 1000, 0, new BrokerStats());
        onContext(() -> {
            outbox.inbox("node-2", message("a"), null);
            outbox.inbox("node-2", message("b"), null);
        });
        onContext(() -> outbox.inbox("node-2", message("c"), null));
        onContext(() -> outbox.inbox("node-2", message("d"), null));
        awaitEntries("node-2", 3);

        assertThat(entries("node-2")).containsExactly(List.of("a", "b"), List.of("c"), List.of("d"));
    }
}
