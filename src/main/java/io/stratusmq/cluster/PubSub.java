package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The node's pub/sub subscription on a connection of its own. A Redis restart can drop a subscription without
 * the client noticing, so the node also publishes a probe to its own channel every heartbeat and treats a probe
 * that does not come back as a lost subscription: it reconnects and subscribes again.
 *
 * <p>Threading: the connection lives on the cluster context; handlers run there.
 */
final class PubSub {

    private static final System.Logger LOG = System.getLogger(PubSub.class.getName());

    private final Redis client;
    private final Context context;
    private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
    private final Consumer<Boolean> upDown;
    private RedisConnection connection;
    private boolean connecting;
    private volatile boolean up;
    private volatile boolean closed;

    /** @param upDown true once every channel is subscribed again, false when the subscription is lost */
    PubSub(Redis client, Context context, Consumer<Boolean> upDown) {
        this.client = client;
        this.context = context;
        this.upDown = upDown;
    }

    boolean isUp() {
        return up;
    }

    /** Adds a channel; subscribed at once when connected, and again after every reconnect. */
    void subscribe(String channel, Consumer<byte[]> handler) {
        handlers.put(channel, handler);
        context.runOnContext(v -> {
            if (connection != null) {
                connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
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
            Request subscribe = Request.cmd(Command.SUBSCRIBE);
            for (String channel : handlers.keySet()) {
                subscribe.arg(channel);
            }
            if (handlers.isEmpty()) {
                setUp(true);
                return;
            }
            c.send(subscribe).onComplete(s -> {
                if (s.succeeded()) {
                    LOG.log(INFO, "Redis subscription open on {0} channels", handlers.size());
                    setUp(true);
                } else {
                    dropped(c);
                }
            });
        });
    }

    /** A pushed message: ["message", channel, payload] (RESP2 array or RESP3 push). */
    private void push(Response r) {
        if (r == null || (r.type() != ResponseType.PUSH && r.type() != ResponseType.MULTI) || r.size() < 3) {
            return;
        }
        if (!"message".equals(r.get(0).toString())) {
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
