package io.stratusmq.app;

import io.stratusmq.broker.Broker;
import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.InMemoryRetainedStore;
import io.stratusmq.protocol.ProtocolContext;
import io.stratusmq.security.Authenticator;
import io.stratusmq.security.Authorizer;
import io.stratusmq.session.Scheduler;
import io.stratusmq.session.SessionRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.LongSupplier;

/** Wires the plain-Java core (broker, sessions, protocol context) into CDI. */
public class BrokerProducer {

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

    @Produces
    @Singleton
    Broker broker(MqttSettings mqtt, Scheduler scheduler, BrokerStats stats) {
        SessionRegistry sessions = new SessionRegistry(mqtt.toSessionLimits(), scheduler, WALL_CLOCK);
        return new Broker(sessions, new InMemoryRetainedStore(WALL_CLOCK), stats);
    }

    @Produces
    @Singleton
    ProtocolContext protocolContext(MqttSettings mqtt, Broker broker, Scheduler scheduler,
            Authenticator authenticator, Authorizer authorizer) {
        return new ProtocolContext(mqtt.toProtocolConfig(), broker, authenticator, authorizer, scheduler, WALL_CLOCK);
    }
}
