package io.stratusmq.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratusmq.testing.LiveRedis;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session store's queueing script against a real redis-server started for this class. */
class SessionScriptsTest {

    private static final RedisKeys KEYS = new RedisKeys("stratus", false);
    @RegisterExtension
    static final LiveRedis REDIS = new LiveRedis();

    private static Response send(Request r) {
        return REDIS.send(r);
    }

    private static Response enqueue(String clientId, String messageId) {
        return send(Request.cmd(Command.EVAL).arg(Scripts.ENQUEUE).arg(3).arg(KEYS.session(clientId))
                .arg(KEYS.messages(clientId)).arg(KEYS.queue(clientId)).arg(messageId).arg("delivery").arg(0));
    }

    private static long existing(String clientId) {
        return send(Request.cmd(Command.EXISTS).arg(KEYS.session(clientId)).arg(KEYS.messages(clientId))
                .arg(KEYS.queue(clientId))).toLong();
    }

    @Test
    @DisplayName("A message for a session that does not exist (ended, its route not withdrawn yet) is refused and"
            + " leaves no key behind for a later session of the same client id")
    void noSessionNoQueue() {
        Response r = enqueue("gone", "m1");
        assertThat(r.get(0).toInteger()).isEqualTo(3);
        assertThat(existing("gone")).isZero();
    }

    @Test
    @DisplayName("A message for an offline persistent session is queued; once the session ends, the next one is"
            + " refused and the session's keys stay gone")
    void queuedUntilTheSessionEnds() {
        String id = "offline";
        send(Request.cmd(Command.HSET).arg(KEYS.session(id)).arg("owner").arg("").arg("conn").arg("")
                .arg("durable").arg("1"));
        Response first = enqueue(id, "m1");
        assertThat(first.get(0).toInteger()).as("queued").isEqualTo(1);
        assertThat(first.get(1).toString()).as("owner: none, offline").isEmpty();
        assertThat(send(Request.cmd(Command.ZCARD).arg(KEYS.queue(id))).toInteger()).isEqualTo(1);

        send(Request.cmd(Command.EVAL).arg(Scripts.END).arg(6).arg(KEYS.session(id)).arg(KEYS.subscriptions(id))
                .arg(KEYS.messages(id)).arg(KEYS.queue(id)).arg(KEYS.inflight(id)).arg(KEYS.inboundQos2(id))
                .arg("*offline").arg("0"));
        assertThat(existing(id)).as("ended").isZero();
        assertThat(enqueue(id, "m2").get(0).toInteger()).as("refused after the end").isEqualTo(3);
        assertThat(existing(id)).as("nothing re-created").isZero();
    }
}
