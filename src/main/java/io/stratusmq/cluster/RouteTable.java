package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.DEBUG;

import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.SubscriptionTrie;
import io.stratusmq.routing.TopicFilter;
import io.stratusmq.session.StoreTicket;
import io.stratusmq.session.SubscriptionOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who subscribes to what, cluster-wide, replicated on every node so that a publish is matched locally and sent
 * only where it is needed. Two kinds of route share one trie:
 * <ul>
 * <li>node routes (key: the node id): "node N has non-durable subscribers for filter F", announced with a
 * reference count per filter;</li>
 * <li>durable routes (key: "s:" + client id): one per subscription of a persistent session, with its options,
 * so that any node can queue a message for that session directly in the store, wherever (or whether) the
 * client is connected.</li>
 * </ul>
 * Each change goes to Redis (a set per node, the session's subscription hash) and as an event on a channel.
 *
 * <p>Threading: local changes come from any event loop; events and replies arrive on the cluster context; the
 * trie is thread-safe.
 */
final class RouteTable {

    static final String DURABLE = "s:";
    private static final System.Logger LOG = System.getLogger(RouteTable.class.getName());
    private static final SubscriptionOptions NODE_ROUTE = new SubscriptionOptions(2, false, true, 0, 0);

    private final String me;
    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final RouteFences fences;
    private final Map<String, Integer> local = new ConcurrentHashMap<>();
    /** Routes announced and not yet applied everywhere: filter -> the announcement's ticket. */
    private final Map<String, StoreTicket> announcing = new ConcurrentHashMap<>();
    private final SubscriptionTrie<String, SubscriptionOptions> trie = new SubscriptionTrie<>();
    private final Map<String, Set<String>> byKey = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    RouteTable(String me, RedisKeys keys, RedisPipeline redis, RouteFences fences) {
        this.me = me;
        this.keys = keys;
        this.redis = redis;
        this.fences = fences;
    }

    SubscriptionTrie<String, SubscriptionOptions> trie() {
        return trie;
    }

    // ---- node routes ------------------------------------------------------------------------------------

    /**
     * A local non-durable subscription (or shared membership) to this filter appeared. The first one announces
     * the route; the ticket completes once every node has applied it (or at once when the route was known).
     */
    StoreTicket localAdded(TopicFilter filter) {
        StoreTicket[] announced = {null};
        local.compute(filter.text(), (f, n) -> {
            if (n == null) {
                redis.fire(Request.cmd(Command.SADD).arg(keys.routes(me)).arg(f));
                StoreTicket t = fences.after(stored(keys.publish(keys.routeChannel()).arg(event('+', me, f,
                        null))));
                announcing.put(f, t);
                t.whenDone(() -> announcing.remove(f, t));
                announced[0] = t;
                add(me, f, NODE_ROUTE); // this node is in the trie too: shared groups count its members
                return 1;
            }
            announced[0] = announcing.get(f); // a later subscriber waits for the same announcement
            return n + 1;
        });
        return announced[0] != null ? announced[0] : StoreTicket.completed();
    }

    /** Sends a write; its ticket completes when Redis answered it (replies come in order, after earlier writes). */
    private StoreTicket stored(Request write) {
        StoreTicket t = new StoreTicket();
        redis.send(write, ar -> t.complete(ar.succeeded()));
        return t;
    }

    /** A local non-durable subscription to this filter went away; the last one withdraws the route. */
    void localRemoved(TopicFilter filter) {
        local.computeIfPresent(filter.text(), (f, n) -> {
            if (n > 1) {
                return n - 1;
            }
            redis.fire(Request.cmd(Command.SREM).arg(keys.routes(me)).arg(f));
            redis.fire(keys.publish(keys.routeChannel()).arg(event('-', me, f, null)));
            remove(me, f);
            return null;
        });
    }

    /** After Redis came back: write every local route again and ask the others to reload ours once written. */
    void republish() {
        redis.fire(Request.cmd(Command.DEL).arg(keys.routes(me)));
        for (String f : local.keySet()) {
            redis.fire(Request.cmd(Command.SADD).arg(keys.routes(me)).arg(f));
        }
        redis.barrier().onSuccess(v -> redis.fire(keys.publish(keys.routeChannel()).arg(event('*', me, "", null))));
    }

    // ---- durable routes ---------------------------------------------------------------------------------

    /**
     * A persistent session subscribed: store it and tell every node. The ticket completes once the subscription
     * is stored and every node has applied it, and fails if the store refused it.
     */
    StoreTicket durableAdded(String clientId, TopicFilter filter, SubscriptionOptions options) {
        String encoded = ClusterCodec.encodeOptions(options);
        StoreTicket t = new StoreTicket();
        Future<Response> stored = redis.send(Request.cmd(Command.HSET).arg(keys.subscriptions(clientId))
                .arg(filter.text()).arg(encoded));
        Future<Response> listed = redis.send(Request.cmd(Command.SADD).arg(keys.durableSessions()).arg(clientId));
        Future<Response> told = redis.send(keys.publish(keys.routeChannel())
                .arg(event('+', DURABLE + clientId, filter.text(), encoded)));
        Future.all(stored, listed, told).onComplete(ar -> t.complete(ar.succeeded()));
        StoreTicket applied = fences.after(t);
        add(DURABLE + clientId, filter.text(), options);
        return applied;
    }

    /** A persistent session unsubscribed. */
    void durableRemoved(String clientId, String filter) {
        redis.fire(Request.cmd(Command.HDEL).arg(keys.subscriptions(clientId)).arg(filter));
        redis.fire(keys.publish(keys.routeChannel())
                .arg(event('-', DURABLE + clientId, filter, null)));
        remove(DURABLE + clientId, filter);
    }

    /** A persistent session ended: its routes go everywhere. The store has deleted its subscriptions already. */
    void durableEnded(String clientId, Iterable<String> filters) {
        redis.fire(Request.cmd(Command.SREM).arg(keys.durableSessions()).arg(clientId));
        for (String f : filters) {
            redis.fire(keys.publish(keys.routeChannel())
                    .arg(event('-', DURABLE + clientId, f, null)));
            remove(DURABLE + clientId, f);
        }
    }

    /**
     * Loads every persistent session's subscriptions, at start and after Redis came back. Completes once every
     * read is answered.
     */
    Future<Void> loadDurable() {
        Promise<Void> done = Promise.promise();
        redis.send(Request.cmd(Command.SMEMBERS).arg(keys.durableSessions()), ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            for (Response r : ar.result()) {
                String clientId = r.toString();
                redis.send(Request.cmd(Command.HGETALL).arg(keys.subscriptions(clientId)), subs -> {
                    if (subs.succeeded()) {
                        NodeRegistry.toMap(subs.result()).forEach((f, o) ->
                                add(DURABLE + clientId, f, ClusterCodec.decodeOptions(o)));
                    }
                });
                redis.send(Request.cmd(Command.HGET).arg(keys.session(clientId)).arg("owner"), owner -> {
                    if (owner.succeeded() && owner.result() != null && !owner.result().toString().isEmpty()) {
                        owners.putIfAbsent(clientId, owner.result().toString());
                    }
                });
            }
            redis.barrier().onComplete(done);
        });
        return done.future();
    }

    /** The node a persistent session is connected to now, or null when it is offline (as far as we know). */
    String owner(String clientId) {
        return owners.get(clientId);
    }

    /** A persistent session connected here, or went offline: everybody learns where its QoS 0 messages go. */
    void ownerChanged(String clientId, boolean connectedHere) {
        if (connectedHere) {
            owners.put(clientId, me);
        } else {
            owners.remove(clientId, me);
        }
        redis.fire(keys.publish(keys.routeChannel())
                .arg(event('@', DURABLE + clientId, connectedHere ? me : "-" + me, null)));
    }

    // ---- events from other nodes ------------------------------------------------------------------------

    /**
     * "+key\nfilter[\noptions]", "-key\nfilter", "*node\n" (reload every route of node), "@key\nnode" (where a
     * persistent session is connected) or "?node\ntoken" (a fence, see {@link RouteFences}).
     */
    void onEvent(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        if (nl < 1) {
            return;
        }
        char op = s.charAt(0);
        String key = s.substring(1, nl);
        String rest = s.substring(nl + 1);
        if (key.equals(me)) {
            return;
        }
        int nl2 = rest.indexOf('\n');
        String filter = nl2 < 0 ? rest : rest.substring(0, nl2);
        switch (op) {
            case '+' -> add(key, filter, nl2 < 0 ? NODE_ROUTE : ClusterCodec.decodeOptions(rest.substring(nl2 + 1)));
            case '-' -> remove(key, filter);
            case '*' -> load(key);
            case '?' -> fences.onFence(key, filter);
            case '@' -> {
                String cid = key.substring(DURABLE.length());
                if (filter.startsWith("-")) {
                    owners.remove(cid, filter.substring(1)); // only if that node still is the owner we know
                } else {
                    owners.put(cid, filter);
                }
            }
            default -> {
            }
        }
    }

    /** Reads a node's whole route set, e.g. when it joins or asks for it. */
    Future<Void> load(String node) {
        if (node.equals(me)) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        redis.send(Request.cmd(Command.SMEMBERS).arg(keys.routes(node)), ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            Set<String> fresh = ConcurrentHashMap.newKeySet();
            for (Response r : ar.result()) {
                fresh.add(r.toString());
            }
            for (String f : byKey.getOrDefault(node, Set.of())) {
                if (!fresh.contains(f)) {
                    remove(node, f);
                }
            }
            for (String f : fresh) {
                add(node, f, NODE_ROUTE);
            }
            done.complete();
        });
        return done.future();
    }

    /** A node died or left: its node routes go. */
    void drop(String node) {
        Set<String> filters = byKey.remove(node);
        if (filters != null) {
            for (String f : filters) {
                parse(f).ifPresent(tf -> trie.remove(tf, node));
            }
        }
        owners.values().removeIf(node::equals);
    }

    private void add(String key, String filter, SubscriptionOptions options) {
        parse(filter).ifPresent(tf -> {
            trie.put(tf, key, options);
            byKey.computeIfAbsent(key, n -> ConcurrentHashMap.newKeySet()).add(filter);
        });
    }

    private void remove(String key, String filter) {
        parse(filter).ifPresent(tf -> trie.remove(tf, key));
        Set<String> filters = byKey.get(key);
        if (filters != null) {
            filters.remove(filter);
            if (filters.isEmpty()) {
                byKey.remove(key, filters);
            }
        }
    }

    private static byte[] event(char op, String key, String filter, String options) {
        String s = op + key + "\n" + filter + (options == null ? "" : "\n" + options);
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<TopicFilter> parse(String filter) {
        try {
            return Optional.of(TopicFilter.parse(filter));
        } catch (InvalidTopicException e) {
            LOG.log(DEBUG, "ignoring invalid route {0}", filter);
            return Optional.empty();
        }
    }
}
