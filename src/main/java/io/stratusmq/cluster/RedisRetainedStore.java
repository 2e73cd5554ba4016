package io.stratusmq.cluster;

import io.stratusmq.broker.RetainedStore;
import io.stratusmq.routing.TopicFilter;
import io.stratusmq.routing.TopicTree;
import io.stratusmq.session.Message;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Retained messages in a Redis hash, visible to subscribers on every node. Each node keeps an index of the
 * retained topic names in a topic tree, fed by change events, so a wildcard subscription is matched without
 * scanning every key; a sequence number tells a node whether its index has seen the latest change, and a
 * lagging index is reloaded before it is used.
 *
 * <p>Threading: thread-safe; Redis replies arrive on the cluster context.
 */
final class RedisRetainedStore implements RetainedStore {

    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final Context context;
    private final LongSupplier clock;
    private final TopicTree<Boolean> index = new TopicTree<>();
    private volatile long seenSequence;

    RedisRetainedStore(RedisKeys keys, RedisPipeline redis, Context context, LongSupplier clock) {
        this.keys = keys;
        this.redis = redis;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> set(Message message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean clear = message.payload().length == 0; // [MQTT-3.3.1-6] an empty payload clears the topic
        Request write = clear ? Request.cmd(Command.HDEL).arg(keys.retained()).arg(message.topic())
                : Request.cmd(Command.HSET).arg(keys.retained()).arg(message.topic())
                        .arg(ClusterCodec.encodeMessage(message));
        if (clear) {
            index.remove(message.topic());
        } else {
            index.put(message.topic(), Boolean.TRUE);
        }
        redis.send(write, ar -> {
            if (ar.failed()) {
                done.completeExceptionally(ar.cause());
            } else {
                done.complete(null);
            }
        });
        redis.send(Request.cmd(Command.INCR).arg(keys.retainedSeq()), ar -> {
            if (ar.succeeded()) {
                long seq = ar.result().toLong();
                redis.fire(keys.publish(keys.retainedChannel())
                        .arg(((clear ? "-" : "+") + seq + "\n" + message.topic()).getBytes(StandardCharsets.UTF_8)));
            }
        });
        return done;
    }

    /** A change from any node: "+seq\ntopic" or "-seq\ntopic". */
    void onEvent(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        if (nl < 2) {
            return;
        }
        long seq = Long.parseLong(s.substring(1, nl));
        String topic = s.substring(nl + 1);
        if (s.charAt(0) == '+') {
            index.put(topic, Boolean.TRUE);
        } else {
            index.remove(topic);
        }
        if (seq > seenSequence) {
            seenSequence = seq;
        }
    }

    /** Reads every retained topic name, at start, after Redis came back, or when the index lags. */
    CompletableFuture<Void> reload() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        redis.send(Request.cmd(Command.GET).arg(keys.retainedSeq()), seq -> {
            long target = seq.succeeded() && seq.result() != null ? seq.result().toLong() : 0;
            redis.send(Request.cmd(Command.HKEYS).arg(keys.retained()), ar -> {
                if (ar.failed()) {
                    done.completeExceptionally(ar.cause());
                    return;
                }
                for (Response r : ar.result()) {
                    index.put(r.toString(), Boolean.TRUE);
                }
                if (target > seenSequence) {
                    seenSequence = target;
                }
                done.complete(null);
            });
        });
        return done;
    }

    @Override
    public CompletionStage<List<Message>> match(TopicFilter filter) {
        CompletableFuture<List<Message>> out = new CompletableFuture<>();
        redis.send(Request.cmd(Command.GET).arg(keys.retainedSeq()), seq -> {
            long latest = seq.succeeded() && seq.result() != null ? seq.result().toLong() : 0;
            CompletableFuture<Void> ready = latest > seenSequence ? reload() : CompletableFuture.completedFuture(null);
            ready.whenComplete((v, e) -> context.runOnContext(x -> fetch(filter, out)));
        });
        return out;
    }

    private void fetch(TopicFilter filter, CompletableFuture<List<Message>> out) {
        List<String> topics = new ArrayList<>();
        index.match(filter, (topic, present) -> topics.add(topic));
        if (topics.isEmpty()) {
            out.complete(List.of());
            return;
        }
        Request hmget = Request.cmd(Command.HMGET).arg(keys.retained());
        topics.forEach(hmget::arg);
        redis.send(hmget, ar -> {
            if (ar.failed()) {
                out.completeExceptionally(ar.cause());
                return;
            }
            long now = clock.getAsLong();
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < ar.result().size(); i++) {
                Response r = ar.result().get(i);
                if (r == null) {
                    index.remove(topics.get(i)); // cleared meanwhile
                    continue;
                }
                Message m = ClusterCodec.decodeMessage(r.toBytes());
                if (m.isExpired(now)) {
                    redis.fire(Request.cmd(Command.HDEL).arg(keys.retained()).arg(m.topic()));
                } else {
                    messages.add(m);
                }
            }
            out.complete(messages);
        });
    }

    @Override
    public long count() {
        return index.size();
    }
}
