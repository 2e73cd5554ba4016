package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which nodes are alive. Each node renews a key with a TTL every heartbeat; a node whose key has expired is
 * dead, every survivor forgets its routes, and exactly one survivor (the one that takes a lock) cleans up
 * after it: publishes the wills of its clients, hands its persistent sessions on, deletes its inbox (whose
 * messages were for its clean-start subscribers, gone with it).
 *
 * <p>Threading: runs on the cluster context.
 */
final class NodeRegistry {

    private static final System.Logger LOG = System.getLogger(NodeRegistry.class.getName());

    /** What the rest of the cluster layer does when nodes come and go. Called on the cluster context. */
    interface Listener {
        void nodeUp(String node);

        void nodeDown(String node);

        /** This node won the lock: clean up after the dead node; {@code done} runs when finished. */
        void cleanUp(String node, Runnable done);
    }

    private final String me;
    private final String incarnation;
    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final Context context;
    private final long heartbeatMillis;
    private final long timeoutMillis;
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Set<String> cleaning = ConcurrentHashMap.newKeySet();
    private final List<Listener> listeners = new ArrayList<>();
    private long timer = -1;
    private volatile boolean registered;
    /** When this node last (re)connected to Redis; 0 while it is not connected. */
    private long connectedAt;

    NodeRegistry(String me, String incarnation, RedisKeys keys, RedisPipeline redis, Context context,
            long heartbeatMillis, long timeoutMillis) {
        this.me = me;
        this.incarnation = incarnation;
        this.keys = keys;
        this.redis = redis;
        this.context = context;
        this.heartbeatMillis = heartbeatMillis;
        this.timeoutMillis = timeoutMillis;
    }

    void listener(Listener l) {
        listeners.add(l);
    }

    String me() {
        return me;
    }

    /** True for this node and every other node last seen alive. */
    boolean isLive(String node) {
        return me.equals(node) || live.contains(node);
    }

    /**
     * Whether a node may be alive now: from the last heartbeat check when it was seen alive, else from its
     * liveness key in Redis, so that a node that joined since this node's last check counts at once. When Redis
     * cannot tell, the answer is true: the caller then treats the node as alive, the safe side.
     */
    void aliveNow(String node, java.util.function.Consumer<Boolean> answer) {
        if (isLive(node)) {
            answer.accept(true);
            return;
        }
        redis.send(Request.cmd(Command.EXISTS).arg(keys.alive(node)),
                ar -> answer.accept(ar.failed() || ar.result().toInteger() == 1));
    }

    Set<String> liveNodes() {
        return live;
    }

    /** True once this node's heartbeat key is in Redis. */
    boolean isRegistered() {
        return registered;
    }

    /**
     * The command connection to Redis opened (true) or dropped (false). Every node loses Redis at once when Redis
     * itself goes away, and their heartbeat keys lapse meanwhile; judging the others on the first heartbeat
     * after Redis returns would declare them all dead (and publish the wills of clients still connected, take
     * over sessions still in use). So a node judges others only once it has been connected for a whole node
     * timeout, which gives every live node time to renew its key.
     */
    void redisUpDown(boolean up) {
        context.runOnContext(v -> {
            connectedAt = up ? System.currentTimeMillis() : 0;
            if (up && timer >= 0) {
                beat(); // register now: a beat that ran before the connection opened failed, and readiness waits
            }
        });
    }

    private boolean mayJudge() {
        return connectedAt != 0 && System.currentTimeMillis() - connectedAt >= timeoutMillis;
    }

    void start() {
        context.runOnContext(v -> {
            beat();
            timer = context.owner().setPeriodic(heartbeatMillis, t -> beat());
        });
    }

    /** Leaves the cluster on a clean shutdown: the others need not wait for the TTL. */
    void leave() {
        context.runOnContext(v -> {
            if (timer >= 0) {
                context.owner().cancelTimer(timer);
                timer = -1;
            }
            redis.fire(Request.cmd(Command.DEL).arg(keys.alive(me)));
            redis.fire(Request.cmd(Command.HDEL).arg(keys.nodes()).arg(me));
        });
    }

    private void beat() {
        redis.send(Request.cmd(Command.HSET).arg(keys.nodes()).arg(me).arg(incarnation), ar -> {
        });
        // the key lapses one heartbeat before the timeout, so that a check one heartbeat later sees a dead
        // node within the timeout
        long ttl = Math.max(2 * heartbeatMillis, timeoutMillis - heartbeatMillis);
        redis.send(Request.cmd(Command.SET).arg(keys.alive(me)).arg(incarnation).arg("PX").arg(ttl),
                ar -> registered = ar.succeeded());
        redis.send(Request.cmd(Command.HGETALL).arg(keys.nodes()), ar -> {
            if (ar.succeeded()) {
                check(toMap(ar.result()));
            }
        });
    }

    /** Asks for the liveness key of every other known node and acts on the answers. */
    private void check(Map<String, String> known) {
        for (Map.Entry<String, String> e : known.entrySet()) {
            String node = e.getKey();
            if (node.equals(me)) {
                continue;
            }
            redis.send(Request.cmd(Command.GET).arg(keys.alive(node)), ar -> {
                if (ar.failed()) {
                    return;
                }
                boolean alive = ar.result() != null;
                if (alive && live.add(node)) {
                    LOG.log(INFO, "node {0} joined", node);
                    listeners.forEach(l -> l.nodeUp(node));
                } else if (!alive && mayJudge()) {
                    if (live.remove(node)) {
                        LOG.log(WARNING, "node {0} stopped heartbeating: dead", node);
                        listeners.forEach(l -> l.nodeDown(node));
                    }
                    tryCleanUp(node);
                }
            });
        }
        for (String node : live) {
            if (!known.containsKey(node) && mayJudge()) { // left cleanly (or Redis lost the registry: see above)
                live.remove(node);
                LOG.log(INFO, "node {0} left", node);
                listeners.forEach(l -> l.nodeDown(node));
            }
        }
    }

    /** One survivor takes the lock and cleans up; the lock outlives the cleanup so nobody repeats it. */
    private void tryCleanUp(String node) {
        if (!cleaning.add(node)) {
            return;
        }
        Request lock = Request.cmd(Command.SET).arg(keys.cleanup(node)).arg(me).arg("NX").arg("PX")
                .arg(Math.max(60_000, timeoutMillis * 6));
        redis.send(lock, ar -> {
            if (ar.failed() || ar.result() == null) {
                cleaning.remove(node);
                return;
            }
            LOG.log(INFO, "cleaning up after dead node {0}", node);
            Runnable done = () -> {
                redis.fire(Request.cmd(Command.HDEL).arg(keys.nodes()).arg(node));
                redis.fire(Request.cmd(Command.DEL).arg(keys.routes(node)));
                redis.fire(Request.cmd(Command.DEL).arg(keys.hosted(node)));
                cleaning.remove(node);
                LOG.log(INFO, "cleanup after node {0} finished", node);
            };
            if (listeners.isEmpty()) {
                done.run();
                return;
            }
            int[] left = {listeners.size()};
            for (Listener l : listeners) {
                l.cleanUp(node, () -> {
                    if (--left[0] == 0) {
                        done.run();
                    }
                });
            }
        });
    }

    static Map<String, String> toMap(Response r) {
        Map<String, String> out = new HashMap<>();
        if (r == null) {
            return out;
        }
        if (r.type() == io.vertx.redis.client.ResponseType.MULTI && !r.isMap()) {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                out.put(r.get(i).toString(), r.get(i + 1).toString());
            }
        } else {
            for (String k : r.getKeys()) {
                out.put(k, r.get(k).toString());
            }
        }
        return out;
    }
}
