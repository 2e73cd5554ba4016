package io.stratusmq.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.stratusmq.broker.Broker;
import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.DropReason;
import io.stratusmq.cluster.ClusterRuntime;
import io.stratusmq.protocol.ConnectionCounters;
import io.stratusmq.protocol.ConnectionTracker;
import io.stratusmq.protocol.ProtocolStats;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * The broker's metrics, published at /q/metrics (names in README, "Metrics"). Counters are read from the
 * broker's striped adders when scraped, so the hot path only bumps an adder.
 */
@Singleton
public class BrokerMetrics implements MeterBinder {

    private static final String[] TRANSPORTS = {"ws", "wss", "tcp", "tls"};
    private static final String[] PROTOCOLS = {"3.1", "3.1.1", "5"};

    private final Broker broker;
    private final ConnectionTracker connections;
    private final ClusterRuntime cluster;
    private final Drain drain;
    private final ProtocolStats protocol;

    BrokerMetrics(Broker broker, ConnectionTracker connections, ClusterRuntime cluster, Drain drain,
            ProtocolStats protocol) {
        this.broker = broker;
        this.connections = connections;
        this.cluster = cluster;
        this.drain = drain;
        this.protocol = protocol;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        BrokerStats stats = broker.stats();
        for (String t : TRANSPORTS) {
            for (String p : PROTOCOLS) {
                Gauge.builder("stratus.connections", connections, c -> c.count(t, p))
                        .description("Connected MQTT clients").tags("transport", t, "protocol", p).register(registry);
            }
        }
        Gauge.builder("stratus.connections.open", connections, ConnectionTracker::count)
                .description("Open network connections, before and after CONNECT").register(registry);
        for (int qos = 0; qos <= 2; qos++) {
            int q = qos;
            FunctionCounter.builder("stratus.messages.received", connections, c -> c.total(n -> n.received(q)))
                    .description("PUBLISH packets accepted from clients").tags("qos", String.valueOf(q))
                    .register(registry);
            FunctionCounter.builder("stratus.messages.sent", connections, c -> c.total(n -> n.sent(q)))
                    .description("PUBLISH packets sent to clients").tags("qos", String.valueOf(q)).register(registry);
        }
        FunctionCounter.builder("stratus.bytes.received", connections, c -> c.total(ConnectionCounters::bytesIn))
                .description("Bytes read from clients").register(registry);
        FunctionCounter.builder("stratus.bytes.sent", connections, c -> c.total(ConnectionCounters::bytesOut))
                .description("Bytes written to clients").register(registry);
        for (DropReason r : DropReason.values()) {
            FunctionCounter.builder("stratus.messages.dropped", stats, s -> s.droppedCount(r))
                    .description("Messages not delivered to a subscriber, by reason")
                    .tags("reason", r.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        bindLimits(registry);
        Gauge.builder("stratus.retained.messages", broker, b -> b.retained().count())
                .description("Topics holding a retained message").register(registry);
        Gauge.builder("stratus.sessions", broker, b -> b.sessions().size())
                .description("Sessions held by this node").register(registry);
        Gauge.builder("stratus.subscriptions", broker, Broker::subscriptionCount)
                .description("Subscriptions in this node's trie").register(registry);
        Gauge.builder("stratus.queued.messages", broker, BrokerMetrics::queued)
                .description("Messages queued for sessions of this node").register(registry);
        FunctionCounter.builder("stratus.cluster.forwarded.messages", cluster, c -> c.counters()[0])
                .description("Messages sent to other nodes and cluster streams").register(registry);
        FunctionCounter.builder("stratus.cluster.received.messages", cluster, c -> c.counters()[1])
                .description("Messages received from other nodes").register(registry);
        FunctionCounter.builder("stratus.redis.roundtrips", cluster, c -> c.counters()[2])
                .description("Pipelined batches sent to Redis").register(registry);
        FunctionCounter.builder("stratus.redis.commands", cluster, c -> c.counters()[3])
                .description("Commands sent to Redis").register(registry);
        io.micrometer.core.instrument.Timer redisLatency = io.micrometer.core.instrument.Timer
                .builder("stratus.redis.latency").description("Round trip of a pipelined batch to Redis")
                .publishPercentileHistogram().register(registry);
        cluster.latencyObserver(n -> redisLatency.record(n, java.util.concurrent.TimeUnit.NANOSECONDS));
        Gauge.builder("stratus.nodes", cluster, ClusterRuntime::liveNodes)
                .description("Nodes this node sees alive, itself included").register(registry);
        Gauge.builder("stratus.draining", drain, d -> d.draining() ? 1 : 0)
                .description("1 while the node drains on shutdown").register(registry);
    }

    /** Refusals and server-side closes by reason: every limit's hits (README, "Limits"). */
    private void bindLimits(MeterRegistry registry) {
        for (ProtocolStats.RefusedConnect r : ProtocolStats.RefusedConnect.values()) {
            FunctionCounter.builder("stratus.connects.refused", protocol, p -> p.count(r))
                    .description("CONNECT packets refused, by reason").tags("reason", tag(r)).register(registry);
        }
        for (ProtocolStats.Closed r : ProtocolStats.Closed.values()) {
            FunctionCounter.builder("stratus.connections.closed", protocol, p -> p.count(r))
                    .description("Connections the server ended, by reason").tags("reason", tag(r))
                    .register(registry);
        }
        for (ProtocolStats.RefusedSubscription r : ProtocolStats.RefusedSubscription.values()) {
            FunctionCounter.builder("stratus.subscriptions.refused", protocol, p -> p.count(r))
                    .description("Topic filters refused in SUBACK, by reason").tags("reason", tag(r))
                    .register(registry);
        }
        for (ProtocolStats.RefusedPublish r : ProtocolStats.RefusedPublish.values()) {
            FunctionCounter.builder("stratus.publishes.refused", protocol, p -> p.count(r))
                    .description("PUBLISH packets refused, by reason").tags("reason", tag(r)).register(registry);
        }
        FunctionCounter.builder("stratus.publishes.throttled", protocol, ProtocolStats::throttledCount)
                .description("Times a client was held back for publishing faster than its rate").register(registry);
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static double queued(Broker b) {
        long n = 0;
        for (var s : b.sessions().all()) {
            n += s.queuedCount();
        }
        return n;
    }
}
