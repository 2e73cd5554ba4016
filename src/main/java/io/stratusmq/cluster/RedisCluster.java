package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.broker.Broker;
import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.RetainedStore;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.Session;
import io.stratusmq.session.SessionDirectory;
import io.stratusmq.session.SessionLimits;
import io.stratusmq.session.SessionStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A node of a cluster that shares its state through Redis: wires the pipeline, the pub/sub subscription, the
 * node registry, the route table, the stores, the stream consumer and the sweeper, and keeps readiness honest:
 * a node is ready only while Redis answers, its subscription is live and its routes are registered, and it
 * becomes ready again by itself when Redis comes back.
 *
 * <p>Threading: cluster work runs on one dedicated event-loop context.
 */
public final class RedisCluster implements ClusterRuntime {

    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());
    private static final byte PROBE = 'P';
    private static final int STOP_FLUSH_SECONDS = 3;

    private final String me;
    private final ClusterSettings settings;
    private final Vertx vertx;
    private final Context context;
    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final PubSub pubsub;
    private final NodeRegistry nodes;
    private final RouteFences fences;
    private final RouteTable routes;
    private final Outbox outbox;
    private final SessionFetcher fetcher;
    private final RedisSessionStore store;
    private final RedisRetainedStore retained;
    private final RedisDirectory directory;
    private final StreamConsumer streams;
    private final Sweeper sweeper;
    private final LongSupplier clock = System::currentTimeMillis;
    private final LongAdder received = new LongAdder();
    private volatile Broker broker;
    private volatile RedisBridge bridge;
    private volatile Runnable declaredDead = () -> {
    };
    private volatile boolean loaded;
    private volatile boolean wasDown;
    /** Set when the node leaves: its connections closing then is no loss of Redis. */
    private volatile boolean stopping;
    private volatile long lastProbe;
    private long resyncs;
    private final boolean queueQos0Offline;
    private long timer = -1;

    /**
     * @param redisCluster the client talks to a Redis Cluster ({@code quarkus.redis.client-type=cluster}): no
     *        command batch spans slots, node channels are sharded, and the stream reads are split by slot
     */
    public RedisCluster(String nodeId, ClusterSettings settings, Redis client, boolean redisCluster, Vertx vertx,
            BrokerStats stats, SessionLimits limits) {
        int maxQueuedMessages = limits.maxQueuedMessages();
        this.queueQos0Offline = limits.queueQos0Offline();
        this.me = nodeId;
        this.settings = settings;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.keys = new RedisKeys(settings.keyPrefix(), redisCluster);
        this.redis = new RedisPipeline(client, context, this::redisUpDown, redisCluster);
        this.pubsub = new PubSub(client, context, this::subscriptionUpDown, redisCluster);
        String incarnation = Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.nodes = new NodeRegistry(me, incarnation, keys, redis, context,
                settings.heartbeatInterval().toMillis(), settings.nodeTimeout().toMillis());
        this.fences = new RouteFences(me, keys, redis, vertx, nodes::liveNodes,
                settings.takeoverTimeout().toMillis());
        this.routes = new RouteTable(me, keys, redis, fences);
        this.outbox = new Outbox(keys, redis, context, settings.sharedStreamMaxLength(), settings.maxQos0Backlog(),
                settings.batchLinger().toNanos(), stats);
        this.fetcher = new SessionFetcher(keys, redis, context, Math.max(64, maxQueuedMessages / 4));
        this.store = new RedisSessionStore(me, keys, redis, routes, stats, maxQueuedMessages, fetcher);
        this.retained = new RedisRetainedStore(keys, redis, context, clock);
        this.directory = new RedisDirectory(me, keys, redis, context, nodes, () -> broker,
                settings.takeoverTimeout().toMillis(), settings.maxTakeoversPerSecond());
        this.streams = new StreamConsumer(me, keys, client, redis, context, () -> broker, outbox, received);
        this.sweeper = new Sweeper(keys, redis, store, () -> broker, clock);
    }

    @Override
    public String backend() {
        return "redis";
    }

    public String nodeId() {
        return me;
    }

    @Override
    public RetainedStore retained() {
        return retained;
    }

    @Override
    public SessionStore sessionStore() {
        return store;
    }

    @Override
    public SessionDirectory directory() {
        return directory;
    }

    @Override
    public void attach(Broker b) {
        this.broker = b;
        bridge = new RedisBridge(me, keys, redis, routes, outbox, store, fetcher, streams, () -> broker,
                queueQos0Offline);
        b.cluster(bridge);
        b.sessions().durableOffline((session, will, delay) -> store.offline(session, will, delay,
                clock.getAsLong()));
    }

    @Override
    public void start() {
        nodes.listener(new NodeRegistry.Listener() {
            @Override
            public void nodeUp(String node) {
                routes.load(node);
            }

            @Override
            public void nodeDown(String node) {
                fences.nodeDown(node);
                routes.drop(node);
                streams.claimFrom(node, settings.nodeTimeout().toMillis() / 2);
            }

            @Override
            public void cleanUp(String node, Runnable done) {
                sweeper.cleanUp(node, () -> {
                    // its inbox held QoS 1/2 messages for its own clean-start subscribers, who are gone with it
                    redis.fire(Request.cmd(Command.DEL).arg(keys.inbox(node)));
                    redis.fire(Request.cmd(Command.DEL).arg(keys.wake(node)));
                    done.run();
                });
            }
        });
        pubsub.subscribe(keys.nodeChannel(me), this::onNodeMessage);
        pubsub.subscribe(keys.routeChannel(), routes::onEvent);
        pubsub.subscribe(keys.retainedChannel(), retained::onEvent);
        redis.start();
        pubsub.start();
        nodes.start();
        streams.start();
        lastProbe = clock.getAsLong();
        context.runOnContext(v -> timer = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), t -> tick()));
        LOG.log(INFO, "node {0} joining the cluster through Redis", me);
    }

    /**
     * Leaves cleanly. Runs on the shutdown thread after the drain, and blocks it (bounded) until what the drain
     * wrote (sessions going offline, their expiries) and the goodbye have reached Redis, so that nothing of it
     * is cut off by closing the connection.
     */
    @Override
    public void stop() {
        stopping = true;
        context.runOnContext(v -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
        nodes.leave();
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        context.runOnContext(v -> {
            outbox.flushNow(); // messages waiting out the batch linger go now, ahead of the idle check
            redis.idle().onComplete(ar -> flushed.complete(null));
        });
        try {
            flushed.get(STOP_FLUSH_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(WARNING, "Redis writes still pending after {0} s; leaving anyway", STOP_FLUSH_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close();
        pubsub.close();
        redis.close();
    }

    @Override
    public boolean ready() {
        return loaded && redis.isUp() && pubsub.isUp() && nodes.isRegistered();
    }

    @Override
    public long[] counters() {
        long[] rc = redis.counters();
        return new long[] {outbox.forwarded.sum(), received.sum(), rc[0], rc[1] + streams.commands.sum()};
    }

    @Override
    public void latencyObserver(java.util.function.LongConsumer nanos) {
        redis.latencyObserver(nanos);
    }

    @Override
    public int liveNodes() {
        return nodes.liveNodes().size() + 1;
    }

    /** Once per heartbeat: sweep wills and expiries, probe our own subscription. */
    private void tick() {
        if (!redis.isUp()) {
            return;
        }
        sweeper.sweep();
        checkDeclaredDead();
        long now = clock.getAsLong();
        if (pubsub.isUp() && now - lastProbe > 3 * settings.heartbeatInterval().toMillis()) {
            lastProbe = now; // give the new subscription time before judging it again
            pubsub.reconnect();
        }
        redis.fire(keys.toNode(me).arg(new byte[] {PROBE}));
    }

    /**
     * Another node took the cleanup lock for this node: it was judged dead (paused or cut off longer than the
     * node timeout) and its sessions were settled elsewhere. Announce the routes again and let the clients
     * reconnect, so that no session is served from two places.
     */
    private void checkDeclaredDead() {
        redis.send(Request.cmd(Command.GET).arg(keys.cleanup(me)), ar -> {
            if (ar.failed() || ar.result() == null) {
                return;
            }
            String by = ar.result().toString();
            LOG.log(WARNING, "node {0} cleaned up after this node, which it judged dead: reconnecting every client",
                    by);
            redis.fire(Request.cmd(Command.DEL).arg(keys.cleanup(me)));
            routes.republish();
            declaredDead.run();
        });
    }

    @Override
    public void onDeclaredDead(Runnable action) {
        this.declaredDead = action;
    }

    /** The command connection opened or dropped (on the cluster context). */
    private void redisUpDown(boolean up) {
        nodes.redisUpDown(up);
        if (stopping) {
            return; // the connections close because the node leaves
        }
        if (!up) {
            wasDown = true;
            loaded = false;
            LOG.log(WARNING, "Redis lost: not ready; QoS 1/2 publishes that need it are refused until it returns");
            return;
        }
        if (wasDown) {
            routes.republish(); // Redis may have lost them (restarted without persistence)
        }
        resync();
    }

    /** The subscription opened or was lost (on the cluster context). */
    private void subscriptionUpDown(boolean up) {
        if (stopping) {
            return;
        }
        LOG.log(up ? INFO : WARNING, "Redis subscription {0}", up ? "live" : "lost");
        if (!up) {
            loaded = false;
            return;
        }
        lastProbe = clock.getAsLong(); // judge the new subscription by probes sent from now on
        resync();
    }

    /**
     * Reads the cluster state the channels keep current (routes of every node, durable routes, the retained
     * index) and fetches what the durable sessions here may have been woken for: whatever changed while the
     * subscription was not live was missed. The node is ready once a resync that started with both the
     * command connection and the subscription up has finished.
     */
    private void resync() {
        long generation = ++resyncs;
        loaded = false;
        if (!redis.isUp() || !pubsub.isUp()) {
            return; // the other one coming up resyncs
        }
        fetcher.wakeAll();
        redis.send(Request.cmd(Command.HKEYS).arg(keys.nodes()))
                .compose(known -> {
                    List<Future<Void>> loads = new ArrayList<>();
                    loads.add(routes.loadDurable());
                    for (Response node : known) {
                        loads.add(routes.load(node.toString()));
                    }
                    loads.add(Future.fromCompletionStage(retained.reload()));
                    return Future.all(loads);
                })
                .onComplete(ar -> {
                    if (generation != resyncs) {
                        return; // a newer resync is under way
                    }
                    if (ar.succeeded()) {
                        loaded = true;
                        LOG.log(INFO, "cluster state loaded");
                    } else {
                        // try again while nothing else does (a connection coming back resyncs by itself)
                        LOG.log(WARNING, "cluster state not loaded: {0}", ar.cause().getMessage());
                        vertx.setTimer(settings.heartbeatInterval().toMillis(), t -> {
                            if (generation == resyncs) {
                                resync();
                            }
                        });
                    }
                });
    }

    /** Everything on this node's channel: message batches, durable QoS 0 deliveries, wake-ups, control. */
    private void onNodeMessage(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        byte type = payload[0];
        byte[] body = java.util.Arrays.copyOfRange(payload, 1, payload.length);
        switch (type) {
            case Outbox.BATCH -> ClusterCodec.decodeBatch(body, m -> {
                received.increment();
                broker.deliverLocally(m, null);
            });
            case Outbox.DURABLE_QOS0 -> durableQos0(body);
            case Outbox.WAKE -> {
                for (String clientId : new String(body, StandardCharsets.UTF_8).split("\n")) {
                    if (!clientId.isEmpty()) {
                        fetcher.wake(clientId);
                    }
                }
            }
            case RedisDirectory.TAKEOVER, RedisDirectory.RELEASED -> directory.onControl(type, body);
            case RouteFences.ANSWER -> fences.onAnswer(body);
            case PROBE -> lastProbe = clock.getAsLong();
            default -> {
            }
        }
    }

    private void durableQos0(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        while (in.remaining() > 8) {
            byte[] cid = new byte[in.getInt()];
            in.get(cid);
            byte[] d = new byte[in.getInt()];
            in.get(d);
            String clientId = new String(cid, StandardCharsets.UTF_8);
            Session s = broker.sessions().get(clientId);
            if (s != null && s.isOnline() && s.durable()) {
                received.increment();
                broker.offer(s, ClusterCodec.decodeDelivery(d), null);
            } else if (s == null || s.durable()) {
                // the session went offline here (or on) after the publisher's node looked up where it was
                bridge.offlineQos0(clientId, ClusterCodec.decodeDelivery(d), true);
            }
        }
    }
}
