package io.stratusmq.protocol;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

import io.stratusmq.broker.BrokerStats;
import io.stratusmq.codec.Disconnect;
import io.stratusmq.codec.DisconnectReasonCode;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttDecoder;
import io.stratusmq.codec.MqttEncoder;
import io.stratusmq.codec.MqttPacket;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.PingResp;
import io.stratusmq.codec.PubAck;
import io.stratusmq.codec.PubComp;
import io.stratusmq.codec.PubRec;
import io.stratusmq.codec.PubRel;
import io.stratusmq.codec.Publish;
import io.stratusmq.codec.Subscribe;
import io.stratusmq.codec.Unsubscribe;
import io.stratusmq.codec.UnsupportedProtocolVersionException;
import io.stratusmq.security.ClientIdentity;
import io.stratusmq.session.Message;
import io.stratusmq.session.Scheduler;
import io.stratusmq.session.Session;
import io.stratusmq.session.SessionRegistry;
import java.util.concurrent.Executor;

/**
 * One client connection's MQTT state machine: bytes in from the transport, packets decoded and handled, packets
 * out as one write per event. This class owns the lifecycle and is the one place that turns a protocol
 * violation into DISCONNECT (5.0) or a plain close (3.1 / 3.1.1) [MQTT-4.13]; the handlers beside it do the
 * work of each packet.
 *
 * <p>Threading: runs on the connection's event loop and never blocks. Calls from other connections (deliveries,
 * takeover, flow control) arrive through {@link #executor()}.
 */
public final class MqttConnection implements SessionRegistry.PendingOwner {

    private static final System.Logger LOG = System.getLogger(MqttConnection.class.getName());

    enum State {
        AWAIT_CONNECT, CONNECTING, CONNECTED, CLOSING, CLOSED
    }

    final Transport transport;
    final ProtocolContext ctx;
    final ProtocolConfig config;
    final BrokerStats stats;
    final ConnectionCounters counters = new ConnectionCounters();
    private final PacketInput input;
    private final PacketOutput out = new PacketOutput();
    final KeepAlive keepAlive;
    final ConnectHandler connectHandler;
    final InboundPublishes inbound;
    final OutboundDeliveries outbound;
    final SubscribeHandler subscriptions;
    final PublishThrottle throttle;
    final SlowConsumerWatch slowConsumer;
    final CredentialExpiry credentialExpiry;
    /** Why this connection is over a connection limit, or null; answered at CONNECT. */
    final AdmissionControl.Verdict admission;

    State state = State.AWAIT_CONNECT;
    MqttVersion version;
    String clientId;
    ClientIdentity identity;
    Session session;
    /** The will to publish if the connection ends abnormally; null once DISCONNECT 0x00 came [MQTT-3.1.2-10]. */
    Message will;
    long willDelaySeconds;
    boolean problemInformation = true;
    /** The 5.0 client's Maximum Packet Size from its CONNECT, or 0 for none (section 3.1.2.11.4). */
    long clientMaximumPacketSize;
    private Scheduler.Cancellable connectTimer;

    /** Created on the connection's event loop when the transport opens. */
    public MqttConnection(Transport transport, ProtocolContext ctx) {
        this.transport = transport;
        this.ctx = ctx;
        this.config = ctx.config();
        this.stats = ctx.broker().stats();
        this.input = new PacketInput(this, new MqttDecoder(config.maxPacketSize()));
        this.keepAlive = new KeepAlive(this);
        this.connectHandler = new ConnectHandler(this);
        this.inbound = new InboundPublishes(this);
        this.outbound = new OutboundDeliveries(this);
        this.subscriptions = new SubscribeHandler(this);
        this.throttle = new PublishThrottle(this);
        this.slowConsumer = new SlowConsumerWatch(this);
        this.credentialExpiry = new CredentialExpiry(this);
        this.admission = ctx.admission().opened(transport.remoteAddress());
        this.connectTimer = ctx.scheduler().schedule(config.connectTimeout().toMillis(), this::connectTimedOut);
        ctx.connections().opened(this);
    }

    @Override
    public Executor executor() {
        return transport.executor();
    }

    public MqttVersion version() {
        return version;
    }

    public String clientId() {
        return clientId;
    }

    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** "ws", "wss", "tcp" or "tls". */
    public String transportKind() {
        return transport.kind();
    }

    /** "3.1", "3.1.1" or "5", once CONNECT came. */
    public String protocolName() {
        if (version == null) {
            return "none";
        }
        return switch (version) {
            case V3_1 -> "3.1";
            case V3_1_1 -> "3.1.1";
            case V5 -> "5";
        };
    }

    // ---- input ------------------------------------------------------------------------------------------

    /** Bytes from the peer: part of a packet, one, or several [MQTT-6.0.0-2]. */
    public void received(byte[] bytes) {
        input.received(bytes);
    }

    /** Handles one decoded packet. */
    void handle(MqttPacket packet) throws MalformedPacketException {
        switch (packet.type()) {
            case CONNECT -> connectHandler.connect((io.stratusmq.codec.Connect) packet);
            case PUBLISH -> inbound.publish((Publish) packet);
            case PUBACK -> outbound.pubAck((PubAck) packet);
            case PUBREC -> outbound.pubRec((PubRec) packet);
            case PUBREL -> inbound.pubRel((PubRel) packet);
            case PUBCOMP -> outbound.pubComp((PubComp) packet);
            case SUBSCRIBE -> subscriptions.subscribe((Subscribe) packet);
            case UNSUBSCRIBE -> subscriptions.unsubscribe((Unsubscribe) packet);
            case PINGREQ -> write(PingResp.INSTANCE);
            case DISCONNECT -> clientDisconnect((Disconnect) packet);
            case AUTH -> throw MalformedPacketException.protocolError(
                    "AUTH without an authentication method in CONNECT (MQTT 5 section 4.12)");
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> throw MalformedPacketException.protocolError(
                    packet.type() + " is sent by servers only");
        }
    }

    /** The client ends the connection [MQTT-3.14.4]. */
    private void clientDisconnect(Disconnect d) throws MalformedPacketException {
        Long expiry = d.properties().sessionExpiryInterval();
        if (expiry != null && session != null) {
            if (session.expiryIntervalSeconds() == 0 && expiry != 0) {
                throw MalformedPacketException.protocolError(
                        "session expiry set in DISCONNECT after 0 in CONNECT [MQTT-3.14.2-2]");
            }
            session.expiryIntervalSeconds(Math.min(expiry, config.maxSessionExpiry()));
            if (session.durable()) {
                ctx.broker().store().sessionUpdated(clientId, session.expiryIntervalSeconds());
            }
        }
        if (d.reasonCode() != DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE) {
            will = null; // [MQTT-3.1.2-10] a normal DISCONNECT discards the will
        }
        LOG.log(DEBUG, "{0} disconnected: {1}", this, d.reasonCode());
        closeNow();
    }

    // ---- output -----------------------------------------------------------------------------------------

    /**
     * Encodes a packet into this event's output, without its Reason String and User Properties when they would
     * make it larger than the client's Maximum Packet Size [MQTT-3.1.2-24]. PUBLISH packets are sized by
     * {@link OutboundDeliveries}.
     */
    void write(MqttPacket packet) {
        MqttVersion v = version == null ? MqttVersion.V3_1_1 : version;
        byte[] bytes = MqttEncoder.encode(packet, v);
        if (clientMaximumPacketSize > 0 && bytes.length > clientMaximumPacketSize) {
            bytes = MqttEncoder.encode(ProblemInformation.without(packet), v);
        }
        writeBytes(bytes);
    }

    /** Bytes written during this event and not yet handed to the transport. */
    int unflushed() {
        return out.length();
    }

    void writeBytes(byte[] bytes) {
        out.add(bytes);
        counters.bytesOut += bytes.length;
    }

    /** Sends what this event wrote, as one write. */
    void flush() {
        if (!out.isEmpty() && state != State.CLOSED) {
            out.flush(transport);
            slowConsumer.written();
        }
    }

    // ---- errors and closing -------------------------------------------------------------------------------

    /**
     * The one place that answers a protocol violation: see {@link Violations#answer}, which keeps the rules
     * of [MQTT-4.13.1] in one class.
     */
    void violation(MalformedPacketException e) {
        LOG.log(INFO, "{0}: {1} ({2}), closing", this, e.getMessage(), e.reason());
        if (state == State.AWAIT_CONNECT
                && (e.connectVersion() != null || e instanceof UnsupportedProtocolVersionException)) {
            ctx.stats().refused(e instanceof UnsupportedProtocolVersionException
                    ? ProtocolStats.RefusedConnect.UNSUPPORTED_PROTOCOL_VERSION : ProtocolStats.RefusedConnect.MALFORMED);
        } else {
            ctx.stats().closed(ProtocolStats.Closed.of(e.reason()));
        }
        Violations.answer(this, e);
    }

    /** Server-initiated close: DISCONNECT with a reason to a connected 5.0 client [MQTT-3.14.0-1], then close. */
    void disconnect(DisconnectReasonCode reason, String reasonString) {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        if (version == MqttVersion.V5 && state == State.CONNECTED) {
            write(Disconnect.of(reason, problemInformation ? reasonString : null));
        }
        closeNow();
    }

    /**
     * Flushes what is written, closes the transport, and lets go of the session and will at once: from here on
     * the client is offline, so a QoS 0 message published meanwhile is not queued for it [MQTT-3.1.2-5], and a
     * reconnect finds the session free.
     */
    void closeNow() {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        flush();
        state = State.CLOSING;
        // Not waiting for the transport to report the close: a WebSocket close waits for the peer's close frame,
        // which a vanished peer never sends, so its will and session would wait for Vert.x to give up (10 s)
        // after the broker had already dropped the connection [MQTT-3.1.2-22] [MQTT-3.1.2-8]. And before the
        // socket closes: a client that saw the close and publishes at once must find the session offline.
        closed();
        transport.close();
    }

    /** The transport closed, by either side. Releases the session and, unless excused, publishes the will. */
    public void closed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        ctx.connections().closed(this);
        ctx.admission().closed(transport.remoteAddress());
        keepAlive.stop();
        throttle.stop();
        slowConsumer.stop();
        credentialExpiry.stop();
        cancelConnectTimer();
        releaseSession();
    }

    private void releaseSession() {
        Session s = session;
        if (s == null) {
            return;
        }
        session = null;
        Message w = will;
        will = null;
        ctx.broker().sessions().release(s, this, w, willDelaySeconds);
    }

    /** The node shuts down: DISCONNECT 0x8B [MQTT-3.14.2.1], no will, the session stays resumable elsewhere. */
    public void shutdown() {
        will = null;
        disconnect(DisconnectReasonCode.SERVER_SHUTTING_DOWN, "server shutting down");
    }

    void keepAliveExpired() {
        LOG.log(INFO, "{0}: no packet within 1.5 times the keep-alive, closing [MQTT-3.1.2-24]", this);
        ctx.stats().closed(ProtocolStats.Closed.KEEP_ALIVE_TIMEOUT);
        disconnect(DisconnectReasonCode.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
    }

    private void connectTimedOut() {
        if (state == State.AWAIT_CONNECT) {
            LOG.log(INFO, "{0}: no CONNECT within {1}, closing", this, config.connectTimeout());
            closeBy(ProtocolStats.Closed.CONNECT_TIMEOUT);
        }
    }

    /** Closes without a DISCONNECT (none is due, or none could get through), counted by reason. */
    void closeBy(ProtocolStats.Closed reason) {
        ctx.stats().closed(reason);
        closeNow();
    }

    /** Closes without flushing: the peer reads nothing, so nothing more can reach it (a slow consumer). */
    void abort(ProtocolStats.Closed reason) {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        ctx.stats().closed(reason);
        state = State.CLOSING;
        releaseSession();
        transport.abort();
    }

    void cancelConnectTimer() {
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
    }

    // ---- calls from other connections, on this connection's event loop ------------------------------------

    @Override
    public void drain() {
        outbound.drain();
        flush();
    }

    @Override
    public void takenOver() {
        if (state == State.CLOSED) {
            return;
        }
        LOG.log(INFO, "{0}: session taken over by a new connection", this);
        if (version == MqttVersion.V5 && state == State.CONNECTED) {
            write(Disconnect.of(DisconnectReasonCode.SESSION_TAKEN_OVER, null)); // [MQTT-3.1.4-3]
        }
        flush();
        releaseSession(); // hands the session over now rather than when the socket has closed
        closeNow();
    }

    @Override
    public void sessionReady(Session s, boolean present) {
        if (state == State.CLOSED || state == State.CLOSING) {
            ctx.broker().sessions().release(s, this, null, 0);
            return;
        }
        connectHandler.sessionReady(s, present);
        flush();
    }

    @Override
    public void superseded() {
        LOG.log(INFO, "{0}: a newer connection with the same client id came first, closing", this);
        closeNow();
    }

    /** Holds back packets (not acknowledgements) until {@link #resumeReading}; see {@link PacketInput}. */
    @Override
    public void pauseReading() {
        input.pause();
    }

    @Override
    public void resumeReading() {
        input.resume();
    }

    @Override
    public String toString() {
        return transport.kind() + " " + transport.remoteAddress() + (clientId != null ? " [" + clientId + "]" : "");
    }
}
