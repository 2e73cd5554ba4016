package io.stratusmq.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratusmq.testing.LiveRedis;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
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
        return enqueue(clientId, "a1", Long.parseLong(messageId.substring(1)), false);
    }

    /** Message {@code m<number>} accepted by incarnation {@code origin}; late: it reached the session's old node. */
    private static Response enqueue(String clientId, String origin, long number, boolean late) {
        return send(Request.cmd(Command.EVAL).arg(Scripts.ENQUEUE).arg(3).arg(KEYS.session(clientId))
                .arg(KEYS.messages(clientId)).arg(KEYS.queue(clientId)).arg(origin + ":m" + number).arg("delivery")
                .arg(0).arg(origin).arg(number).arg(late ? "1" : "0"));
    }

    /** A persistent session whose client is not connected. */
    private static void offlineSession(String clientId) {
        send(Request.cmd(Command.HSET).arg(KEYS.session(clientId)).arg("owner").arg("").arg("conn").arg("")
                .arg("durable").arg("1"));
    }

    private static List<String> queued(String clientId) {
        List<String> ids = new ArrayList<>();
        for (Response r : send(Request.cmd(Command.ZRANGE).arg(KEYS.queue(clientId)).arg(0).arg(-1))) {
            ids.add(r.toString());
        }
        return ids;
    }

    @Test
    @DisplayName("A late QoS 0 message (it reached the session's old node) is queued unless a message accepted"
            + " after it by the same node is queued already: then it is dropped, not queued out of publish order")
    void lateMessageKeepsPublishOrder() {
        String id = "leaving";
        offlineSession(id);
        assertThat(enqueue(id, "a1", 5, false).get(0).toInteger()).as("m5 from a1").isEqualTo(1);
        assertThat(enqueue(id, "a1", 3, true).get(0).toInteger()).as("late m3 from a1, after m5").isEqualTo(4);
        assertThat(enqueue(id, "b2", 3, true).get(0).toInteger()).as("late m3 from b2: nothing later from b2")
                .isEqualTo(1);
        assertThat(enqueue(id, "a1", 7, true).get(0).toInteger()).as("late m7 from a1, after m5").isEqualTo(1);
        assertThat(enqueue(id, "a1", 6, false).get(0).toInteger()).as("m6 not late: queued as it comes")
                .isEqualTo(1);
        assertThat(queued(id)).containsExactly("a1:m5", "b2:m3", "a1:m7", "a1:m6");
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
        offlineSession(id);
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
