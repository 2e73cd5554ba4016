package io.stratusmq.cluster;

import io.stratusmq.session.StoreTicket;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Makes a new route known on every node before its SUBACK goes out. Redis answering the PUBLISH of a route
 * event only means the event was written towards the other nodes, not that they applied it; a client that reads
 * the SUBACK and at once publishes through another node could still find no route there. So after the event
 * the node publishes a fence on the same channel ({@code ?node\ntoken}); the events of one publisher on one
 * channel arrive in order, so a node that handles the fence has applied the route, and answers it on the
 * announcing node's channel. The route's ticket completes once every node alive when the fence left has
 * answered, or after {@code timeout} (a node that died meanwhile never answers; the route is stored and
 * announced all the same).
 *
 * <p>Threading: {@link #after} from any thread; fences and answers arrive on the cluster context.
 */
final class RouteFences {

    /** Type of an answer on the announcing node's channel: "token\nnode". */
    static final byte ANSWER = 'F';

    private static final class Fence {
        final StoreTicket done = new StoreTicket();
        final Set<String> waitingFor = ConcurrentHashMap.newKeySet();
        volatile boolean announced;
    }

    private final String me;
    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final Vertx vertx;
    private final Supplier<Set<String>> peers;
    private final long timeoutMillis;
    /** Starts at random, so that answers meant for an earlier incarnation of this node id match nothing. */
    private final AtomicLong tokens = new AtomicLong(ThreadLocalRandom.current().nextLong() >>> 1);
    private final Map<Long, Fence> open = new ConcurrentHashMap<>();

    /** @param peers the other nodes alive now */
    RouteFences(String me, RedisKeys keys, RedisPipeline redis, Vertx vertx, Supplier<Set<String>> peers,
            long timeoutMillis) {
        this.me = me;
        this.keys = keys;
        this.redis = redis;
        this.vertx = vertx;
        this.peers = peers;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Call right after queueing the route event whose ticket is {@code announced}, on the same thread, so that
     * the fence follows the event. The returned ticket fails if the announcement failed, and completes once every
     * live node has applied it.
     */
    StoreTicket after(StoreTicket announced) {
        Set<String> waitingFor = new HashSet<>(peers.get());
        waitingFor.remove(me);
        if (waitingFor.isEmpty()) {
            return announced;
        }
        long token = tokens.incrementAndGet();
        Fence fence = new Fence();
        fence.waitingFor.addAll(waitingFor);
        open.put(token, fence);
        redis.fire(keys.publish(keys.routeChannel()).arg("?" + me + "\n" + token));
        announced.whenDone(() -> {
            if (announced.failed()) {
                close(token, false);
                return;
            }
            fence.announced = true;
            if (fence.waitingFor.isEmpty()) {
                close(token, true);
            } else {
                vertx.setTimer(timeoutMillis, t -> close(token, true));
            }
        });
        return fence.done;
    }

    /** Another node's fence: everything it announced before it is applied here. */
    void onFence(String origin, String token) {
        redis.fire(keys.toNode(origin).arg(Outbox.prefixed(ANSWER,
                (token + "\n" + me).getBytes(StandardCharsets.UTF_8))));
    }

    /** A node answered one of our fences. */
    void onAnswer(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        if (nl < 1) {
            return;
        }
        long token;
        try {
            token = Long.parseLong(s.substring(0, nl));
        } catch (NumberFormatException e) {
            return;
        }
        Fence fence = open.get(token);
        if (fence != null && fence.waitingFor.remove(s.substring(nl + 1)) && fence.waitingFor.isEmpty()
                && fence.announced) {
            close(token, true);
        }
    }

    /** A node died or left: no fence waits for its answer any more. */
    void nodeDown(String node) {
        open.forEach((token, fence) -> {
            if (fence.waitingFor.remove(node) && fence.waitingFor.isEmpty() && fence.announced) {
                close(token, true);
            }
        });
    }

    private void close(long token, boolean success) {
        Fence fence = open.remove(token);
        if (fence != null) {
            fence.done.complete(success);
        }
    }
}
