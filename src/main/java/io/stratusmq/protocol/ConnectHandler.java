package io.stratusmq.protocol;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

import io.stratusmq.codec.ConnAck;
import io.stratusmq.codec.ConnAckProperties;
import io.stratusmq.codec.Connect;
import io.stratusmq.codec.ConnectReasonCode;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.Utf8;
import io.stratusmq.codec.Will;
import io.stratusmq.protocol.ProtocolStats.RefusedConnect;
import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.TopicName;
import io.stratusmq.security.AuthResult;
import io.stratusmq.security.Credentials;
import io.stratusmq.session.Message;
import io.stratusmq.session.Session;
import io.stratusmq.session.InFlight;
import io.stratusmq.session.SessionDirectory;
import io.stratusmq.session.SessionRegistry;
import io.stratusmq.session.SessionStore;
import io.stratusmq.session.StoreTicket;
import io.stratusmq.session.StoredSession;
import io.stratusmq.session.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CONNECT to CONNACK [MQTT-3.1.4]: validation, keep-alive negotiation, authentication, session attach or
 * takeover, the CONNACK and its 5.0 properties, and resuming a session's in-flight messages.
 *
 * <p>Threading: runs on the connection's event loop; authentication may complete elsewhere and hops back.
 */
final class ConnectHandler {

    private static final System.Logger LOG = System.getLogger(ConnectHandler.class.getName());

    private final MqttConnection c;
    private Connect connect;
    private boolean assignedId;
    private int keepAlive;
    private boolean keepAliveChanged;
    private String claimToken;

    ConnectHandler(MqttConnection c) {
        this.c = c;
    }

    void connect(Connect p) throws MalformedPacketException {
        if (c.state != MqttConnection.State.AWAIT_CONNECT) {
            throw MalformedPacketException.protocolError("second CONNECT [MQTT-3.1.0-2]");
        }
        c.cancelConnectTimer();
        c.version = p.version();
        c.state = MqttConnection.State.CONNECTING;
        c.problemInformation = p.properties().problemInformationRequested();
        c.clientMaximumPacketSize = p.properties().maximumPacketSizeOrZero();
        connect = p;
        if (!admitted()) {
            return;
        }

        String clientId = p.clientId();
        if (clientId.isEmpty()) {
            if (p.version() == MqttVersion.V3_1 || (p.version() == MqttVersion.V3_1_1 && !p.cleanStart())) {
                refuse(RefusedConnect.CLIENT_ID_INVALID, ConnectReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                        "an empty client id needs a clean session [MQTT-3.1.3-8]");
                return;
            }
            clientId = "auto-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + Long.toHexString(ThreadLocalRandom.current().nextLong());
            assignedId = true;
        }
        if (clientId.length() > c.config.maxClientIdLength()) {
            refuse(RefusedConnect.CLIENT_ID_TOO_LONG, ConnectReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "client id longer than " + c.config.maxClientIdLength() + " characters");
            return;
        }
        if (!checkWill(p.will()) || !negotiateKeepAlive(p)) {
            return;
        }
        if (p.properties().authenticationMethod() != null) {
            refuse(RefusedConnect.BAD_AUTHENTICATION_METHOD, ConnectReasonCode.BAD_AUTHENTICATION_METHOD,
                    "enhanced authentication is not supported");
            return;
        }
        c.clientId = clientId;
        c.pauseReading(); // packets pipelined behind CONNECT wait for the CONNACK
        Credentials credentials = new Credentials(clientId, p.username(), p.password(),
                c.transport.remoteAddress(), c.transport.certificateSubject());
        CompletionStage<AuthResult> auth = c.ctx.authenticator().authenticate(credentials);
        CompletableFuture<AuthResult> done = auth.toCompletableFuture();
        if (done.isDone() && !done.isCompletedExceptionally()) {
            authenticated(done.join(), null);
        } else {
            auth.whenComplete((r, err) -> c.executor().execute(() -> {
                authenticated(r, err);
                c.flush();
            }));
        }
    }

    /** The will's topic, QoS, retain flag and payload format (MQTT 5 sections 3.1.2.5 to 3.1.2.7) checked before anything is kept. */
    private boolean checkWill(Will will) {
        if (will == null) {
            return true;
        }
        try {
            TopicName.validate(will.topic(), c.config.maxTopicLength(), c.config.maxTopicLevels());
        } catch (InvalidTopicException e) {
            refuse(RefusedConnect.WILL_INVALID, ConnectReasonCode.TOPIC_NAME_INVALID, "will topic: " + e.getMessage());
            return false;
        }
        if (will.qos() > c.config.maximumQos()) {
            refuse(RefusedConnect.WILL_INVALID, ConnectReasonCode.QOS_NOT_SUPPORTED, "will QoS above the maximum QoS");
            return false;
        }
        if (will.retain() && !c.config.retainAvailable()) {
            refuse(RefusedConnect.WILL_INVALID, ConnectReasonCode.RETAIN_NOT_SUPPORTED, "retained wills are not supported");
            return false;
        }
        Integer format = will.properties().payloadFormatIndicator();
        if (format != null && format == 1 && !Utf8.isWellFormed(will.payload())) {
            refuse(RefusedConnect.WILL_INVALID, ConnectReasonCode.PAYLOAD_FORMAT_INVALID, "will payload is not UTF-8 (MQTT 5 section 3.1.3.2.3)");
            return false;
        }
        return true;
    }

    /** The keep-alive within the configured bounds ({@link KeepAlive#negotiate}); false when refused. */
    private boolean negotiateKeepAlive(Connect p) {
        keepAlive = KeepAlive.negotiate(p.keepAlive(), p.version() == MqttVersion.V5, c.config);
        if (keepAlive == KeepAlive.REFUSE) {
            refuse(RefusedConnect.KEEP_ALIVE, ConnectReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "keep alive " + p.keepAlive() + " s outside " + c.config.minKeepAlive() + ".."
                            + c.config.maxKeepAlive() + " s");
            return false;
        }
        keepAliveChanged = keepAlive != p.keepAlive();
        return true;
    }

    /**
     * The node's connection limits: the verdict given when the connection opened (per node, per address), then
     * the address's CONNECT rate. 5.0 clients learn which (0x97 quota exceeded, 0x9F connection rate exceeded);
     * 3.1.1 clients get 0x03 server unavailable. A draining node sends everyone elsewhere (0x9C use another
     * server), so that a client reconnecting during a rolling update lands on a pod that stays.
     */
    private boolean admitted() {
        AdmissionControl.Verdict verdict = c.admission;
        if (c.ctx.admission().draining()) {
            verdict = AdmissionControl.Verdict.DRAINING;
        }
        if (verdict == null && !c.ctx.admission().connectAllowed(c.transport.remoteAddress())) {
            verdict = AdmissionControl.Verdict.CONNECT_RATE;
        }
        if (verdict == null) {
            return true;
        }
        switch (verdict) {
            case MAX_CONNECTIONS -> refuse(RefusedConnect.MAX_CONNECTIONS, ConnectReasonCode.QUOTA_EXCEEDED,
                    "too many connections to this server");
            case MAX_CONNECTIONS_PER_ADDRESS -> refuse(RefusedConnect.MAX_CONNECTIONS_PER_ADDRESS,
                    ConnectReasonCode.CONNECTION_RATE_EXCEEDED, "too many connections from this address");
            case CONNECT_RATE -> refuse(RefusedConnect.CONNECT_RATE, ConnectReasonCode.CONNECTION_RATE_EXCEEDED,
                    "connecting too often from this address");
            case DRAINING -> refuse(RefusedConnect.DRAINING, ConnectReasonCode.USE_ANOTHER_SERVER,
                    "this server is shutting down");
        }
        return false;
    }

    private void authenticated(AuthResult result, Throwable error) {
        if (c.state != MqttConnection.State.CONNECTING) {
            return;
        }
        if (error != null || result == null) {
            LOG.log(INFO, "{0}: authentication failed: {1}", c, error);
            refuse(RefusedConnect.SERVER_UNAVAILABLE, ConnectReasonCode.SERVER_UNAVAILABLE,
                    "authentication unavailable");
            return;
        }
        if (!result.allowed()) {
            switch (result.denial()) {
                case BAD_CREDENTIALS -> refuse(RefusedConnect.BAD_CREDENTIALS,
                        ConnectReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                case NOT_AUTHORIZED -> refuse(RefusedConnect.NOT_AUTHORIZED, ConnectReasonCode.NOT_AUTHORIZED,
                        "not authorized");
                case SERVER_UNAVAILABLE -> refuse(RefusedConnect.SERVER_UNAVAILABLE,
                        ConnectReasonCode.SERVER_UNAVAILABLE, "authentication unavailable");
            }
            return;
        }
        c.identity = result.identity();
        Will will = connect.will();
        if (will != null && !c.ctx.authorizer().mayPublish(c.identity, will.topic())) {
            // the will is a publish like any other: without this a client could leave one where it may not write
            refuse(RefusedConnect.NOT_AUTHORIZED, ConnectReasonCode.NOT_AUTHORIZED,
                    "not authorized to publish the will to " + will.topic());
            return;
        }
        CompletableFuture<SessionDirectory.Claim> claim =
                c.ctx.directory().claim(c.clientId, connect.cleanStart()).toCompletableFuture();
        if (claim.isDone() && !claim.isCompletedExceptionally()) {
            claimed(claim.join(), null);
        } else {
            claim.whenComplete((r, err) -> c.executor().execute(() -> {
                claimed(r, err);
                c.flush();
            }));
        }
    }

    /** No other node serves this client id any more: take the session on this node. */
    private void claimed(SessionDirectory.Claim claim, Throwable error) {
        if (c.state != MqttConnection.State.CONNECTING) {
            return;
        }
        if (error != null || claim == null) {
            LOG.log(INFO, "{0}: session claim failed: {1}", c, error);
            refuse(RefusedConnect.SERVER_UNAVAILABLE, ConnectReasonCode.SERVER_UNAVAILABLE, "session store unavailable");
            return;
        }
        if (claim.refused()) {
            refuse(RefusedConnect.SERVER_BUSY, ConnectReasonCode.SERVER_BUSY,
                    "client id taken over too often, retry later");
            return;
        }
        claimToken = claim.token();
        SessionRegistry.Attached attached = c.ctx.broker().sessions().attach(c.clientId, connect.cleanStart(), c);
        if (!attached.waitForTakeover()) {
            sessionReady(attached.session(), attached.present());
        }
    }

    /**
     * The session is this connection's. In cluster mode its durable state comes from the store first (or is
     * discarded for Clean Start); then CONNACK.
     */
    void sessionReady(Session session, boolean present) {
        SessionStore store = c.ctx.broker().store();
        if (!store.isDurable()) {
            sessionReady(session, present, null);
            return;
        }
        if (connect.cleanStart()) {
            store.ended(c.clientId, claimToken); // [MQTT-3.1.2-4] Clean Start discards any existing session
            sessionReady(session, false, null);
            return;
        }
        store.load(c.clientId).whenComplete((stored, error) -> c.executor().execute(() -> {
            if (c.state != MqttConnection.State.CONNECTING) {
                c.ctx.broker().sessions().release(session, c, null, 0);
                return;
            }
            if (error != null) {
                LOG.log(INFO, "{0}: session store unavailable: {1}", c, error.toString());
                refuse(RefusedConnect.SERVER_UNAVAILABLE, ConnectReasonCode.SERVER_UNAVAILABLE, "session store unavailable");
                return;
            }
            sessionReady(session, present || stored != null, stored);
            c.flush();
        }));
    }

    private void sessionReady(Session session, boolean present, StoredSession stored) {
        Connect p = connect;
        connect = null;
        c.session = session;
        session.ownerToken(claimToken);
        long requested = p.version() == MqttVersion.V5 ? p.properties().sessionExpiryOrDefault()
                : p.cleanStart() ? 0 : Session.NEVER_EXPIRES;
        long expiry = Math.min(requested, c.config.maxSessionExpiry());
        session.expiryIntervalSeconds(expiry);
        SessionStore store = c.ctx.broker().store();
        if (store.isDurable()) {
            session.durable(expiry > 0 || stored != null);
        }
        if (stored != null) {
            restore(session, stored);
        }
        Will w = p.will();
        if (w != null) {
            // the Message Expiry Interval stays in the properties and starts when the will is published
            c.will = c.ctx.broker().newMessage(w.topic(), w.payload(), w.qos(), w.retain(), willProperties(w),
                    c.clientId, Message.NEVER);
            c.willDelaySeconds = w.properties().willDelayOrZero();
        }
        boolean resumed = present && !p.cleanStart(); // [MQTT-3.2.2-2]
        // 3.1 has no session present flag: the first CONNACK byte is reserved there (as Mosquitto sends it)
        boolean sessionPresent = resumed && p.version() != MqttVersion.V3_1;
        ConnAck connAck = new ConnAck(sessionPresent, ConnectReasonCode.SUCCESS,
                p.version() == MqttVersion.V5 ? connAckProperties(p, expiry != requested ? expiry : null)
                        : ConnAckProperties.EMPTY);
        if (!store.isDurable() || !(session.durable() || c.will != null)) {
            accept(p, connAck, resumed);
            return;
        }
        // cluster mode: CONNACK once the store holds the session and the will, which the other nodes need if
        // this one dies right after
        StoreTicket recorded = store.connected(session, c.will, c.willDelaySeconds,
                stored == null ? 0 : stored.lastQueueSequence());
        recorded.whenDone(() -> c.executor().execute(() -> {
            if (c.state != MqttConnection.State.CONNECTING) {
                return; // closed meanwhile
            }
            if (recorded.failed()) {
                c.will = null; // the CONNECT failed: no will is due for it
                refuse(RefusedConnect.SERVER_UNAVAILABLE, ConnectReasonCode.SERVER_UNAVAILABLE,
                        "session store unavailable");
                return;
            }
            accept(p, connAck, resumed);
            c.flush();
        }));
    }

    /** CONNACK, then the connection is open for business. */
    private void accept(Connect p, ConnAck connAck, boolean resumed) {
        c.write(connAck);
        c.state = MqttConnection.State.CONNECTED;
        LOG.log(DEBUG, "{0} connected, MQTT {1}, session resumed {2}", c, p.version(), resumed);
        c.keepAlive.start(keepAlive);
        c.credentialExpiry.start(c.identity);
        c.outbound.start(p);
        c.outbound.resume(resumed);
        c.resumeReading();
    }

    /** Puts a stored session back: subscriptions, queued and in-flight messages, inbound QoS 2 identifiers. */
    private void restore(Session session, StoredSession stored) {
        for (Subscription sub : stored.subscriptions()) {
            c.ctx.broker().subscribe(session, sub);
        }
        for (StoredSession.StoredMessage m : stored.messages()) {
            if (m.packetId() != 0) {
                InFlight f = session.outbound().send(m.packetId(), m.delivery());
                if (m.released()) {
                    f.release();
                }
            } else {
                session.restoreWaiting(m.delivery());
            }
        }
        for (int id : stored.inboundQos2()) {
            session.addInboundQos2(id);
        }
    }

    /**
     * The will's properties as they will travel with the message: the delay belongs to the session, not to it;
     * the Message Expiry Interval is turned into a deadline when the will is published (section 3.1.3.2.4).
     */
    private static io.stratusmq.codec.PublishProperties willProperties(Will w) {
        var wp = w.properties();
        if (wp.payloadFormatIndicator() == null && wp.messageExpiryInterval() == null && wp.contentType() == null
                && wp.responseTopic() == null && wp.correlationData() == null && wp.userProperties().isEmpty()) {
            return io.stratusmq.codec.PublishProperties.EMPTY;
        }
        return new io.stratusmq.codec.PublishProperties(wp.payloadFormatIndicator(), wp.messageExpiryInterval(),
                null, wp.responseTopic(),
                wp.correlationData(), wp.userProperties(), List.of(), wp.contentType());
    }

    private ConnAckProperties connAckProperties(Connect p, Long expiryChangedTo) {
        ProtocolConfig cfg = c.config;
        return new ConnAckProperties(
                expiryChangedTo,
                cfg.receiveMaximum() < 65_535 ? cfg.receiveMaximum() : null,
                cfg.maximumQos() < 2 ? cfg.maximumQos() : null,
                cfg.retainAvailable() ? null : Boolean.FALSE,
                (long) cfg.maxPacketSize(),
                assignedId ? c.clientId : null,
                cfg.topicAliasMaximum() > 0 ? cfg.topicAliasMaximum() : null,
                null,
                List.of(),
                null,
                null,
                cfg.sharedSubscriptionsAvailable() ? null : Boolean.FALSE,
                keepAliveChanged ? keepAlive : null,
                null, null, null, null);
    }

    /**
     * Refuses the CONNECT: a CONNACK with the reason (5.0), or the 3.1.1 return code where one fits, else a
     * plain close; then the connection closes [MQTT-3.2.2-6].
     */
    private void refuse(RefusedConnect counter, ConnectReasonCode reason, String why) {
        LOG.log(INFO, "{0}: CONNECT refused: {1} ({2})", c, why, reason);
        c.ctx.stats().refused(counter);
        if (c.version == MqttVersion.V5) {
            c.write(new ConnAck(false, reason, c.problemInformation ? ConnAckProperties.ofReason(why)
                    : ConnAckProperties.EMPTY));
        } else if (hasV3ReturnCode(reason)) {
            c.write(new ConnAck(false, reason, ConnAckProperties.EMPTY));
        }
        c.closeNow();
    }

    private static boolean hasV3ReturnCode(ConnectReasonCode reason) {
        return switch (reason) {
            case UNSUPPORTED_PROTOCOL_VERSION, CLIENT_IDENTIFIER_NOT_VALID, SERVER_UNAVAILABLE, SERVER_BUSY,
                    BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED, QUOTA_EXCEEDED, CONNECTION_RATE_EXCEEDED,
                    USE_ANOTHER_SERVER -> true;
            default -> false;
        };
    }
}
