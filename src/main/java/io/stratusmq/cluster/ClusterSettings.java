package io.stratusmq.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The cluster: {@code stratus.cluster.*}. Redis itself is configured with {@code quarkus.redis.*}. */
@ConfigMapping(prefix = "stratus.cluster")
public interface ClusterSettings {

    /** Where shared state lives. */
    enum Backend {
        /** This node's memory: a single node. */
        LOCAL,
        /** Redis: any number of nodes sharing sessions, routes and retained messages. */
        REDIS
    }

    /** {@code local} or {@code redis}; defaults to {@code redis} when {@code quarkus.redis.hosts} is set. */
    Optional<Backend> backend();

    /** How often a node renews its liveness key in Redis. */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /** A node that has not renewed its liveness key for this long is dead; the others clean up after it. */
    @WithDefault("10s")
    Duration nodeTimeout();

    /** Prefix of every Redis key and channel, so that several clusters can share one Redis. */
    @WithDefault("stratus")
    String keyPrefix();

    /** How long a takeover waits for the node that held a client id to let go. */
    @WithDefault("5s")
    Duration takeoverTimeout();

    /** Takeovers of one client id allowed per second before CONNECT is refused (a client flapping between pods). */
    @WithDefault("5")
    int maxTakeoversPerSecond();

    /** Approximate length cap of a shared subscription's stream (messages waiting for a member). */
    @WithDefault("100000")
    int sharedStreamMaxLength();

    /**
     * Under load, messages for other nodes leave in batches at most this often, so that several share one Redis
     * command (on both nodes: one XADD here, one read there); a message after a quiet spell leaves at once. It
     * bounds the latency added to a cross-node message. {@code 0}: whatever the event loops handed over leaves at
     * once, one batch per turn of the cluster's event loop (more Redis commands and CPU per message).
     */
    @WithDefault("2ms")
    Duration batchLinger();

    /**
     * QoS 0 messages for other nodes waiting to leave for Redis; beyond this they are dropped (counted), as for
     * a full subscriber queue, so that a publisher faster than Redis cannot grow the heap without bound. QoS 1/2
     * messages are never dropped here: their publishers wait for the acknowledgement.
     */
    @WithDefault("65536")
    int maxQos0Backlog();
}
