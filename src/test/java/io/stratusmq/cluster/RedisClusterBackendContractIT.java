package io.stratusmq.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on Redis Cluster ({@code quarkus.redis.client-type=cluster}): two broker processes on a
 * local cluster of three shards, every shard given as a seed. Besides the contract, it checks what makes the
 * cluster mode scale: each node's channel is a sharded channel subscribed on the shard that serves its slot,
 * and the state spreads over the shards.
 */
class RedisClusterBackendContractIT extends BackendContract {

    @Override
    protected Cluster startBroker() {
        return Cluster.onRedisCluster("RedisClusterBackendContractIT", 3, 2);
    }

    @Override
    protected String backend() {
        return "redis";
    }

    @Override
    protected int nodes() {
        return 2;
    }

    /**
     * Runs after the contract, before the processes stop: no shard refused a command of the nodes, so no request
     * spanned slots (CROSSSLOT), went to the wrong shard (MOVED) or failed in a script. The one error the nodes
     * cause on purpose is BUSYGROUP (creating a stream's consumer group that exists already).
     */
    @AfterAll
    void noShardRefusedACommand() {
        for (RedisServer shard : broker().shards().shards()) {
            List<String> errors = String.valueOf(shard.call("INFO", "errorstats")).lines()
                    .filter(l -> l.startsWith("errorstat_")).filter(l -> !l.startsWith("errorstat_BUSYGROUP:"))
                    .toList();
            assertThat(errors).as("error replies of the shard on port %d", shard.port()).isEmpty();
        }
    }

    @Test
    @DisplayName("Each node's channel is a sharded channel, subscribed once on the shard that serves its slot and"
            + " on no other, and never as a plain channel")
    void nodeChannelsAreShardedChannels() {
        RedisShards shards = broker().shards();
        for (int i = 1; i <= 2; i++) {
            String channel = "stratus:node:{node-" + i + "}";
            RedisServer owner = shards.shardOf(channel);
            for (RedisServer shard : shards.shards()) {
                List<?> sharded = (List<?>) shard.call("PUBSUB", "SHARDNUMSUB", channel);
                List<?> plain = (List<?>) shard.call("PUBSUB", "NUMSUB", channel);
                assertThat(sharded.get(1)).as("sharded subscribers of %s on port %d", channel, shard.port())
                        .isEqualTo(shard == owner ? 1L : 0L);
                assertThat(plain.get(1)).as("plain subscribers of %s on port %d", channel, shard.port())
                        .isEqualTo(0L);
            }
        }
    }

    @Test
    @DisplayName("The nodes' keys live on the shards that serve their slots, more than one shard in all")
    void stateSpreadsOverTheShards() {
        RedisShards shards = broker().shards();
        Set<Integer> used = new HashSet<>();
        for (int i = 1; i <= 2; i++) {
            String alive = "stratus:node:{node-" + i + "}:alive";
            RedisServer owner = shards.shardOf(alive);
            assertThat(owner.call("EXISTS", alive)).as(alive + " on its shard").isEqualTo(1L);
            used.add(owner.port());
        }
        String nodes = "stratus:nodes";
        assertThat((Long) shards.shardOf(nodes).call("HLEN", nodes)).as(nodes).isEqualTo(2L);
        used.add(shards.shardOf(nodes).port());
        assertThat(used).as("shards holding the node registry").hasSizeGreaterThan(1);
    }
}
