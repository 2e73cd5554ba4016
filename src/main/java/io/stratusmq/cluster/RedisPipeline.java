package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One Redis connection for commands, pipelined: requests from any thread join a queue and leave as one batch
 * per turn of the cluster's event loop, so that a burst of writes costs one round trip, not one each. Replies
 * come back in order. When the connection drops, pending requests fail and it reconnects by itself.
 *
 * <p>On Redis Cluster a batch cannot span slots, so each request of the turn is sent on its own; the client
 * routes it to the shard that serves its slot and pipelines the requests of one shard on that shard's socket,
 * so replies still come back in order per slot.
 *
 * <p>Threading: {@link #send} from any thread; the connection is used on the cluster context only.
 */
final class RedisPipeline {

    private static final System.Logger LOG = System.getLogger(RedisPipeline.class.getName());
    private static final int MAX_BATCH = 512;

    private record Op(Request request, Handler<AsyncResult<Response>> reply) {
    }

    private final Redis client;
    private final Context context;
    private final ConcurrentLinkedQueue<Op> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<Boolean> upDown;
    private final boolean perCommand;
    /** Requests sent and not answered yet, in per-command mode (on the cluster context). */
    private final Set<Future<Response>> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    private RedisConnection connection;
    private boolean connecting;
    private volatile boolean up;
    private volatile boolean closed;
    private long roundTrips;
    private long commands;
    private int batchesInFlight;
    private List<Promise<Void>> idleWaiters;
    private volatile java.util.function.LongConsumer latency = n -> {
    };

    /**
     * @param upDown told true when the connection (re)opens, false when it drops; on the cluster context
     * @param perCommand send each request on its own (Redis Cluster) instead of one batch per turn
     */
    RedisPipeline(Redis client, Context context, Consumer<Boolean> upDown, boolean perCommand) {
        this.client = client;
        this.context = context;
        this.upDown = upDown;
        this.perCommand = perCommand;
    }

    boolean isUp() {
        return up;
    }

    void latencyObserver(java.util.function.LongConsumer observer) {
        this.latency = observer;
    }

    /** Round trips and commands so far, for the commands-per-message figure. */
    long[] counters() {
        return new long[] {roundTrips, commands};
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

    /**
     * Completes once nothing is queued or waiting for a reply, including commands that replies queue in turn
     * (a session going offline writes its expiry once the store answered). Call on the cluster context, after
     * the commands it should wait for were sent.
     */
    Future<Void> idle() {
        Promise<Void> p = Promise.promise();
        if (batchesInFlight == 0 && queue.isEmpty()) {
            p.complete();
        } else {
            if (idleWaiters == null) {
                idleWaiters = new ArrayList<>(2);
            }
            idleWaiters.add(p);
        }
        return p.future();
    }

    private void checkIdle() {
        if (idleWaiters != null && batchesInFlight == 0 && queue.isEmpty()) {
            List<Promise<Void>> waiters = idleWaiters;
            idleWaiters = null;
            waiters.forEach(Promise::tryComplete);
        }
    }

    /** Queues a command; the reply handler runs on the cluster context. */
    void send(Request request, Handler<AsyncResult<Response>> reply) {
        queue.add(new Op(request, reply));
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
    }

    Future<Response> send(Request request) {
        Promise<Response> p = Promise.promise();
        send(request, p);
        return p.future();
    }

    /**
     * Completes once every request queued before this call has been answered (or has failed), whichever shard it
     * went to: for work that must follow writes to other keys, such as an announcement that others act on by
     * reading those keys. On a single Redis that is the reply of a PING queued behind them. Fails when Redis
     * was unavailable.
     */
    Future<Void> barrier() {
        Promise<Void> p = Promise.promise();
        Handler<AsyncResult<Response>> done = ar -> {
            if (ar.failed()) {
                p.fail(ar.cause());
            } else {
                p.complete();
            }
        };
        if (!perCommand) {
            send(Request.cmd(Command.PING), done);
            return p.future();
        }
        queue.add(new Op(null, done));
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
        return p.future();
    }

    /** Fire and forget: failures are logged once by the connection state, not per command. */
    void fire(Request request) {
        send(request, ar -> {
        });
    }

    private void flush() {
        scheduled.set(false);
        if (queue.isEmpty()) {
            return;
        }
        RedisConnection c = connection;
        if (c == null) {
            failAll(new IllegalStateException("Redis unavailable"));
            connect();
            checkIdle();
            return;
        }
        if (perCommand) {
            sendEach(c);
            return;
        }
        List<Op> ops = new ArrayList<>(Math.min(MAX_BATCH, 64));
        Op op;
        while (ops.size() < MAX_BATCH && (op = queue.poll()) != null) {
            ops.add(op);
        }
        List<Request> requests = new ArrayList<>(ops.size());
        for (Op o : ops) {
            requests.add(o.request());
        }
        roundTrips++;
        commands += ops.size();
        batchesInFlight++;
        long sent = System.nanoTime();
        c.batch(requests).onComplete(ar -> {
            batchesInFlight--;
            latency.accept(System.nanoTime() - sent);
            if (ar.succeeded()) {
                List<Response> replies = ar.result();
                for (int i = 0; i < ops.size(); i++) {
                    ops.get(i).reply().handle(Future.succeededFuture(replies.get(i)));
                }
            } else {
                for (Op o : ops) {
                    o.reply().handle(Future.failedFuture(ar.cause()));
                }
            }
            checkIdle();
        });
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
    }

    /** Redis Cluster: every queued request on its own, routed by its slot; a barrier waits for those before it. */
    private void sendEach(RedisConnection c) {
        Op op;
        while ((op = queue.poll()) != null) {
            Op o = op;
            if (o.request() == null) {
                Future.join(new ArrayList<>(inFlight)).onComplete(ar -> o.reply().handle(Future.succeededFuture()));
                continue;
            }
            roundTrips++;
            commands++;
            batchesInFlight++;
            long sent = System.nanoTime();
            Future<Response> reply = c.send(o.request());
            inFlight.add(reply);
            reply.onComplete(ar -> {
                inFlight.remove(reply);
                batchesInFlight--;
                latency.accept(System.nanoTime() - sent);
                o.reply().handle(ar);
                checkIdle();
            });
        }
    }

    private void failAll(Throwable cause) {
        Op op;
        while ((op = queue.poll()) != null) {
            op.reply().handle(Future.failedFuture(cause));
        }
    }

    private void connect() {
        if (connecting || connection != null || closed) {
            return;
        }
        connecting = true;
        client.connect().onComplete(ar -> {
            connecting = false;
            if (ar.failed()) {
                if (up) {
                    LOG.log(WARNING, "Redis unreachable: {0}", ar.cause().getMessage());
                }
                setUp(false);
                failAll(ar.cause());
                if (!closed) {
                    context.owner().setTimer(1000, t -> connect());
                }
                return;
            }
            RedisConnection c = ar.result();
            c.exceptionHandler(e -> dropped(c, e));
            c.endHandler(v -> dropped(c, null));
            connection = c;
            LOG.log(INFO, "Redis command connection open");
            setUp(true);
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> flush());
            }
        });
    }

    private void dropped(RedisConnection c, Throwable cause) {
        if (connection != c) {
            return;
        }
        connection = null;
        LOG.log(closed ? DEBUG : WARNING, "Redis command connection lost{0}",
                cause == null ? "" : ": " + cause.getMessage());
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
