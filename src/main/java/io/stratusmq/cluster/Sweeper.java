package io.stratusmq.cluster;

import static java.lang.System.Logger.Level.INFO;

import io.stratusmq.broker.Broker;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Time in the cluster: every node sweeps the schedules of delayed wills and of offline session expiries each
 * heartbeat, and whoever removes an entry first acts on it, so each will goes out once and each session ends
 * once, whichever nodes are alive. The survivor that wins a dead node's cleanup also settles that node's
 * sessions here: persistent ones go offline (expiry and will scheduled), the others end and their wills are due.
 *
 * <p>Threading: runs on the cluster context.
 */
final class Sweeper {

    private static final System.Logger LOG = System.getLogger(Sweeper.class.getName());
    private static final int BATCH = 100;

    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final RedisSessionStore store;
    private final Supplier<Broker> broker;
    private final LongSupplier clock;

    Sweeper(RedisKeys keys, RedisPipeline redis, RedisSessionStore store, Supplier<Broker> broker,
            LongSupplier clock) {
        this.keys = keys;
        this.redis = redis;
        this.store = store;
        this.broker = broker;
        this.clock = clock;
    }

    void sweep() {
        long now = clock.getAsLong();
        due(keys.wills(), now, this::willDue);
        due(keys.expiries(), now, this::expired);
    }

    private void due(String schedule, long now, java.util.function.Consumer<String> action) {
        redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(schedule).arg("-inf").arg(now).arg("LIMIT").arg(0)
                .arg(BATCH), ar -> {
                    if (ar.failed() || ar.result() == null) {
                        return;
                    }
                    for (Response r : ar.result()) {
                        String clientId = r.toString();
                        redis.send(Request.cmd(Command.ZREM).arg(schedule).arg(clientId), won -> {
                            if (won.succeeded() && won.result().toInteger() == 1) {
                                action.accept(clientId);
                            }
                        });
                    }
                });
    }

    private void willDue(String clientId) {
        takeAndPublishWill(clientId);
    }

    /** An offline persistent session's expiry passed [MQTT-4.1.0-2]: its will is due, then it is gone. */
    private void expired(String clientId) {
        takeAndPublishWill(clientId);
        store.end(clientId, null, false).onSuccess(ended -> {
            if (ended) {
                LOG.log(INFO, "session {0} expired", clientId);
            }
        });
    }

    private void takeAndPublishWill(String clientId) {
        redis.send(Request.cmd(Command.EVAL).arg(Scripts.TAKE_WILL).arg(1).arg(keys.session(clientId)), ar -> {
            if (ar.succeeded() && ar.result() != null) {
                var will = ClusterCodec.decodeMessage(ar.result().toBytes());
                if (!will.isExpired(clock.getAsLong())) {
                    broker.get().publish(will, null, null);
                }
            }
        });
    }

    /** Settles the sessions a dead node owned; {@code done} runs when every one is handled. */
    void cleanUp(String deadNode, Runnable done) {
        redis.send(Request.cmd(Command.SMEMBERS).arg(keys.hosted(deadNode)), ar -> {
            if (ar.failed() || ar.result() == null || ar.result().size() == 0) {
                done.run();
                return;
            }
            int[] left = {ar.result().size()};
            Runnable one = () -> {
                if (--left[0] == 0) {
                    done.run();
                }
            };
            for (Response r : ar.result()) {
                settle(deadNode, r.toString(), one);
            }
        });
    }

    private void settle(String deadNode, String clientId, Runnable done) {
        // one script: the check that the dead node still owns the session and the change cannot be split by a
        // client reconnecting elsewhere at that moment
        Request settle = Request.cmd(Command.EVAL).arg(Scripts.SETTLE).arg(1).arg(keys.session(clientId)).arg(deadNode);
        redis.send(settle, ar -> {
            Response r = ar.succeeded() ? ar.result() : null;
            if (r == null || r.size() < 5) {
                // reconnected elsewhere meanwhile; or Redis failed, and the session stays recorded on the dead node
                // until its client reconnects (a claim does not wait for a dead owner)
                done.run();
                return;
            }
            long now = clock.getAsLong();
            if (r.get(0).toInteger() == 1) {
                // the session carries on offline; its will waits for the delay or the session's end
                store.scheduleOffline(clientId, r.get(1).toLong(), r.get(3).toInteger() == 1, r.get(2).toLong(), now);
            } else if (r.get(3).toInteger() == 1) {
                var will = ClusterCodec.decodeMessage(r.get(4).toBytes());
                if (!will.isExpired(now)) {
                    broker.get().publish(will, null, null);
                }
            }
            done.run();
        });
    }
}
