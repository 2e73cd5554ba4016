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
    /** Long enough that a wait for it cannot be mistaken for scheduling delay, short enough for a unit test. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

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

    /** The payloads of each entry of node-2's inbox, entry by entry. */
    private static List<List<String>> entries() {
        Response r = REDIS.send(Request.cmd(Command.XRANGE).arg(KEYS.inbox("node-2")).arg("-").arg("+"));
        List<List<String>> out = new ArrayList<>();
        for (Response entry : r) {
            List<String> payloads = new ArrayList<>();
            ClusterCodec.decodeBatch(entry.get(1).get(1).toBytes(), m -> payloads.add(new String(m.payload(), UTF_8)));
            out.add(payloads);
        }
        return out;
    }

    @Test
    @DisplayName("With a linger: a batch of one does not hold the next message back; after a batch of several,"
            + " what comes within the linger leaves together once it has passed")
    void lingerBatchesOnlyUnderLoad() {
        Outbox outbox = new Outbox(KEYS, pipeline, context, 1000, 1000, LINGER_NANOS, new BrokerStats());
        onContext(() -> outbox.inbox("node-2", message("a"), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> entries().size() == 1);
        // after a batch of one, the next message leaves on its own: it did not wait for the one after it
        onContext(() -> outbox.inbox("node-2", message("b"), null));
        onContext(() -> outbox.inbox("node-2", message("c"), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> entries().size() == 3);
        // two in one turn leave together (a batch of two) ...
        onContext(() -> {
            outbox.inbox("node-2", message("d"), null);
            outbox.inbox("node-2", message("e"), null);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> entries().size() == 4);
        // ... so the next two, handed over in separate turns within the linger, wait for it and share a command
        onContext(() -> outbox.inbox("node-2", message("f"), null));
        onContext(() -> outbox.inbox("node-2", message("g"), null));
        await().atMost(Duration.ofSeconds(10)).until(() -> entries().size() == 5);

        assertThat(entries()).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d", "e"),
                List.of("f", "g"));
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
        await().atMost(Duration.ofSeconds(10)).until(() -> entries().size() == 3);

        assertThat(entries()).containsExactly(List.of("a", "b"), List.of("c"), List.of("d"));
    }
}
