package io.stratusmq.cluster;

/**
 * The backend contract on the embedded default: one broker started without Redis, so that it runs the
 * in-memory {@code local} backend. Both nodes of the contract are this one process.
 */
class LocalBackendContractIT extends BackendContract {

    @Override
    protected Cluster startBroker() {
        return Cluster.withoutRedis("LocalBackendContractIT");
    }

    @Override
    protected String backend() {
        return "local";
    }

    @Override
    protected int nodes() {
        return 1;
    }
}
