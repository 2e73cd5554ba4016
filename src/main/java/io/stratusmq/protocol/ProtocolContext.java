package io.stratusmq.protocol;

import io.stratusmq.broker.Broker;
import io.stratusmq.security.Authenticator;
import io.stratusmq.security.Authorizer;
import io.stratusmq.session.Scheduler;
import io.stratusmq.session.SessionDirectory;
import java.util.function.LongSupplier;

/**
 * What every connection of a node shares: limits, the broker, security hooks, timers and the clock.
 *
 * @param scheduler runs a task on the calling event loop when called from one
 * @param clock wall-clock milliseconds, injected so that expiry and keep-alive can be tested
 * @param directory cluster-wide ownership of client ids ({@link SessionDirectory#LOCAL} on a single node)
 * @param connections every live connection of the node
 * @param admission the node's connection limits (per node, per address, connect rate)
 * @param stats refusals and server-side closes by reason, for metrics
 */
public record ProtocolContext(ProtocolConfig config, Broker broker, Authenticator authenticator,
        Authorizer authorizer, Scheduler scheduler, LongSupplier clock, SessionDirectory directory,
        ConnectionTracker connections, AdmissionControl admission, ProtocolStats stats) {

    public ProtocolContext(ProtocolConfig config, Broker broker, Authenticator authenticator, Authorizer authorizer,
            Scheduler scheduler, LongSupplier clock) {
        this(config, broker, authenticator, authorizer, scheduler, clock, SessionDirectory.LOCAL,
                new ConnectionTracker(), new AdmissionControl(Limits.NONE, clock), new ProtocolStats());
    }

    /** The overload limits every connection of the node enforces. */
    public Limits limits() {
        return admission.limits();
    }
}
