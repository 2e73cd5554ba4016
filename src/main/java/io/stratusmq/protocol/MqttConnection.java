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
import io.stratusmq.codec.UnsupportedProtocolVersionException;
import io.stratusmq.codec.Unsubscribe;
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
    private final MqttDecoder decoder;
    private final PacketOutput out = new PacketOutput();
    final KeepAlive keepAlive;
    final ConnectHandler connectHandler;
    final InboundPublishes inbound;
    final OutboundDeliveries outbound;
    final SubscribeHandler subscriptions;

    State state = State.AWAIT_CONNECT;
    MqttVersion version;
    String clientId;
    ClientIdentity identity;
    Session session;
    /** The will to publish if the connection ends abnormally; null once DISCONNECT 0x00 came [MQTT-3.1.2-10]. */
    Message will;
    long willDelaySeconds;
    boolean problemInformation = true;
    private int pauses;
    private boolean processing;
    private Scheduler.Cancellable connectTimer;

    /** Created on the connection's event loop when the transport opens. */
    public MqttConnection(Transport transport, ProtocolContext ctx) {
        this.transport = transport;
        this.ctx = ctx;
        this.config = ctx.config();
        this.stats = ctx.broker().stats();
        this.decoder = new MqttDecoder(config.maxPacketSize());
        this.keepAlive = new KeepAlive(this);
        this.connectHandler = new ConnectHandler(this);
        this.inbound = new InboundPublishes(this);
        this.outbound = new OutboundDeliveries(this);
        this.subscriptions = new SubscribeHandler(this);
        this.connectTimer = ctx.scheduler().schedule(config.connectTimeout().toMillis(), this::connectTimedOut);
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

    // ---- input ------------------------------------------------------------------------------------------

    /** Bytes from the peer: part of a packet, one, or several [MQTT-6.0.0-2]. */
    public void received(byte[] bytes) {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        stats.bytesReceived(bytes.length);
        decoder.append(bytes, 0, bytes.length);
        process();
        flush();
    }

    /** Decodes and handles whole packets until the buffer runs dry or reading is paused. */
    void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            MqttPacket packet;
            while (pauses == 0 && (state == State.AWAIT_CONNECT || state == State.CONNECTED)
                    && (packet = decoder.next(version)) != null) {
                keepAlive.touch();
                handle(packet);
            }
        } catch (MalformedPacketException e) {
            violation(e);
        } finally {
            processing = false;
        }
    }

    private void handle(MqttPacket packet) throws MalformedPacketException {
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
        }
        if (d.reasonCode() != DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE) {
            will = null; // [MQTT-3.1.2-10] a normal DISCONNECT discards the will
        }
        LOG.log(DEBUG, "{0} disconnected: {1}", this, d.reasonCode());
        closeNow();
    }

    // ---- output -----------------------------------------------------------------------------------------

    /** Encodes a packet into this event's output. */
    void write(MqttPacket packet) {
        writeBytes(MqttEncoder.encode(packet, version == null ? MqttVersion.V3_1_1 : version));
    }

    void writeBytes(byte[] bytes) {
        out.add(bytes);
        stats.bytesSent(bytes.length);
    }

    /** Sends what this event wrote, as one write. */
    void flush() {
        if (!out.isEmpty() && state != State.CLOSED) {
            out.flush(transport);
        }
    }

    // ---- errors and closing -------------------------------------------------------------------------------

    /**
     * The one place that answers a protocol violation: DISCONNECT with the reason code for a 5.0 client that
     * has its CONNACK, a 3.1.1-shaped CONNACK for an unknown protocol level, else a plain close [MQTT-4.13.1].
     */
    void violation(MalformedPacketException e) {
        LOG.log(INFO, "{0}: {1} ({2}), closing", this, e.getMessage(), e.reason());
        if (e instanceof UnsupportedProtocolVersionException u) {
            if (u.knownName()) {
                writeBytes(new byte[] {0x20, 0x02, 0x00, 0x01}); // CONNACK, return code 1 [MQTT-3.1.2-2]
            }
            closeNow();
            return;
        }
        disconnect(e.reason(), e.getMessage());
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

    /** Flushes what is written, closes the transport, and lets go of the session and will at once. */
    void closeNow() {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        flush();
        state = State.CLOSING;
        transport.close();
        // Not waiting for the transport to report the close: a WebSocket close waits for the peer's close frame,
        // which a vanished peer never sends, so its will and session would wait for Vert.x to give up (10 s)
        // after the broker had already dropped the connection [MQTT-3.1.2-22] [MQTT-3.1.2-8].
        closed();
    }

    /** The transport closed, by either side. Releases the session and, unless excused, publishes the will. */
    public void closed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        keepAlive.stop();
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
        disconnect(DisconnectReasonCode.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
    }

    private void connectTimedOut() {
        if (state == State.AWAIT_CONNECT) {
            LOG.log(INFO, "{0}: no CONNECT within {1}, closing", this, config.connectTimeout());
            closeNow();
        }
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

    @Override
    public void pauseReading() {
        if (pauses++ == 0) {
            transport.pause();
        }
    }

    @Override
    public void resumeReading() {
        if (pauses == 0 || state == State.CLOSED) {
            return;
        }
        if (--pauses == 0) {
            transport.resume();
            process();
            flush();
        }
    }

    @Override
    public String toString() {
        return transport.kind() + " " + transport.remoteAddress() + (clientId != null ? " [" + clientId + "]" : "");
    }
}
