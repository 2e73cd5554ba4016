package io.stratusmq.cluster;

/**
 * The backend contract on Redis: two broker processes given one Redis ({@code quarkus.redis.hosts}, which
 * selects the {@code redis} backend), node 1 and node 2 of the contract. The contract's moves between the nodes
 * are clients connecting, and reconnecting, to either pod and seeing one broker.
 */
class RedisBackendContractIT extends BackendContract {

    @Override
    protected Cluster startBroker() {
        return Cluster.start("RedisBackendContractIT", 2);
    }

    @Override
    protected String backend() {
        return "redis";
    }

    @Override
    protected int nodes() {
        return 2;
    }
}
