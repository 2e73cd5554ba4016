package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The node's pub/sub subscription on a connection of its own. A Redis restart can drop a subscription without
 * the client noticing, so the node also publishes a probe to its own channel every heartbeat and treats a probe
 * that does not come back as a lost subscription: it reconnects and subscribes again.
 *
 * <p>On Redis Cluster the channels are sharded channels (SSUBSCRIBE), each subscribed on the shard that serves
 * its slot. When a slot moves to another shard, Redis ends the subscription (an unasked {@code sunsubscribe});
 * that is a lost subscription too, and the node subscribes again where the slot now is.
 *
 * <p>Threading: the connection lives on the cluster context; handlers run there.
 */
final class PubSub {

    private static final System.Logger LOG = System.getLogger(PubSub.class.getName());

    private final Redis client;
    private final Context context;
    private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
    private final boolean sharded;
    private final Consumer<Boolean> upDown;
    private RedisConnection connection;
    private boolean connecting;
    private volatile boolean up;
    private volatile boolean closed;

    /**
     * @param upDown true once every channel is subscribed again, false when the subscription is lost
     * @param sharded sharded channels (SSUBSCRIBE), on Redis Cluster
     */
    PubSub(Redis client, Context context, Consumer<Boolean> upDown, boolean sharded) {
        this.client = client;
        this.context = context;
        this.upDown = upDown;
        this.sharded = sharded;
    }

    boolean isUp() {
        return up;
    }

    /** Adds a channel; subscribed at once when connected, and again after every reconnect. */
    void subscribe(String channel, Consumer<byte[]> handler) {
        handlers.put(channel, handler);
        context.runOnContext(v -> {
            if (connection != null) {
                connection.send(Request.cmd(sharded ? Command.SSUBSCRIBE : Command.SUBSCRIBE).arg(channel));
            }
        });
    }

    void start() {
        context.runOnContext(v -> connect());
    }

    void close() {
        closed = true;
        context.runOnContext(v -> {
            if (connection != null) {
                connection.close();
            }
        });
    }

    /** The subscription is suspected dead (a probe did not come back): start over. */
    void reconnect() {
        context.runOnContext(v -> {
            RedisConnection c = connection;
            if (c != null) {
                LOG.log(WARNING, "Redis subscription silent, subscribing again");
                dropped(c);
            }
        });
    }

    private void connect() {
        if (connecting || connection != null || closed) {
            return;
        }
        connecting = true;
        client.connect().onComplete(ar -> {
            connecting = false;
            if (ar.failed()) {
                setUp(false);
                if (!closed) {
                    context.owner().setTimer(1000, t -> connect());
                }
                return;
            }
            RedisConnection c = ar.result();
            connection = c;
            c.handler(this::push);
            c.exceptionHandler(e -> dropped(c));
            c.endHandler(v -> dropped(c));
            // one SUBSCRIBE for every channel, or one SSUBSCRIBE per channel (each may live on another shard)
            List<Future<Response>> sent = new ArrayList<>();
            if (sharded) {
                for (String channel : handlers.keySet()) {
                    sent.add(c.send(Request.cmd(Command.SSUBSCRIBE).arg(channel)));
                }
            } else if (!handlers.isEmpty()) {
                Request subscribe = Request.cmd(Command.SUBSCRIBE);
                handlers.keySet().forEach(subscribe::arg);
                sent.add(c.send(subscribe));
            }
            Future.all(sent).onComplete(s -> {
                if (s.succeeded()) {
                    LOG.log(INFO, "Redis subscription open on {0} channels", handlers.size());
                    setUp(true);
                } else {
                    dropped(c);
                }
            });
        });
    }

    /** A pushed message: ["message" or "smessage", channel, payload] (RESP2 array or RESP3 push). */
    private void push(Response r) {
        if (r != null && r.type() == ResponseType.ERROR && connection != null) {
            // a (S)SUBSCRIBE refused, e.g. MOVED while a slot migrates: subscribe again from the start
            LOG.log(WARNING, "Redis refused a subscription: {0}", r);
            dropped(connection);
            return;
        }
        if (r == null || (r.type() != ResponseType.PUSH && r.type() != ResponseType.MULTI) || r.size() < 3) {
            return;
        }
        String kind = r.get(0).toString();
        if ("sunsubscribe".equals(kind) && connection != null) {
            // never asked for: the channel's slot moved to another shard
            LOG.log(WARNING, "Redis ended the sharded subscription to {0}, subscribing again", r.get(1));
            dropped(connection);
            return;
        }
        if (!"message".equals(kind) && !"smessage".equals(kind)) {
            return;
        }
        Consumer<byte[]> h = handlers.get(r.get(1).toString());
        if (h != null) {
            try {
                h.accept(r.get(2).toBytes());
            } catch (RuntimeException e) {
                LOG.log(WARNING, "cluster message on " + r.get(1) + " failed", e);
            }
        }
    }

    private void dropped(RedisConnection c) {
        if (connection != c) {
            return;
        }
        connection = null;
        setUp(false);
        c.close();
        if (!closed) {
            context.owner().setTimer(500, t -> connect());
        }
    }

    private void setUp(boolean nowUp) {
        if (up != nowUp) {
            up = nowUp;
            upDown.accept(nowUp);
        }
    }
}
