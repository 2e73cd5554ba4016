package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.broker.Broker;
import io.stratusmq.session.DeliveryListener;
import io.stratusmq.session.Message;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads this node's streams on connections of its own. The inbox (QoS 1/2 messages for local non-durable
 * subscribers) has one reader, this node, so it is read with a plain blocking XREAD from the last ID seen, and
 * what was delivered is trimmed away (XTRIM MINID, at most every {@value #TRIM_INTERVAL_MILLIS} ms) rather than
 * acknowledged entry by entry. The stream of every shared subscription with a local member and the node's wake
 * stream are read with blocking XREADGROUPs, since several nodes compete for a shared stream's entries: a shared
 * entry is acknowledged once its member acknowledged it (QoS 1/2) or it was sent (QoS 0). A member that leaves
 * without acknowledging sends the message back to the stream, and the entries a dead node held are claimed by a
 * survivor, so each message reaches one member in the end. When the node gains a shared subscription's first
 * member it adds an entry to its wake stream, which ends the blocked read at once, so that the next read covers
 * the new stream.
 *
 * <p>A reply lost with its connection (Redis killed, a failover) must not lose entries. The inbox reader moves
 * its last ID only over entries it handled, so after a reconnect it reads them again. After a reconnect or a
 * failed read it also asks for the stream's last generated ID: when that is below the last ID read, the stream
 * is not the one read before (Redis came back from an older copy, or another server with its clock behind
 * created it anew), and the reader reads it from the start, preferring a message delivered twice to one lost.
 * The group reader first reads its own pending entries (ID {@code 0}) and handles those it does not hold
 * already, and only then reads new ones ({@code >}).
 *
 * <p>On Redis Cluster a read cannot span slots: the inbox lives in its node's slot, the shared and wake streams
 * in one common slot, which is why they are read apart.
 *
 * <p>Threading: the connections and all bookkeeping live on the cluster context.
 */
final class StreamConsumer implements SharedConsumers {

    static final String GROUP = "nodes";
    private static final System.Logger LOG = System.getLogger(StreamConsumer.class.getName());
    private static final int COUNT = 256;
    /** Entries a wake stream keeps: each only ends one blocked read, and is deleted once read. */
    private static final int WAKE_MAX_LENGTH = 16;
    /** How long delivered inbox entries may wait to be trimmed: one XTRIM covers every read of that time. */
    static final long TRIM_INTERVAL_MILLIS = 100;

    private final String me;
    private final RedisKeys keys;
    private final Redis client;
    private final RedisPipeline redis;
    private final Context context;
    private final Supplier<Broker> broker;
    private final Outbox outbox;
    private final LongAdder received;
    /** Commands sent on the consumer's own connections (reads, group creation), for the commands-per-message figure. */
    final LongAdder commands = new LongAdder();
    private final Map<String, Integer> members = new ConcurrentHashMap<>();
    private final Map<String, String[]> groupByStream = new ConcurrentHashMap<>();
    /** Entries handled here whose XACK is not confirmed: {@code false} while a member holds it, then {@code true}. */
    private final Map<String, Boolean> inHand = new ConcurrentHashMap<>();
    private final Lane lane = new Lane();
    private final InboxReader inboxReader = new InboxReader();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean acksScheduled = new AtomicBoolean();

    private record Ack(String stream, String id) {
    }
    private volatile boolean closed;

    StreamConsumer(String me, RedisKeys keys, Redis client, RedisPipeline redis, Context context,
            Supplier<Broker> broker, Outbox outbox, LongAdder received) {
        this.me = me;
        this.keys = keys;
        this.client = client;
        this.redis = redis;
        this.context = context;
        this.broker = broker;
        this.outbox = outbox;
        this.received = received;
    }

    void start() {
        context.runOnContext(v -> {
            inboxReader.connect();
            lane.connect();
        });
    }

    void close() {
        closed = true;
        context.runOnContext(v -> {
            inboxReader.close();
            lane.close();
        });
    }

    @Override
    public void memberAdded(String shareName, String filter) {
        String stream = keys.shared(shareName, filter);
        groupByStream.putIfAbsent(stream, new String[] {shareName, filter});
        if (members.merge(stream, 1, Integer::sum) == 1) {
            // the blocked read does not cover this stream yet: end it, so that the next one does
            redis.fire(Request.cmd(Command.XADD).arg(keys.wake(me)).arg("MAXLEN").arg(WAKE_MAX_LENGTH).arg("*")
                    .arg("m").arg(""));
        }
    }

    @Override
    public void memberRemoved(String shareName, String filter) {
        String stream = keys.shared(shareName, filter);
        members.computeIfPresent(stream, (k, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * A blocking read loop on a Redis connection of its own: connects, reconnects a second after a failure or a
     * drop, and hands each new connection to {@link #opened}. On the cluster context.
     */
    private abstract class ReadLoop {

        RedisConnection connection;
        boolean reading;

        /** A new connection is open: start reading on it. */
        abstract void opened(RedisConnection c);

        /** The connection dropped (before reconnecting). */
        void lost() {
        }

        void close() {
            if (connection != null) {
                connection.close();
            }
        }

        void connect() {
            if (connection != null || closed) {
                return;
            }
            client.connect().onComplete(ar -> {
                if (ar.failed()) {
                    if (!closed) {
                        context.owner().setTimer(1000, t -> connect());
                    }
                    return;
                }
                RedisConnection c = ar.result();
                connection = c;
                c.exceptionHandler(e -> dropped(c));
                c.endHandler(v -> dropped(c));
                opened(c);
            });
        }

        private void dropped(RedisConnection c) {
            if (connection == c) {
                connection = null;
                reading = false;
                lost();
                c.close();
                if (!closed) {
                    context.owner().setTimer(1000, t -> connect());
                }
            }
        }
    }

    /** The read loop over the wake and shared streams, on a connection of its own; it goes on until closed. */
    private final class Lane extends ReadLoop {

        private final Set<String> groupsCreated = new HashSet<>();
        /** Set on every (re)connect: the pending entries of this consumer are read before new ones. */
        private boolean recovering;

        private List<String> streams() {
            List<String> streams = new ArrayList<>(members.size() + 1);
            streams.add(keys.wake(me));
            streams.addAll(members.keySet());
            return streams;
        }

        @Override
        void opened(RedisConnection c) {
            groupsCreated.clear();
            recovering = true;
            read();
        }

        /** One blocking read over the wake stream and every shared stream with a local member. */
        private void read() {
            RedisConnection c = connection;
            if (c == null || reading || closed) {
                return;
            }
            List<String> streams = streams();
            List<String> missing = new ArrayList<>();
            for (String s : streams) {
                if (!groupsCreated.contains(s)) {
                    missing.add(s);
                }
            }
            reading = true;
            if (!missing.isEmpty()) {
                createGroups(c, missing, 0);
                return;
            }
            if (recovering) {
                readPending(c, streams, 0, "0");
                return;
            }
            Request xread = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg(me).arg("COUNT").arg(COUNT)
                    .arg("BLOCK").arg(1000).arg("STREAMS");
            for (String s : streams) {
                xread.arg(s);
            }
            for (int i = 0; i < streams.size(); i++) {
                xread.arg(">");
            }
            send(c, xread).onComplete(ar -> {
                reading = false;
                if (ar.failed()) {
                    if (closed) {
                        return;
                    }
                    String why = String.valueOf(ar.cause().getMessage());
                    LOG.log(WARNING, "stream read failed: {0}", why);
                    if (why.contains("NOGROUP")) {
                        // a stream or its group went (Redis restarted empty, or a cleanup deleted it): create again
                        groupsCreated.clear();
                    }
                    context.owner().setTimer(500, t -> read());
                    return;
                }
                Response r = ar.result();
                if (r != null) {
                    forEachEntry(r, StreamConsumer.this::entry);
                }
                read();
            });
        }

        /**
         * Pages through the entries Redis delivered to this consumer and holds as pending, one stream after the
         * other. Those handled here already are acknowledged again or left to their member; the others are
         * handled now.
         */
        private void readPending(RedisConnection c, List<String> streams, int i, String after) {
            if (i == streams.size()) {
                recovering = false;
                // this lane's acknowledged entries are not pending any more, or were acknowledged again just now
                inHand.entrySet().removeIf(e -> e.getValue() && streams.contains(streamOf(e.getKey())));
                reading = false;
                read();
                return;
            }
            String stream = streams.get(i);
            Request xread = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(GROUP).arg(me).arg("COUNT").arg(COUNT)
                    .arg("STREAMS").arg(stream).arg(after);
            send(c, xread).onComplete(ar -> {
                if (ar.failed()) {
                    reading = false;
                    if (!closed) {
                        if (String.valueOf(ar.cause().getMessage()).contains("NOGROUP")) {
                            groupsCreated.clear();
                        }
                        context.owner().setTimer(500, t -> read());
                    }
                    return;
                }
                List<String> ids = new ArrayList<>();
                if (ar.result() != null) {
                    forEachId(ar.result(), ids::add);
                    forEachEntry(ar.result(), StreamConsumer.this::pendingEntry);
                }
                for (String id : ids) {
                    if (!inHand.containsKey(stream + '\u0000' + id)) {
                        // deleted from the stream while pending (its XACK was lost, its XDEL was not)
                        acknowledgeOnly(stream, id);
                    }
                }
                if (ids.size() == COUNT) {
                    readPending(c, streams, i, ids.get(ids.size() - 1));
                } else {
                    readPending(c, streams, i + 1, "0");
                }
            });
        }

        /** Creates the consumer group of streams not seen yet (and the stream); an existing one is kept. */
        private void createGroups(RedisConnection c, List<String> streams, int i) {
            if (i == streams.size()) {
                reading = false;
                read();
                return;
            }
            String s = streams.get(i);
            send(c, Request.cmd(Command.EVAL).arg(Scripts.CREATE_GROUP).arg(1).arg(s).arg(GROUP)).onComplete(ar -> {
                if (ar.succeeded()) {
                    groupsCreated.add(s);
                }
                createGroups(c, streams, i + 1);
            });
        }
    }

    /**
     * The read loop over this node's inbox, on a connection of its own: a blocking XREAD after the last entry
     * handled. Only this node reads it, so nothing is acknowledged: what was delivered is trimmed.
     */
    private final class InboxReader extends ReadLoop {

        private static final String START = "0-0";
        /** The ID of the last entry handled: the next read starts after it. */
        private String lastId = START;
        /** Entries below this ID were handled and wait to be trimmed; null when none does. */
        private String trimBelow;
        private long trimTimer = -1;

        @Override
        void close() {
            if (trimTimer >= 0) {
                context.owner().cancelTimer(trimTimer);
                trim(); // what was delivered goes now: a node restarted under the same ID would deliver it again
            }
            super.close();
        }

        @Override
        void opened(RedisConnection c) {
            resume(c);
        }

        @Override
        void lost() {
            // a trim worked out before the drop must not meet a stream that Redis created anew meanwhile
            cancelTrim();
        }

        /**
         * After a (re)connect, reads on after the last entry handled, or from the start when the stream is not
         * the one read before: gone, or created anew with IDs that may be below the last one seen.
         */
        private void resume(RedisConnection c) {
            reading = true;
            send(c, Request.cmd(Command.EVAL).arg(Scripts.LAST_GENERATED_ID).arg(1).arg(keys.inbox(me)))
                    .onComplete(ar -> {
                        reading = false;
                        if (connection != c || closed) {
                            return;
                        }
                        if (ar.failed()) {
                            LOG.log(WARNING, "inbox position unknown: {0}", ar.cause().getMessage());
                            context.owner().setTimer(500, t -> {
                                if (connection == c) {
                                    resume(c);
                                }
                            });
                            return;
                        }
                        String generated = ar.result() == null ? null : ar.result().toString();
                        if (generated == null || compareIds(lastId, generated) > 0) {
                            if (!START.equals(lastId)) {
                                LOG.log(INFO, "inbox {0} was created anew (last ID {1}, {2} read before): reading"
                                        + " it from the start", keys.inbox(me), generated, lastId);
                            }
                            lastId = START;
                        }
                        read();
                    });
        }

        private void read() {
            RedisConnection c = connection;
            if (c == null || reading || closed) {
                return;
            }
            reading = true;
            Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(COUNT).arg("BLOCK").arg(1000)
                    .arg("STREAMS").arg(keys.inbox(me)).arg(lastId);
            send(c, xread).onComplete(ar -> {
                reading = false;
                if (connection != c || closed) {
                    return; // dropped meanwhile: the reconnect reads this reply's entries again
                }
                if (ar.failed()) {
                    // e.g. a failover ended the read: the stream may not be the one read before
                    LOG.log(WARNING, "inbox read failed: {0}", ar.cause().getMessage());
                    context.owner().setTimer(500, t -> {
                        if (connection == c && !reading) {
                            resume(c);
                        }
                    });
                    return;
                }
                Response r = ar.result();
                if (r != null) {
                    forEachEntry(r, this::entry);
                    forEachId(r, id -> lastId = id); // entries without a body too, or they would come back
                    trimBelow = nextId(lastId);
                    if (trimTimer < 0) {
                        trimTimer = context.owner().setTimer(TRIM_INTERVAL_MILLIS, t -> trim());
                    }
                }
                read();
            });
        }

        private void entry(String stream, String id, byte[] body) {
            try {
                ClusterCodec.decodeBatch(body, m -> {
                    received.increment();
                    broker.get().deliverLocally(m, null);
                });
            } catch (RuntimeException e) {
                // one bad entry must not stop the read loop; the messages of the batch before it went out
                LOG.log(WARNING, "inbox entry {0} not delivered in full: {1}", id, e.toString());
            }
        }

        private void trim() {
            trimTimer = -1;
            if (trimBelow != null) {
                redis.fire(Request.cmd(Command.XTRIM).arg(keys.inbox(me)).arg("MINID").arg(trimBelow));
                trimBelow = null;
            }
        }

        private void cancelTrim() {
            if (trimTimer >= 0) {
                context.owner().cancelTimer(trimTimer);
                trimTimer = -1;
            }
            trimBelow = null;
        }
    }

    /** Compares two stream IDs ({@code ms-seq}, both unsigned 64-bit) by value. */
    static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int c = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)),
                Long.parseUnsignedLong(b.substring(0, db)));
        return c != 0 ? c : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)),
                Long.parseUnsignedLong(b.substring(db + 1)));
    }

    /** The smallest stream ID above {@code id}. */
    static String nextId(String id) {
        int d = id.indexOf('-');
        long ms = Long.parseUnsignedLong(id.substring(0, d));
        long seq = Long.parseUnsignedLong(id.substring(d + 1));
        return seq == -1L ? Long.toUnsignedString(ms + 1) + "-0" : Long.toUnsignedString(ms) + "-"
                + Long.toUnsignedString(seq + 1);
    }

    /** The stream part of an {@link #inHand} key. */
    private static String streamOf(String inHandKey) {
        return inHandKey.substring(0, inHandKey.indexOf('\u0000'));
    }

    private void pendingEntry(String stream, String id, byte[] body) {
        Boolean done = inHand.get(stream + '\u0000' + id);
        if (done == null) {
            LOG.log(INFO, "handling entry {0} of {1} delivered before the connection to Redis dropped", id, stream);
            entry(stream, id, body);
        } else if (done) {
            acknowledge(stream, id);
        }
    }

    /** The ID of every entry in an XREAD or XREADGROUP reply, including deleted ones (which have no fields). */
    private static void forEachId(Response r, Consumer<String> ids) {
        if (r.isMap()) {
            for (String stream : r.getKeys()) {
                idsOf(r.get(stream), ids);
            }
        } else {
            for (Response streamAndEntries : r) {
                idsOf(streamAndEntries.get(1), ids);
            }
        }
    }

    private static void idsOf(Response list, Consumer<String> ids) {
        if (list != null) {
            for (Response entry : list) {
                if (entry != null && entry.size() > 0) {
                    ids.accept(entry.get(0).toString());
                }
            }
        }
    }

    private Future<Response> send(RedisConnection c, Request r) {
        commands.increment();
        return c.send(r);
    }

    /** Every entry of an XREAD, XREADGROUP or XCLAIM reply: RESP2 nested arrays or a RESP3 map. */
    static void forEachEntry(Response r, EntryHandler handler) {
        if (r.isMap()) {
            for (String stream : r.getKeys()) {
                entries(stream, r.get(stream), handler);
            }
        } else {
            for (Response streamAndEntries : r) {
                entries(streamAndEntries.get(0).toString(), streamAndEntries.get(1), handler);
            }
        }
    }

    private static void entries(String stream, Response list, EntryHandler handler) {
        if (list == null) {
            return;
        }
        for (Response entry : list) {
            if (entry == null || entry.size() < 2 || entry.get(1) == null) {
                continue;
            }
            Response fields = entry.get(1);
            byte[] body = null;
            if (fields.isMap()) {
                body = fields.get("m") == null ? null : fields.get("m").toBytes();
            } else {
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    if ("m".equals(fields.get(i).toString())) {
                        body = fields.get(i + 1).toBytes();
                    }
                }
            }
            if (body != null) {
                handler.entry(stream, entry.get(0).toString(), body);
            }
        }
    }

    interface EntryHandler {
        void entry(String stream, String id, byte[] body);
    }

    private void entry(String stream, String id, byte[] body) {
        inHand.put(stream + '\u0000' + id, Boolean.FALSE);
        if (stream.equals(keys.wake(me))) {
            acknowledge(stream, id); // it has done its work: the read it ended is over
            return;
        }
        String[] group = groupByStream.get(stream);
        List<Message> messages = new ArrayList<>();
        ClusterCodec.decodeBatch(body, messages::add);
        AtomicInteger left = new AtomicInteger(messages.size());
        for (Message m : messages) {
            DeliveryListener listener = new DeliveryListener() {
                @Override
                public void completed() {
                    if (left.decrementAndGet() == 0) {
                        acknowledge(stream, id);
                    }
                }

                @Override
                public void abandoned() {
                    outbox.shared(stream, m, null); // back to the group: another member takes it
                    completed();
                }
            };
            if (group == null || !broker.get().deliverToSharedGroup(group[0], group[1], m, listener)) {
                listener.abandoned();
            }
        }
    }

    /** Queues the entry's XACK and XDEL; those of one turn of the cluster context leave as one of each per stream. */
    private void acknowledge(String stream, String id) {
        inHand.put(stream + '\u0000' + id, Boolean.TRUE);
        acks.add(new Ack(stream, id));
        if (acksScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flushAcks());
        }
    }

    private void flushAcks() {
        acksScheduled.set(false);
        Map<String, List<String>> byStream = new LinkedHashMap<>();
        Ack a;
        while ((a = acks.poll()) != null) {
            byStream.computeIfAbsent(a.stream(), k -> new ArrayList<>()).add(a.id());
        }
        byStream.forEach((stream, ids) -> {
            Request xack = Request.cmd(Command.XACK).arg(stream).arg(GROUP);
            Request xdel = Request.cmd(Command.XDEL).arg(stream);
            for (String id : ids) {
                xack.arg(id);
                xdel.arg(id);
            }
            redis.send(xack, ar -> {
                if (ar.succeeded()) {
                    for (String id : ids) {
                        inHand.remove(stream + '\u0000' + id);
                    }
                }
            });
            redis.fire(xdel);
        });
    }

    private void acknowledgeOnly(String stream, String id) {
        redis.fire(Request.cmd(Command.XACK).arg(stream).arg(GROUP).arg(id));
    }

    /**
     * A node died or left: take over the shared entries it had read and not acknowledged, for the groups with a
     * member here. Every survivor with members tries, since the one that cleans up after the dead node may have
     * none; XCLAIM with a minimum idle time lets only the first claim an entry (claiming resets its idle time).
     *
     * @param minIdleMillis shorter than the time it takes to declare a node dead, longer than a claim race
     */
    void claimFrom(String deadNode, long minIdleMillis) {
        for (String stream : members.keySet()) {
            redis.send(Request.cmd(Command.XPENDING).arg(stream).arg(GROUP).arg("-").arg("+").arg(1000)
                    .arg(deadNode), ar -> {
                        if (ar.failed() || ar.result() == null || ar.result().size() == 0) {
                            return;
                        }
                        Request claim = Request.cmd(Command.XCLAIM).arg(stream).arg(GROUP).arg(me).arg(minIdleMillis);
                        for (Response p : ar.result()) {
                            claim.arg(p.get(0).toString());
                        }
                        redis.send(claim, claimed -> {
                            if (claimed.succeeded() && claimed.result() != null && claimed.result().size() > 0) {
                                int n = claimed.result().size();
                                LOG.log(INFO, "claimed {0} shared messages of dead node {1}", n, deadNode);
                                entries(stream, claimed.result(), this::entry);
                            }
                        });
                    });
        }
    }
}
