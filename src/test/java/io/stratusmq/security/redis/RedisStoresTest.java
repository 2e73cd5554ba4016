package io.stratusmq.security.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratusmq.security.Access;
import io.stratusmq.security.AclRule;
import io.stratusmq.security.AclSyntaxException;
import io.stratusmq.security.PasswordHash;
import io.stratusmq.testing.LiveRedis;
import io.stratusmq.testing.RedisServer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis user store and ACL source against a real redis-server started for this class. */
class RedisStoresTest {

    @RegisterExtension
    static final LiveRedis REDIS = new LiveRedis();

    private static void hset(String key, String field, String value) {
        REDIS.send(Request.cmd(Command.HSET).arg(key).arg(field).arg(value));
    }

    @Test
    @DisplayName("users: HGET stratus:users <user> gives a Mosquitto hash; unknown users and unusable values are null")
    void users() {
        PasswordHash hash = PasswordHash.create("pw".getBytes(StandardCharsets.UTF_8), 5, new SecureRandom());
        hset("stratus:users", "alice", hash.encoded());
        hset("stratus:users", "broken", "plaintext");
        RedisUserStore store = new RedisUserStore(REDIS.client(), "stratus:users");
        assertThat(store.find("alice").toCompletableFuture().join()).isEqualTo(hash);
        assertThat(store.find("nobody").toCompletableFuture().join()).isNull();
        assertThat(store.find("broken").toCompletableFuture().join()).isNull();
        assertThat(new RedisUserStore(REDIS.client(), "other:key").find("alice").toCompletableFuture().join()).isNull();
    }

    @Test
    @DisplayName("ACL: HGET stratus:acl <user> gives topic/pattern lines, substituted for the client")
    void acl() {
        hset("stratus:acl", "alice", "topic read a/#\n# note\npattern write d/%c/%u\r\ntopic deny a/secret");
        RedisAclSource source = new RedisAclSource(REDIS.client(), "stratus:acl");
        assertThat(source.rulesFor("dev1", "alice").toCompletableFuture().join()).containsExactly(
                AclRule.topic(Access.READ, "a/#"), AclRule.topic(Access.WRITE, "d/dev1/alice"),
                AclRule.topic(Access.DENY, "a/secret"));
        assertThat(source.rulesFor("dev1", "nobody").toCompletableFuture().join()).isEmpty();
        assertThat(source.rulesFor("dev1", null).toCompletableFuture().join()).isEmpty();
    }

    @Test
    @DisplayName("ACL: a broken line fails that user's rules instead of being dropped")
    void brokenAcl() {
        hset("stratus:acl", "mallory", "topic read a/#\ntopic deny");
        CompletableFuture<?> f = new RedisAclSource(REDIS.client(), "stratus:acl").rulesFor("c", "mallory")
                .toCompletableFuture();
        assertThatThrownBy(f::join).hasCauseInstanceOf(AclSyntaxException.class)
                .hasMessageContaining("field mallory line 2");
    }

    @Test
    @DisplayName("Redis unreachable: lookups complete exceptionally (the client gets 'server unavailable')")
    void unreachable() {
        RedisServer other = RedisServer.start();
        Redis client = Redis.createClient(REDIS.vertx(), other.uri());
        try {
            other.close();
            CompletableFuture<?> f = new RedisUserStore(client, "stratus:users").find("alice").toCompletableFuture();
            assertThat(f).failsWithin(Duration.ofSeconds(10));
            CompletableFuture<?> g = new RedisAclSource(client, "stratus:acl").rulesFor("c", "alice")
                    .toCompletableFuture();
            assertThat(g).failsWithin(Duration.ofSeconds(10));
        } finally {
            client.close();
        }
    }
}
