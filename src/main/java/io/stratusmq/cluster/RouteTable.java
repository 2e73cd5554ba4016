package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.DEBUG;

import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.SubscriptionTrie;
import io.stratusmq.routing.TopicFilter;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which nodes have subscribers for which topic filters. Each node announces its own filters (a set in Redis
 * plus events on a channel) and keeps a replica of everybody else's in a subscription trie, so that a publish
 * is matched locally and sent only to the nodes that need it.
 *
 * <p>Threading: local changes come from any event loop; Redis replies and events arrive on the cluster context;
 * the trie is thread-safe.
 */
final class RouteTable {

    private static final System.Logger LOG = System.getLogger(RouteTable.class.getName());
    private static final Boolean ROUTE = Boolean.TRUE;

    private final String me;
    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final Map<String, Integer> local = new ConcurrentHashMap<>();
    private final SubscriptionTrie<String, Boolean> remote = new SubscriptionTrie<>();
    private final Map<String, Set<String>> byNode = new ConcurrentHashMap<>();

    RouteTable(String me, RedisKeys keys, RedisPipeline redis) {
        this.me = me;
        this.keys = keys;
        this.redis = redis;
    }

    SubscriptionTrie<String, Boolean> remote() {
        return remote;
    }

    /** A local subscription to this filter appeared; the first one announces the route. */
    void localAdded(TopicFilter filter) {
        local.compute(filter.text(), (f, n) -> {
            if (n == null) {
                redis.fire(Request.cmd(Command.SADD).arg(keys.routes(me)).arg(f));
                redis.fire(Request.cmd(Command.PUBLISH).arg(keys.routeChannel()).arg(event('+', f)));
                return 1;
            }
            return n + 1;
        });
    }

    /** A local subscription to this filter went away; the last one withdraws the route. */
    void localRemoved(TopicFilter filter) {
        local.computeIfPresent(filter.text(), (f, n) -> {
            if (n > 1) {
                return n - 1;
            }
            redis.fire(Request.cmd(Command.SREM).arg(keys.routes(me)).arg(f));
            redis.fire(Request.cmd(Command.PUBLISH).arg(keys.routeChannel()).arg(event('-', f)));
            return null;
        });
    }

    /** After Redis came back: write every local route again and tell the others to reload ours. */
    void republish() {
        redis.fire(Request.cmd(Command.DEL).arg(keys.routes(me)));
        for (String f : local.keySet()) {
            redis.fire(Request.cmd(Command.SADD).arg(keys.routes(me)).arg(f));
        }
        redis.fire(Request.cmd(Command.PUBLISH).arg(keys.routeChannel()).arg(event('*', "")));
    }

    int localFilterCount() {
        return local.size();
    }

    /** "+node\nfilter", "-node\nfilter" or "*node\n" (reload everything of node). */
    void onEvent(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        if (nl < 1) {
            return;
        }
        char op = s.charAt(0);
        String node = s.substring(1, nl);
        String filter = s.substring(nl + 1);
        if (node.equals(me)) {
            return;
        }
        switch (op) {
            case '+' -> add(node, filter);
            case '-' -> remove(node, filter);
            case '*' -> load(node);
            default -> {
            }
        }
    }

    /** Reads a node's whole route set, e.g. when it joins or asks for it. */
    void load(String node) {
        if (node.equals(me)) {
            return;
        }
        redis.send(Request.cmd(Command.SMEMBERS).arg(keys.routes(node)), ar -> {
            if (ar.failed()) {
                return;
            }
            Set<String> fresh = ConcurrentHashMap.newKeySet();
            for (Response r : ar.result()) {
                fresh.add(r.toString());
            }
            Set<String> old = byNode.getOrDefault(node, Set.of());
            for (String f : old) {
                if (!fresh.contains(f)) {
                    remove(node, f);
                }
            }
            for (String f : fresh) {
                add(node, f);
            }
        });
    }

    /** A node died or left: its routes go. */
    void drop(String node) {
        Set<String> filters = byNode.remove(node);
        if (filters == null) {
            return;
        }
        for (String f : filters) {
            parse(f).ifPresent(tf -> remote.remove(tf, node));
        }
    }

    private void add(String node, String filter) {
        parse(filter).ifPresent(tf -> {
            remote.put(tf, node, ROUTE);
            byNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(filter);
        });
    }

    private void remove(String node, String filter) {
        parse(filter).ifPresent(tf -> remote.remove(tf, node));
        Set<String> filters = byNode.get(node);
        if (filters != null) {
            filters.remove(filter);
        }
    }

    private byte[] event(char op, String filter) {
        return (op + me + "\n" + filter).getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.Optional<TopicFilter> parse(String filter) {
        try {
            return java.util.Optional.of(TopicFilter.parse(filter));
        } catch (InvalidTopicException e) {
            LOG.log(DEBUG, "ignoring invalid route {0}", filter);
            return java.util.Optional.empty();
        }
    }
}
