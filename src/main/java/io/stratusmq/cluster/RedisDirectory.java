package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.broker.Broker;
import io.stratusmq.session.Session;
import io.stratusmq.session.SessionDirectory;
import io.stratusmq.session.SessionOwner;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Cluster-wide ownership of client ids [MQTT-3.1.4-3]. A connecting client claims its id in Redis; when another
 * node owned it, that node is asked to let go (its connection gets DISCONNECT 0x8E) and the claim completes
 * once it has, with the session's state written, or after a timeout when that node does not answer. A client
 * id claimed too often per second is refused, which stops a client flapping between two pods.
 *
 * <p>Threading: claims start on event loops; replies and control messages arrive on the cluster context.
 */
final class RedisDirectory implements SessionDirectory {

    static final byte TAKEOVER = 'T';
    static final byte RELEASED = 'R';
    private static final System.Logger LOG = System.getLogger(RedisDirectory.class.getName());

    private final String me;
    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final Context context;
    private final NodeRegistry nodes;
    private final Supplier<Broker> broker;
    private final long takeoverTimeoutMillis;
    private final int maxTakeoversPerSecond;
    private final AtomicLong tokens = new AtomicLong();
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    RedisDirectory(String me, RedisKeys keys, RedisPipeline redis, Context context, NodeRegistry nodes,
            Supplier<Broker> broker, long takeoverTimeoutMillis, int maxTakeoversPerSecond) {
        this.me = me;
        this.keys = keys;
        this.redis = redis;
        this.context = context;
        this.nodes = nodes;
        this.broker = broker;
        this.takeoverTimeoutMillis = takeoverTimeoutMillis;
        this.maxTakeoversPerSecond = maxTakeoversPerSecond;
    }

    @Override
    public CompletionStage<Claim> claim(String clientId, boolean cleanStart) {
        String token = me + "/" + Long.toHexString(broker.get().incarnation()) + "/" + tokens.incrementAndGet();
        CompletableFuture<Claim> out = new CompletableFuture<>();
        Request eval = Request.cmd(Command.EVAL).arg(Scripts.CLAIM).arg(2).arg(keys.session(clientId))
                .arg(keys.takeovers(clientId)).arg(me).arg(token).arg(maxTakeoversPerSecond);
        redis.send(eval, ar -> {
            if (ar.failed()) {
                out.completeExceptionally(ar.cause());
                return;
            }
            Response r = ar.result();
            if ("busy".equals(r.get(0).toString())) {
                LOG.log(INFO, "client id {0} taken over more than {1} times a second: refused", clientId,
                        maxTakeoversPerSecond);
                out.complete(Claim.REFUSED);
                return;
            }
            String previousNode = r.get(0).toString();
            String previousConn = r.get(1).toString();
            // reconnecting cancels a pending expiry and a delayed will [MQTT-3.1.3-9]
            redis.fire(Request.cmd(Command.ZREM).arg(keys.expiries()).arg(clientId));
            redis.fire(Request.cmd(Command.ZREM).arg(keys.wills()).arg(clientId));
            if (cleanStart) {
                takeWillForCleanStart(clientId);
            }
            Claim claim = new Claim(false, token);
            if (previousNode.isEmpty() || previousNode.equals(me)) {
                out.complete(claim); // nobody else serves it (this node's own takeover is the registry's job)
                return;
            }
            // a node that joined since this node's last heartbeat check counts: its connection must go (and when
            // Redis cannot say, the request is sent anyway and the takeover timeout bounds the wait)
            nodes.aliveNow(previousNode, alive -> {
                if (alive) {
                    takeOver(clientId, previousNode, previousConn, cleanStart, claim, out);
                } else {
                    out.complete(claim); // a dead node's connections are gone with it
                }
            });
        });
        return out;
    }

    /** Asks the node that serves the client id to let its connection go, and waits for it (or for the timeout). */
    private void takeOver(String clientId, String previousNode, String previousConn, boolean cleanStart,
            Claim claim, CompletableFuture<Claim> out) {
        String token = claim.token();
        CompletableFuture<Void> released = new CompletableFuture<>();
        waiting.put(token, released);
        redis.fire(keys.toNode(previousNode).arg(Outbox.prefixed(TAKEOVER,
                ClusterCodec.control(clientId, previousConn, me, token, cleanStart ? "1" : "0"))));
        long timer = context.owner().setTimer(takeoverTimeoutMillis, t -> {
            if (waiting.remove(token) != null) {
                LOG.log(WARNING, "node {0} did not release client id {1} in time; taking it anyway",
                        previousNode, clientId);
                out.complete(claim);
            }
        });
        released.thenRun(() -> {
            context.owner().cancelTimer(timer);
            out.complete(claim);
        });
    }

    /** Clean Start ends the old session, so a will it left behind is due now (if nobody took it yet). */
    private void takeWillForCleanStart(String clientId) {
        redis.send(Request.cmd(Command.EVAL).arg(Scripts.TAKE_WILL).arg(1).arg(keys.session(clientId)), ar -> {
            if (ar.succeeded() && ar.result() != null) {
                broker.get().publish(ClusterCodec.decodeMessage(ar.result().toBytes()), null, null);
            }
        });
    }

    /** Control messages on this node's channel: a takeover request, or the answer to ours. */
    void onControl(byte type, byte[] body) {
        List<String> f = ClusterCodec.fields(body);
        if (type == RELEASED && f.size() >= 2) {
            CompletableFuture<Void> w = waiting.remove(f.get(1));
            if (w != null) {
                w.complete(null);
            }
        } else if (type == TAKEOVER && f.size() >= 5) {
            release(f.get(0), f.get(1), f.get(2), f.get(3));
        }
    }

    /**
     * Another node claimed a client id this node served: the connection goes (5.0: DISCONNECT 0x8E), its session
     * is written to the store, and only then does the answer leave, once those writes are answered.
     */
    private void release(String clientId, String conn, String requester, String token) {
        Session s = broker.get().sessions().get(clientId);
        SessionOwner owner = s == null ? null : s.owner();
        Runnable answer = () -> redis.fire(keys.toNode(requester)
                .arg(Outbox.prefixed(RELEASED, ClusterCodec.control(clientId, token))));
        if (owner == null || !conn.equals(s.ownerToken())) {
            answer.run();
            return;
        }
        owner.executor().execute(() -> {
            owner.takenOver();
            redis.barrier().onComplete(ar -> answer.run()); // after the session's writes, on whatever shard
        });
    }
}
