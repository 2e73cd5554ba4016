package io.stratusmq.security.redis;

import io.stratusmq.security.AclFile;
import io.stratusmq.security.AclRule;
import io.stratusmq.security.AclSource;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Per-user ACL rules in a Redis hash, for a cluster: field = username, value = that user's {@code topic} and
 * {@code pattern} lines in ACL-file syntax, one per line
 * ({@code HSET stratus:acl alice $'topic readwrite sensors/alice/#\npattern read devices/%c/#'}). Anonymous
 * rules and patterns for everyone belong in the ACL file. Read once per CONNECT.
 *
 * <p>A value with a broken line refuses that user (CONNACK "not authorized") rather than dropping the line, which
 * could drop a {@code deny}. Thread-safe; never blocks. Completes exceptionally when Redis cannot be reached.
 */
public final class RedisAclSource implements AclSource {

    private final Redis redis;
    private final String key;

    public RedisAclSource(Redis redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    @Override
    public CompletionStage<List<AclRule>> rulesFor(String clientId, String username) {
        if (username == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return redis.send(Request.cmd(Command.HGET).arg(key).arg(username)).toCompletionStage().thenApply(r -> {
            if (r == null) {
                return List.of();
            }
            List<AclRule> rules = new ArrayList<>();
            for (AclRule rule : AclFile.parseUserRules(r.toString(), "Redis " + key + " field " + username)) {
                AclRule applied = rule.forClient(clientId, username);
                if (applied != null) {
                    rules.add(applied);
                }
            }
            return rules;
        });
    }
}
