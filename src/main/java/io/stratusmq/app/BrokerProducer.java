package io.stratusmq.app;

import static java.lang.System.Logger.Level.INFO;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stratusmq.broker.Broker;
import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.InMemoryRetainedStore;
import io.stratusmq.broker.RetainedStore;
import io.stratusmq.cluster.ClusterRuntime;
import io.stratusmq.cluster.ClusterSettings;
import io.stratusmq.cluster.RedisCluster;
import io.stratusmq.protocol.AdmissionControl;
import io.stratusmq.protocol.ConnectionTracker;
import io.stratusmq.protocol.ProtocolContext;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.security.Authenticator;
import io.stratusmq.security.Authorizer;
import io.stratusmq.session.Scheduler;
import io.stratusmq.session.SessionRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.ConfigProvider;

/** Wires the plain-Java core (broker, sessions, protocol context) and the cluster backend into CDI. */
public class BrokerProducer {

    private static final System.Logger LOG = System.getLogger(BrokerProducer.class.getName());
    private static final LongSupplier WALL_CLOCK = System::currentTimeMillis;

    @Produces
    @Singleton
    Scheduler scheduler(Vertx vertx) {
        return new VertxScheduler(vertx);
    }

    @Produces
    @Singleton
    BrokerStats stats() {
        return new BrokerStats();
    }

    /** {@code local} unless configured otherwise or Redis hosts are given. */
    @Produces
    @Singleton
    ClusterRuntime cluster(ClusterSettings settings, NodeSettings node, MqttSettings mqtt, BrokerStats stats,
            Vertx vertx, Instance<Redis> redis) {
        boolean redisConfigured = ConfigProvider.getConfig().getOptionalValue("quarkus.redis.hosts", String.class)
                .filter(h -> !h.isBlank()).isPresent();
        ClusterSettings.Backend backend = settings.backend()
                .orElse(redisConfigured ? ClusterSettings.Backend.REDIS : ClusterSettings.Backend.LOCAL);
        if (backend == ClusterSettings.Backend.LOCAL) {
            LOG.log(INFO, "single node, state in memory (stratus.cluster.backend=local)");
            return ClusterRuntime.LOCAL;
        }
        if (!redisConfigured) {
            throw new IllegalStateException("stratus.cluster.backend=redis needs quarkus.redis.hosts");
        }
        boolean redisCluster = ConfigProvider.getConfig().getOptionalValue("quarkus.redis.client-type", String.class)
                .filter(t -> t.equalsIgnoreCase("cluster")).isPresent();
        return new RedisCluster(nodeId(node), settings, redis.get(), redisCluster, vertx, stats,
                mqtt.toSessionLimits());
    }

    @Produces
    @Singleton
    Broker broker(MqttSettings mqtt, Scheduler scheduler, BrokerStats stats, ClusterRuntime cluster) {
        SessionRegistry sessions = new SessionRegistry(mqtt.toSessionLimits(), scheduler, WALL_CLOCK);
        RetainedStore retained = cluster.retained() != null ? cluster.retained()
                : new InMemoryRetainedStore(WALL_CLOCK);
        Broker broker = new Broker(sessions, retained, cluster.sessionStore(), stats);
        cluster.attach(broker);
        return broker;
    }

    @Produces
    @Singleton
    ConnectionTracker connections() {
        return new ConnectionTracker();
    }

    @Produces
    @Singleton
    ProtocolStats protocolStats() {
        return new ProtocolStats();
    }

    @Produces
    @Singleton
    AdmissionControl admission(LimitsSettings limits) {
        return new AdmissionControl(limits.toLimits(), WALL_CLOCK);
    }

    @Produces
    @Singleton
    ProtocolContext protocolContext(MqttSettings mqtt, Broker broker, Scheduler scheduler, ClusterRuntime cluster,
            ConnectionTracker connections, Authenticator authenticator, Authorizer authorizer,
            AdmissionControl admission, ProtocolStats protocolStats) {
        return new ProtocolContext(mqtt.toProtocolConfig(), broker, authenticator, authorizer, scheduler, WALL_CLOCK,
                cluster.directory(), connections, admission, protocolStats);
    }

    void start(@Observes StartupEvent event, ClusterRuntime cluster, Broker broker, ConnectionTracker connections) {
        cluster.onDeclaredDead(() -> connections.forEach(c -> c.executor().execute(c::shutdown)));
        cluster.start();
    }

    void stop(@Observes ShutdownEvent event, ClusterRuntime cluster) {
        cluster.stop();
    }

    static String nodeId(NodeSettings node) {
        return node.nodeId().filter(id -> !id.isBlank()).orElseGet(() -> {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "node-" + Long.toHexString(System.nanoTime());
            }
        });
    }
}
