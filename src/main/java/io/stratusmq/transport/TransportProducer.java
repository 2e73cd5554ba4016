package io.stratusmq.transport;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Builds what the transports share from configuration. */
public class TransportProducer {

    @Produces
    @Singleton
    TrustedProxies trustedProxies(ProxySettings settings) {
        return new TrustedProxies(settings.trusted().orElse(List.of()));
    }
}
