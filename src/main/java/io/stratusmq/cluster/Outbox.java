package io.stratusmq.cluster;

import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.DropReason;
import io.stratusmq.broker.PublishReceipt;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.Message;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages leaving this node, batched: whatever the event loops handed over since the last flush leaves as one
 * command per destination (a PUBLISH carrying many QoS 0 messages, an XADD carrying many QoS 1/2 messages). A
 * flush follows the previous one by at least the linger ({@code stratus.cluster.batch-linger}), so that under a
 * steady load several messages share each command, and one that comes after a quiet spell leaves at once.
 *
 * <p>Threading: {@code add*} from any thread; batches are built and sent on the cluster context.
 */
final class Outbox {

    static final byte BATCH = 'B';
    static final byte DURABLE_QOS0 = 'D';
    static final byte WAKE = 'W';

    private enum Kind {
        CHANNEL, INBOX, SHARED, DURABLE_CHANNEL, WAKE
    }

    private record Item(Kind kind, String destination, Message message, Delivery delivery, String clientId,
            PublishReceipt receipt) {
    }

    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final Context context;
    private final int sharedMaxLength;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Items queued and not yet taken by a flush. */
    private final AtomicInteger backlog = new AtomicInteger();
    private final int maxQos0Backlog;
    private final BrokerStats stats;
    /** {@code stratus.cluster.batch-linger} in nanoseconds; 0 flushes on the next turn. */
    private final long lingerNanos;
    /** When the last flush ran ({@link System#nanoTime}); written and read on the cluster context only. */
    private long lastFlush;
    /**
     * The last flush had two or more messages for one destination: there is load to batch. A publish that
     * reaches several nodes once each is not load. Cluster context only.
     */
    private boolean lastFlushBatched;
    final LongAdder forwarded = new LongAdder();

    Outbox(RedisKeys keys, RedisPipeline redis, Context context, int sharedMaxLength, int maxQos0Backlog,
            long lingerNanos, BrokerStats stats) {
        this.lingerNanos = lingerNanos;
        this.lastFlush = System.nanoTime() - lingerNanos;
        this.keys = keys;
        this.redis = redis;
        this.context = context;
        this.sharedMaxLength = sharedMaxLength;
        this.maxQos0Backlog = maxQos0Backlog;
        this.stats = stats;
    }

    /** A QoS 0 message for a node's non-durable subscribers: pub/sub, best effort. */
    void channel(String node, Message m) {
        if (qos0Admitted()) {
            add(new Item(Kind.CHANNEL, node, m, null, null, null));
        }
    }

    /** False (and counted) when the backlog is over its bound: QoS 0 is dropped rather than queued. */
    private boolean qos0Admitted() {
        if (backlog.get() < maxQos0Backlog) {
            return true;
        }
        stats.dropped(DropReason.CLUSTER_BACKLOG);
        return false;
    }

    /** A QoS 1/2 message for a node's non-durable subscribers: its inbox stream, durable before the ack. */
    void inbox(String node, Message m, PublishReceipt receipt) {
        if (receipt != null) {
            receipt.expect();
        }
        add(new Item(Kind.INBOX, node, m, null, null, receipt));
    }

    /** A message for a shared subscription: its stream, from which one member's node takes it. */
    void shared(String streamKey, Message m, PublishReceipt receipt) {
        if (receipt != null) {
            receipt.expect();
        }
        add(new Item(Kind.SHARED, streamKey, m, null, null, receipt));
    }

    /** A QoS 0 message for an online persistent session owned by another node. */
    void durableQos0(String node, String clientId, Delivery d) {
        if (qos0Admitted()) {
            add(new Item(Kind.DURABLE_CHANNEL, node, null, d, clientId, null));
        }
    }

    /** Tells a node that a session it serves has new messages in the store. */
    void wake(String node, String clientId) {
        add(new Item(Kind.WAKE, node, null, null, clientId, null));
    }

    private void add(Item item) {
        backlog.incrementAndGet();
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> schedule());
        }
    }

    /**
     * On the cluster context: flushes now, or once the linger since the last flush has passed. The linger only
     * holds while there is something to batch: after a flush with no two messages for one destination the next
     * one leaves at once, so that a lone publisher waiting for each acknowledgement is not slowed to one message
     * per linger.
     */
    private void schedule() {
        long wait = lastFlush + lingerNanos - System.nanoTime();
        if (wait <= 0 || !lastFlushBatched) {
            flush();
            return;
        }
        try {
            // Vert.x timers count whole milliseconds; the context's Netty loop schedules to the microsecond, and
            // the flush itself runs on the context as every other one does
            ((ContextInternal) context).nettyEventLoop().schedule(() -> context.runOnContext(v -> flush()), wait,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            flush(); // the event loop is shutting down: no later turn to wait for
        }
    }

    /** On the cluster context: sends everything waiting, linger or not (the node is leaving). */
    void flushNow() {
        do {
            flush();
        } while (!queue.isEmpty());
    }

    private void flush() {
        lastFlush = System.nanoTime();
        scheduled.set(false);
        // by kind, then destination: nothing is allocated per message but the batches themselves
        Map<Kind, Map<String, List<Item>>> groups = new EnumMap<>(Kind.class);
        Item item;
        int n = 0;
        while (n++ < 4096 && (item = queue.poll()) != null) {
            backlog.decrementAndGet();
            groups.computeIfAbsent(item.kind(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(item.destination(), d -> new ArrayList<>()).add(item);
        }
        int batches = 0;
        for (Map<String, List<Item>> byDestination : groups.values()) {
            for (List<Item> group : byDestination.values()) {
                batches++;
                send(group);
            }
        }
        lastFlushBatched = n - 1 > batches;
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush()); // more than one batch's worth was waiting: no linger for the rest
        }
    }

    private void send(List<Item> items) {
        Item first = items.get(0);
        switch (first.kind()) {
            case CHANNEL -> {
                forwarded.add(items.size());
                redis.fire(keys.toNode(first.destination())
                        .arg(prefixed(BATCH, ClusterCodec.encodeBatch(messages(items)))));
            }
            case INBOX, SHARED -> {
                forwarded.add(items.size());
                String stream = first.kind() == Kind.INBOX ? keys.inbox(first.destination()) : first.destination();
                Request xadd = Request.cmd(Command.XADD).arg(stream);
                if (first.kind() == Kind.SHARED) {
                    xadd.arg("MAXLEN").arg("~").arg(sharedMaxLength);
                }
                xadd.arg("*").arg("m").arg(ClusterCodec.encodeBatch(messages(items)));
                redis.send(xadd, ar -> {
                    for (Item i : items) {
                        if (i.receipt() != null) {
                            i.receipt().done(ar.succeeded());
                        }
                    }
                });
            }
            case DURABLE_CHANNEL -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(DURABLE_QOS0);
                for (Item i : items) {
                    byte[] cid = i.clientId().getBytes(StandardCharsets.UTF_8);
                    byte[] d = ClusterCodec.encodeDelivery(i.delivery());
                    writeInt(out, cid.length);
                    out.writeBytes(cid);
                    writeInt(out, d.length);
                    out.writeBytes(d);
                }
                redis.fire(keys.toNode(first.destination())
                        .arg(out.toByteArray()));
            }
            case WAKE -> {
                StringBuilder ids = new StringBuilder();
                for (Item i : items) {
                    ids.append(i.clientId()).append('\n');
                }
                byte[] body = ids.toString().getBytes(StandardCharsets.UTF_8);
                redis.fire(keys.toNode(first.destination())
                        .arg(prefixed(WAKE, body)));
            }
        }
    }

    private static List<Message> messages(List<Item> items) {
        List<Message> out = new ArrayList<>(items.size());
        for (Item i : items) {
            out.add(i.message());
        }
        return out;
    }

    static byte[] prefixed(byte type, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
