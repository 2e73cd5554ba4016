package io.stratusmq.ops;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.stratusmq.cluster.ClusterRuntime;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Kubernetes probes: live while every event loop answers, ready while the cluster backend is usable and the
 * node is not draining, started once the listeners are up.
 */
@ApplicationScoped
public class HealthChecks {

    private static final Duration LOOP_DEADLINE = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final ClusterRuntime cluster;
    private final Drain drain;
    private volatile boolean started;

    HealthChecks(Vertx vertx, ClusterRuntime cluster, Drain drain) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.drain = drain;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    /** Every event loop runs a task within the deadline: a blocked loop makes the pod restart. */
    @Produces
    @Liveness
    AsyncHealthCheck eventLoops() {
        return () -> {
            List<CompletableFuture<Void>> pings = new ArrayList<>();
            vertx.nettyEventLoopGroup().forEach(loop -> {
                CompletableFuture<Void> ping = new CompletableFuture<>();
                loop.execute(() -> ping.complete(null));
                pings.add(ping);
            });
            return Uni.createFrom().completionStage(CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)))
                    .ifNoItem().after(LOOP_DEADLINE).fail()
                    .map(v -> HealthCheckResponse.named("event-loops").up().withData("loops", pings.size()).build())
                    .onFailure().recoverWithItem(e -> HealthCheckResponse.named("event-loops").down()
                            .withData("error", "an event loop did not answer within " + LOOP_DEADLINE).build());
        };
    }

    @Produces
    @Readiness
    AsyncHealthCheck cluster() {
        return () -> {
            boolean ready = cluster.ready() && !drain.draining();
            return Uni.createFrom().item(HealthCheckResponse.named("cluster").status(ready)
                    .withData("backend", cluster.backend())
                    .withData("nodes", cluster.liveNodes())
                    .withData("draining", drain.draining())
                    .build());
        };
    }

    @Produces
    @Startup
    AsyncHealthCheck listeners() {
        return () -> Uni.createFrom().item(HealthCheckResponse.named("listeners").status(started).build());
    }
}
