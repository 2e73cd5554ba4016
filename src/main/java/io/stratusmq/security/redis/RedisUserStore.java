package io.stratusmq.security.redis;

import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.security.PasswordHash;
import io.stratusmq.security.UserStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.CompletionStage;

/**
 * Users in a Redis hash, for a cluster: field = username, value = a Mosquitto password hash, as a line of a
 * password file has it after the colon ({@code HSET stratus:users alice '$7$10000$...$...'}). One {@code HGET}
 * per CONNECT, so a user added, changed or removed counts from the next CONNECT on every pod.
 *
 * <p>A value that is not a hash is logged and the user treated as unknown. Thread-safe; never blocks. Completes
 * exceptionally when Redis cannot be reached.
 */
public final class RedisUserStore implements UserStore {

    private static final System.Logger LOG = System.getLogger(RedisUserStore.class.getName());

    private final Redis redis;
    private final String key;

    public RedisUserStore(Redis redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    @Override
    public CompletionStage<PasswordHash> find(String username) {
        return redis.send(Request.cmd(Command.HGET).arg(key).arg(username)).toCompletionStage().thenApply(r -> {
            if (r == null) {
                return null;
            }
            try {
                return PasswordHash.parse(r.toString());
            } catch (IllegalArgumentException e) {
                LOG.log(WARNING, "Redis {0} field {1}: {2}; that user cannot log in", key, username, e.getMessage());
                return null;
            }
        });
    }
}
