package io.stratusmq.protocol;

import static java.lang.System.Logger.Level.INFO;

import io.stratusmq.codec.DisconnectReasonCode;
import io.stratusmq.security.ClientIdentity;
import io.stratusmq.session.Scheduler;

/**
 * Ends a connection when its credential expires (a JWT's {@code exp}, plus the allowed clock skew): 5.0 clients
 * get DISCONNECT 0x87 (not authorized), which tells them to come back with a fresh token, as EMQX does; 0xA0
 * (maximum connect time) would suggest a server-wide cap instead. 3.1.1 clients are disconnected. The will is
 * published: the client did not leave by itself.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class CredentialExpiry {

    private static final System.Logger LOG = System.getLogger(CredentialExpiry.class.getName());

    private final MqttConnection c;
    private Scheduler.Cancellable timer;

    CredentialExpiry(MqttConnection c) {
        this.c = c;
    }

    /** Once connected: arms the timer when the identity's credential expires. */
    void start(ClientIdentity identity) {
        if (identity == null || identity.expiresAtMillis() <= 0) {
            return;
        }
        long delay = identity.expiresAtMillis() - c.ctx.clock().getAsLong();
        timer = c.ctx.scheduler().schedule(Math.max(1, delay), this::expired);
    }

    private void expired() {
        timer = null;
        if (!c.isConnected()) {
            return;
        }
        LOG.log(INFO, "{0}: credential expired, disconnecting", c);
        c.ctx.stats().closed(ProtocolStats.Closed.TOKEN_EXPIRED);
        c.disconnect(DisconnectReasonCode.NOT_AUTHORIZED, "token expired");
        c.flush();
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
