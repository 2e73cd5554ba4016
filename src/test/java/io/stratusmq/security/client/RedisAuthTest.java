package io.stratusmq.security.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Clients;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Users and ACL rules kept in a real redis-server, as a cluster would keep them (RedisTestResource seeds them). */
@QuarkusTest
@TestProfile(SecurityProfiles.RedisUsers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisAuthTest {

    @Inject
    Redis redis;

    private void redis(Request r) {
        redis.send(r).toCompletionStage().toCompletableFuture().join();
    }

    @Test
    @Order(1)
    @DisplayName("users in the stratus:users hash connect with their password; wrong ones get 0x86 / 0x04")
    void passwords() {
        Mqtt5BlockingClient c = Clients.v5("tcp", "r-alice");
        assertThat(Clients.connect(c, "alice", "alice-redis")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        c.disconnect();
        assertThat(Clients.connect(Clients.v5("ws", "r-bad"), "alice", "wrong"))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Clients.connect(Clients.v3("tcp", "r-bad3"), "nobody", "x"))
                .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(Clients.connect(Clients.v3("tcp", "r-anon"), null, null))
                .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
    }

    @Test
    @Order(2)
    @DisplayName("ACL lines in the stratus:acl hash decide per user; %c patterns substituted")
    void acl() {
        Mqtt5BlockingClient c = Clients.v5("ws", "r-dev-1");
        assertThat(Clients.connect(c, "alice", "alice-redis")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(Clients.publishQos1(c, "alice/x", "1", false))
                .isIn(Mqtt5PubAckReasonCode.SUCCESS, Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        assertThat(Clients.publishQos1(c, "dev/r-dev-1", "1", false))
                .isIn(Mqtt5PubAckReasonCode.SUCCESS, Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        assertThat(Clients.publishQos1(c, "feed/x", "1", false)).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(Clients.subscribe(c, "feed/#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        assertThat(Clients.subscribe(c, "#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        c.disconnect();
    }

    @Test
    @Order(3)
    @DisplayName("a user added or changed in Redis counts from its next CONNECT, on every pod")
    void changesApplyAtNextConnect() {
        redis(Request.cmd(Command.HSET).arg("stratus:users").arg("carol").arg(RedisTestResource.hash("carol-1")));
        redis(Request.cmd(Command.HSET).arg("stratus:acl").arg("carol").arg("topic readwrite carol/#"));
        Mqtt5BlockingClient c = Clients.v5("tcp", "r-carol");
        assertThat(Clients.connect(c, "carol", "carol-1")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(Clients.subscribe(c, "carol/#", MqttQos.AT_LEAST_ONCE)).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        c.disconnect();
        redis(Request.cmd(Command.HSET).arg("stratus:users").arg("carol").arg(RedisTestResource.hash("carol-2")));
        assertThat(Clients.connect(Clients.v5("tcp", "r-carol2"), "carol", "carol-1"))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        Mqtt5BlockingClient again = Clients.v5("tcp", "r-carol3");
        assertThat(Clients.connect(again, "carol", "carol-2")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        again.disconnect();
    }

    @Test
    @Order(4)
    @DisplayName("Redis down: CONNACK 0x88 server unavailable (5.0) / 0x03 (3.1.1), not 'bad password'")
    void redisDown() {
        redis.send(Request.cmd(Command.SHUTDOWN).arg("NOSAVE")).toCompletionStage().toCompletableFuture()
                .exceptionally(e -> null).join(); // the reply is the connection closing
        assertThat(Clients.connect(Clients.v5("tcp", "r-down5"), "alice", "alice-redis"))
                .isEqualTo(Mqtt5ConnAckReasonCode.SERVER_UNAVAILABLE);
        assertThat(Clients.connect(Clients.v3("ws", "r-down3"), "alice", "alice-redis"))
                .isEqualTo(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE);
    }
}
