package io.stratusmq.cluster;

import io.stratusmq.session.Delivery;
import io.stratusmq.session.Session;
import io.stratusmq.session.SessionOwner;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Brings the messages queued in the store for the durable sessions connected to this node into their mailboxes:
 * when woken (a node queued something), and whenever a session's local queue has room again, in store order,
 * never more than a bounded batch ahead of what the client has taken.
 *
 * <p>Threading: fetch state lives on the cluster context.
 */
final class SessionFetcher {

    private static final int BATCH = 256;

    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final Context context;
    private final Executor executor;
    private final int ahead;
    private final Map<String, Fetch> online = new ConcurrentHashMap<>();

    SessionFetcher(RedisKeys keys, RedisPipeline redis, Context context, int ahead) {
        this.keys = keys;
        this.redis = redis;
        this.context = context;
        this.executor = task -> context.runOnContext(v -> task.run());
        this.ahead = Math.max(16, ahead);
    }

    void online(Session session, long lastSequence) {
        context.runOnContext(v -> {
            Fetch f = new Fetch(session, lastSequence);
            online.put(session.clientId(), f);
            f.fetch();
        });
    }

    void offline(Session session) {
        context.runOnContext(v -> online.computeIfPresent(session.clientId(), (id, f) -> f.session == session ? null : f));
    }

    /**
     * Fetches for every durable session connected here: after the subscription was lost for a while, wake-ups
     * sent meanwhile never arrived, and a session would otherwise wait for the next one.
     */
    void wakeAll() {
        context.runOnContext(v -> online.values().forEach(Fetch::fetch));
    }

    /** A node queued messages for this client id. */
    void wake(String clientId) {
        context.runOnContext(v -> {
            Fetch f = online.get(clientId);
            if (f != null) {
                f.fetch();
            }
        });
    }

    int onlineCount() {
        return online.size();
    }

    /** One connected durable session; waits for room like a publisher would. */
    private final class Fetch implements SessionOwner {
        final Session session;
        long lastSequence;
        boolean fetching;
        boolean again;

        Fetch(Session session, long lastSequence) {
            this.session = session;
            this.lastSequence = lastSequence;
        }

        void fetch() {
            if (online.get(session.clientId()) != this) {
                return;
            }
            if (fetching) {
                again = true;
                return;
            }
            if (session.queuedCount() >= ahead) {
                session.awaitRoom(this);
                return;
            }
            fetching = true;
            again = false;
            String clientId = session.clientId();
            Request eval = Request.cmd(Command.EVAL).arg(Scripts.FETCH).arg(2).arg(keys.queue(clientId))
                    .arg(keys.messages(clientId)).arg(lastSequence).arg(BATCH);
            redis.send(eval, ar -> {
                fetching = false;
                if (ar.failed() || online.get(clientId) != this) {
                    return;
                }
                Response r = ar.result();
                int n = 0;
                for (int i = 0; i + 2 < r.size(); i += 3) {
                    long seq = (long) Double.parseDouble(r.get(i + 1).toString());
                    if (seq <= lastSequence) {
                        continue;
                    }
                    lastSequence = seq;
                    Delivery d = ClusterCodec.decodeDelivery(r.get(i + 2).toBytes());
                    if (d.qos() == 0) {
                        // at most once: it leaves the store as it goes out, no acknowledgement will remove it,
                        // and the next connection of this session must not get it again
                        redis.fire(RedisSessionStore.complete(keys, clientId, d.message().id()));
                    }
                    session.offerStored(d);
                    n++;
                }
                if (again || n == BATCH) {
                    fetch();
                }
            });
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void drain() {
        }

        @Override
        public void takenOver() {
        }

        @Override
        public void resumeReading() {
            fetch();
        }
    }
}
