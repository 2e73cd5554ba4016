package io.stratusmq.cluster;

import io.stratusmq.broker.Broker;
import io.stratusmq.broker.ClusterBridge;
import io.stratusmq.broker.RetainedStore;
import io.stratusmq.session.SessionDirectory;
import io.stratusmq.session.SessionStore;

/**
 * The cluster backend of a node: the single-node {@code local} one, or {@link RedisCluster}. It supplies the
 * stores and directory the broker is built with, then joins the broker to the cluster.
 */
public interface ClusterRuntime {

    /** The name of the backend, for logs and metrics. */
    String backend();

    /** The retained store, or null to use the in-memory one. */
    RetainedStore retained();

    SessionStore sessionStore();

    SessionDirectory directory();

    /** Joins the broker to the cluster (bridge, durable offline handler). */
    void attach(Broker broker);

    /** Connects and joins; returns at once, readiness follows. */
    void start();

    /** Leaves cleanly. */
    void stop();

    /** True when the node can serve: Redis reachable, subscriptions live, routes loaded. */
    boolean ready();

    /** Messages sent to and received from other nodes, and Redis round trips and commands so far. */
    default long[] counters() {
        return new long[4];
    }

    /**
     * What to do when this node finds the others declared it dead (a long pause, a partition) and cleaned up
     * after it: its clients' sessions were handed over, so they must reconnect to resume them.
     */
    default void onDeclaredDead(Runnable action) {
    }

    /** Receives the round-trip time of every Redis batch, in nanoseconds. */
    default void latencyObserver(java.util.function.LongConsumer nanos) {
    }

    /** How many nodes this node sees alive, itself included. */
    default int liveNodes() {
        return 1;
    }

    /** The single node: everything in memory, nothing to join. */
    ClusterRuntime LOCAL = new ClusterRuntime() {
        @Override
        public String backend() {
            return "local";
        }

        @Override
        public RetainedStore retained() {
            return null;
        }

        @Override
        public SessionStore sessionStore() {
            return SessionStore.MEMORY;
        }

        @Override
        public SessionDirectory directory() {
            return SessionDirectory.LOCAL;
        }

        @Override
        public void attach(Broker broker) {
            broker.cluster(ClusterBridge.LOCAL);
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean ready() {
            return true;
        }
    };
}
