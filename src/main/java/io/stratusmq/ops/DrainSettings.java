package io.stratusmq.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Graceful shutdown on SIGTERM: {@code stratus.shutdown.*}. */
@ConfigMapping(prefix = "stratus.shutdown")
public interface DrainSettings {

    /** How long readiness reports DOWN before clients are disconnected, so the ingress stops sending new ones. */
    @WithDefault("5s")
    Duration readinessDelay();

    /** Clients disconnected per second while draining, so the other pods see no reconnect storm. */
    @WithDefault("500")
    int disconnectRate();

    /** The longest the disconnecting may take; whoever is left then is disconnected at once. */
    @WithDefault("30s")
    Duration timeout();
}
