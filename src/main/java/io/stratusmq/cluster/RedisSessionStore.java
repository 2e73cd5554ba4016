package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.DropReason;
import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.TopicFilter;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.Message;
import io.stratusmq.session.Session;
import io.stratusmq.session.SessionStore;
import io.stratusmq.session.StoreTicket;
import io.stratusmq.session.StoredSession;
import io.stratusmq.session.Subscription;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Persistent sessions in Redis (see README, "Redis data model"): subscriptions, the queue of QoS 1/2 messages
 * with what is in flight, inbound QoS 2 identifiers, expiry and will. Every change is one pipelined command or
 * script; the scripts touch one session's keys only.
 *
 * <p>Threading: called from event loops; commands leave through the pipeline; replies arrive on the cluster
 * context.
 */
final class RedisSessionStore implements SessionStore {

    private static final System.Logger LOG = System.getLogger(RedisSessionStore.class.getName());

    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final RouteTable routes;
    private final BrokerStats stats;
    private final int maxQueued;
    private final SessionFetcher fetcher;
    private final String me;

    RedisSessionStore(String me, RedisKeys keys, RedisPipeline redis, RouteTable routes, BrokerStats stats,
            int maxQueued, SessionFetcher fetcher) {
        this.me = me;
        this.keys = keys;
        this.redis = redis;
        this.routes = routes;
        this.stats = stats;
        this.maxQueued = maxQueued;
        this.fetcher = fetcher;
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    /**
     * Queues a delivery for a persistent session, wherever its client is. Completes with the node that owns the
     * session now (empty when offline) so the caller can wake it.
     */
    void enqueue(String clientId, Delivery d, StoreTicket ticket, java.util.function.Consumer<String> owner) {
        enqueue(clientId, d, false, ticket, owner);
    }

    /**
     * @param late a QoS 0 message that reached the session's old node as the session left it: queued unless a
     *     message accepted after it on the same node is queued already (publish order [MQTT-4.6.0-6])
     */
    void enqueue(String clientId, Delivery d, boolean late, StoreTicket ticket,
            java.util.function.Consumer<String> owner) {
        Message m = d.message();
        Request eval = Request.cmd(Command.EVAL).arg(Scripts.ENQUEUE).arg(3).arg(keys.session(clientId))
                .arg(keys.messages(clientId)).arg(keys.queue(clientId)).arg(m.id())
                .arg(ClusterCodec.encodeDelivery(d)).arg(maxQueued).arg(Long.toHexString(m.origin()))
                .arg(m.sequence()).arg(late ? "1" : "0");
        redis.send(eval, ar -> {
            if (ar.failed()) {
                ticket.complete(false);
                return;
            }
            Response r = ar.result();
            int outcome = r.get(0).toInteger();
            if (outcome == 2) {
                stats.dropped(DropReason.QUEUE_FULL); // an offline session's queue is full: dropped, counted
            } else if (outcome == 3) {
                stats.dropped(DropReason.SESSION_ENDED); // ended (expired) while its route was still known here
            } else if (outcome == 4) {
                stats.dropped(DropReason.OFFLINE_QOS0); // late, and a later message is queued: order first
            }
            ticket.complete(true);
            if (outcome == 1) {
                owner.accept(r.get(1).toString());
            }
        });
    }

    @Override
    public StoreTicket sent(String clientId, Message message, int packetId) {
        StoreTicket t = new StoreTicket();
        redis.send(Request.cmd(Command.HSET).arg(keys.inflight(clientId)).arg(message.id()).arg(packetId),
                ar -> t.complete(ar.succeeded()));
        return t;
    }

    @Override
    public StoreTicket released(String clientId, Message message, int packetId) {
        StoreTicket t = new StoreTicket();
        redis.send(Request.cmd(Command.HSET).arg(keys.inflight(clientId)).arg(message.id()).arg(packetId + "r"),
                ar -> t.complete(ar.succeeded()));
        return t;
    }

    @Override
    public void completed(String clientId, Message message) {
        redis.fire(complete(keys, clientId, message.id()));
    }

    /** Removes a message from a session's queue for good: the client has it (or, at QoS 0, it went out). */
    static Request complete(RedisKeys keys, String clientId, String messageId) {
        return Request.cmd(Command.EVAL).arg(Scripts.COMPLETE).arg(3).arg(keys.messages(clientId))
                .arg(keys.queue(clientId)).arg(keys.inflight(clientId)).arg(messageId);
    }

    @Override
    public StoreTicket inboundQos2(String clientId, int packetId) {
        StoreTicket t = new StoreTicket();
        redis.send(Request.cmd(Command.SADD).arg(keys.inboundQos2(clientId)).arg(packetId),
                ar -> t.complete(ar.succeeded()));
        return t;
    }

    @Override
    public void inboundQos2Released(String clientId, int packetId) {
        redis.fire(Request.cmd(Command.SREM).arg(keys.inboundQos2(clientId)).arg(packetId));
    }

    @Override
    public StoreTicket subscribed(String clientId, Subscription subscription) {
        return routes.durableAdded(clientId, subscription.filter(), subscription.options());
    }

    @Override
    public void unsubscribed(String clientId, String filterText) {
        routes.durableRemoved(clientId, filterText);
    }

    @Override
    public void sessionUpdated(String clientId, long expirySeconds) {
        redis.fire(Request.cmd(Command.HSET).arg(keys.session(clientId)).arg("expiry").arg(expirySeconds));
    }

    @Override
    public StoreTicket connected(Session session, Message will, long willDelaySeconds, long lastQueueSequence) {
        String clientId = session.clientId();
        StoreTicket recorded = new StoreTicket();
        // recorded once both are written (they may live on different shards)
        Future<Response> hosted = redis.send(Request.cmd(Command.SADD).arg(keys.hosted(me)).arg(clientId));
        Future<Response> state = redis.send(Request.cmd(Command.EVAL).arg(Scripts.CONNECTED).arg(1)
                .arg(keys.session(clientId)).arg(session.ownerToken()).arg(session.expiryIntervalSeconds())
                .arg(session.durable() ? "1" : "0").arg(will == null ? new byte[0] : ClusterCodec.encodeMessage(will))
                .arg(willDelaySeconds));
        Future.all(hosted, state).onComplete(ar -> recorded.complete(ar.succeeded()));
        if (session.durable()) {
            routes.ownerChanged(clientId, true);
            fetcher.online(session, lastQueueSequence);
        }
        return recorded;
    }

    /**
     * A durable session's connection is gone and it stays in the store: record it offline, with its expiry and
     * its will (delayed, or due when the session expires).
     */
    void offline(Session session, Message will, long willDelaySeconds, long nowMillis) {
        fetcher.offline(session);
        routes.ownerChanged(session.clientId(), false);
        String clientId = session.clientId();
        Request eval = Request.cmd(Command.EVAL).arg(Scripts.OFFLINE).arg(1).arg(keys.session(clientId))
                .arg(session.ownerToken()).arg(will == null ? new byte[0] : ClusterCodec.encodeMessage(will))
                .arg(willDelaySeconds);
        redis.send(eval, ar -> {
            if (ar.failed() || ar.result().get(0).toInteger() != 1) {
                return; // another connection owns it now
            }
            redis.fire(Request.cmd(Command.SREM).arg(keys.hosted(me)).arg(clientId));
            long expiry = Long.parseLong(ar.result().get(1).toString());
            scheduleOffline(clientId, expiry, will != null, willDelaySeconds, nowMillis);
        });
    }

    /** Puts an offline session on the expiry and will schedules every node sweeps. */
    void scheduleOffline(String clientId, long expirySeconds, boolean hasWill, long willDelaySeconds,
            long nowMillis) {
        if (expirySeconds != Session.NEVER_EXPIRES) {
            redis.fire(Request.cmd(Command.ZADD).arg(keys.expiries()).arg(nowMillis + expirySeconds * 1000)
                    .arg(clientId));
        }
        if (hasWill) {
            long due = Math.min(willDelaySeconds, expirySeconds);
            redis.fire(Request.cmd(Command.ZADD).arg(keys.wills()).arg(nowMillis + due * 1000).arg(clientId));
        }
    }

    /** A non-durable session's connection ended (its will, if any, was dealt with first). */
    void gone(Session session) {
        redis.fire(Request.cmd(Command.EVAL).arg(Scripts.GONE).arg(1).arg(keys.session(session.clientId()))
                .arg(session.ownerToken()));
        redis.fire(Request.cmd(Command.SREM).arg(keys.hosted(me)).arg(session.clientId()));
    }

    @Override
    public void ended(String clientId, String ownerToken) {
        // with the claimer's token: the script requires the session to be owned by exactly that connection,
        // and "nobody" (what a null token means) never holds once the client id is claimed
        end(clientId, ownerToken, true);
    }

    /**
     * Ends a session in the store and withdraws its durable routes.
     *
     * @param ownerToken the connection that must own it, or null for "nobody may own it" (expiry)
     * @param keepOwner keep the claim of the connection (Clean Start discarding the old session)
     */
    Future<Boolean> end(String clientId, String ownerToken, boolean keepOwner) {
        Request eval = Request.cmd(Command.EVAL).arg(Scripts.END).arg(6).arg(keys.session(clientId))
                .arg(keys.subscriptions(clientId)).arg(keys.messages(clientId)).arg(keys.queue(clientId))
                .arg(keys.inflight(clientId)).arg(keys.inboundQos2(clientId))
                .arg(ownerToken == null ? "*offline" : ownerToken).arg(keepOwner ? "1" : "0");
        return redis.send(eval).map(r -> {
            if (r == null) {
                return false;
            }
            List<String> filters = new ArrayList<>();
            for (Response f : r) {
                filters.add(f.toString());
            }
            routes.durableEnded(clientId, filters);
            return true;
        });
    }

    @Override
    public CompletionStage<StoredSession> load(String clientId) {
        CompletableFuture<StoredSession> out = new CompletableFuture<>();
        Future<Response> session = redis.send(Request.cmd(Command.HGETALL).arg(keys.session(clientId)));
        Future<Response> subs = redis.send(Request.cmd(Command.HGETALL).arg(keys.subscriptions(clientId)));
        Future<Response> queue = redis.send(Request.cmd(Command.ZRANGE).arg(keys.queue(clientId)).arg(0).arg(-1)
                .arg("WITHSCORES"));
        Future<Response> messages = redis.send(Request.cmd(Command.HGETALL).arg(keys.messages(clientId)));
        Future<Response> inflight = redis.send(Request.cmd(Command.HGETALL).arg(keys.inflight(clientId)));
        Future<Response> qos2 = redis.send(Request.cmd(Command.SMEMBERS).arg(keys.inboundQos2(clientId)));
        Future.all(session, subs, queue, messages, inflight, qos2).onComplete(ar -> {
            if (ar.failed()) {
                out.completeExceptionally(ar.cause());
                return;
            }
            try {
                StoredSession stored = assemble(clientId, session.result(), subs.result(), queue.result(),
                        messages.result(), inflight.result(), qos2.result());
                if (stored != null) {
                    completeQos0(clientId, stored);
                }
                out.complete(stored);
            } catch (RuntimeException e) {
                LOG.log(WARNING, "corrupt stored session " + clientId, e);
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /**
     * QoS 0 messages of a resumed session leave the store as they are handed to the connection: at most once,
     * no acknowledgement will remove them, and the session's next connection must not get them again.
     */
    private void completeQos0(String clientId, StoredSession stored) {
        for (StoredSession.StoredMessage m : stored.messages()) {
            if (m.delivery().qos() == 0) {
                completed(clientId, m.delivery().message());
            }
        }
    }

    private static StoredSession assemble(String clientId, Response sessionHash, Response subs, Response queue,
            Response messages, Response inflight, Response qos2) {
        Map<String, String> session = NodeRegistry.toMap(sessionHash);
        if (!"1".equals(session.get("durable"))) {
            return null; // nothing persistent to resume
        }
        List<Subscription> subscriptions = new ArrayList<>();
        NodeRegistry.toMap(subs).forEach((f, o) -> {
            try {
                subscriptions.add(new Subscription(TopicFilter.parse(f), ClusterCodec.decodeOptions(o)));
            } catch (InvalidTopicException e) {
                // a filter that was valid when stored; skip rather than fail the resume
            }
        });
        Map<String, byte[]> bodies = new HashMap<>();
        if (messages != null) {
            if (messages.isMap()) {
                for (String k : messages.getKeys()) {
                    bodies.put(k, messages.get(k).toBytes());
                }
            } else {
                for (int i = 0; i + 1 < messages.size(); i += 2) {
                    bodies.put(messages.get(i).toString(), messages.get(i + 1).toBytes());
                }
            }
        }
        Map<String, String> sent = NodeRegistry.toMap(inflight);
        List<StoredSession.StoredMessage> stored = new ArrayList<>();
        long lastSeq = 0;
        List<String[]> ordered = pairs(queue);
        for (String[] idAndScore : ordered) {
            String id = idAndScore[0];
            lastSeq = Math.max(lastSeq, (long) Double.parseDouble(idAndScore[1]));
            byte[] body = bodies.get(id);
            if (body == null) {
                continue;
            }
            String s = sent.get(id);
            int packetId = 0;
            boolean released = false;
            if (s != null) {
                released = s.endsWith("r");
                packetId = Integer.parseInt(released ? s.substring(0, s.length() - 1) : s);
            }
            stored.add(new StoredSession.StoredMessage(ClusterCodec.decodeDelivery(body), packetId, released));
        }
        Set<Integer> inbound = new HashSet<>();
        if (qos2 != null) {
            for (Response r : qos2) {
                inbound.add(r.toInteger());
            }
        }
        long expiry = Long.parseLong(session.getOrDefault("expiry", "0"));
        return new StoredSession(clientId, expiry, subscriptions, stored, inbound, lastSeq);
    }

    /** ZRANGE WITHSCORES: a flat list (RESP2) or a list of pairs (RESP3). */
    static List<String[]> pairs(Response r) {
        List<String[]> out = new ArrayList<>();
        if (r == null || r.size() == 0) {
            return out;
        }
        if (r.get(0).type() == io.vertx.redis.client.ResponseType.MULTI) {
            for (Response pair : r) {
                out.add(new String[] {pair.get(0).toString(), pair.get(1).toString()});
            }
        } else {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                out.add(new String[] {r.get(i).toString(), r.get(i + 1).toString()});
            }
        }
        return out;
    }
}
