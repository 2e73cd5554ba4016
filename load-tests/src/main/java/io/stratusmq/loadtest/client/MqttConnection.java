package io.stratusmq.loadtest.client;

import io.netty.buffer.ByteBuf;
import io.stratusmq.loadtest.mqtt.ConnAck;
import io.stratusmq.loadtest.mqtt.MalformedPacketException;
import io.stratusmq.loadtest.mqtt.PacketDecoder;
import io.stratusmq.loadtest.mqtt.PacketEncoder;
import io.stratusmq.loadtest.mqtt.PacketListener;
import io.stratusmq.loadtest.mqtt.PacketType;
import io.stratusmq.loadtest.transport.BrokerAddress;
import io.stratusmq.loadtest.transport.Transport;
import io.stratusmq.loadtest.transport.TransportConnector;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * A minimal MQTT client connection: CONNECT, one SUBSCRIBE at a time, PUBLISH writes, and the
 * protocol's acknowledgement flows (answers inbound QoS 1/2, reports outbound acknowledgements).
 * It keeps no session state across reconnects and never retransmits: the load generator wants to
 * see what the broker does, not hide it.
 *
 * <p>Confined to one event loop: create and use it on the context it was opened on.
 */
public final class MqttConnection implements PacketListener {

    /** Receives application messages. The buffer is only valid during the call. */
    @FunctionalInterface
    public interface MessageHandler {
        void onMessage(ByteBuf buf, int payloadOffset, int payloadLength, int qos, boolean dup);
    }

    /** Receives the broker's side of outbound QoS 1/2 flows. */
    public interface PublishAckHandler {
        /** PUBACK (QoS 1) or PUBREC (QoS 2): the broker took responsibility for the message, or refused it. */
        void onAccepted(int packetId, int reasonCode);

        /** PUBACK (QoS 1) or PUBCOMP (QoS 2): the packet identifier is free again. */
        void onReleased(int packetId);
    }

    /** Observes connection-level events. */
    public interface ConnectionObserver {
        void onPingRoundTrip(long nanos);

        /** The connection ended without {@link #disconnect()} being called. */
        void onUnexpectedClose(String reason);
    }

    private static final int SUBSCRIBE_PACKET_ID = 1;

    private final Vertx vertx;
    private final TransportConnector connector;
    private final BrokerAddress address;
    private final ConnectionSettings settings;
    private final PacketDecoder decoder;
    private final ConnectionObserver observer;

    private Transport transport;
    private MessageHandler messageHandler = (buf, offset, length, qos, dup) -> { };
    private PublishAckHandler ackHandler;
    private Promise<ConnAck> connAckPromise;
    private Promise<Integer> subAckPromise;
    private long pendingTimer = -1;
    private long keepAliveTimer = -1;
    private boolean wroteSinceKeepAliveCheck;
    private long pingSentNanos;
    private boolean closing;
    private boolean closed;
    private String failure;
    private int receiveMaximum = 65_535;

    public MqttConnection(Vertx vertx, TransportConnector connector, BrokerAddress address,
                          ConnectionSettings settings, ConnectionObserver observer) {
        this.vertx = vertx;
        this.connector = connector;
        this.address = address;
        this.settings = settings;
        this.observer = observer;
        this.decoder = new PacketDecoder(settings.version(), this, settings.maxPacketBytes());
    }

    /** Opens the transport and completes with the CONNACK once the broker accepted the connection. */
    public Future<ConnAck> connect() {
        return connector.connect(address, this::onBytes, ignored -> onTransportClosed()).compose(opened -> {
            transport = opened;
            connAckPromise = Promise.promise();
            armTimeout("CONNACK", connAckPromise);
            send(PacketEncoder.connect(settings.version(), settings.clientId(), settings.keepAliveSeconds(),
                    true, settings.receiveMaximum()));
            return connAckPromise.future();
        });
    }

    /** Subscribes one filter; completes with the granted QoS, fails on a refusal (code 0x80 or above). */
    public Future<Integer> subscribe(String topicFilter, int qos) {
        if (subAckPromise != null) {
            return Future.failedFuture("a SUBSCRIBE is already outstanding");
        }
        subAckPromise = Promise.promise();
        armTimeout("SUBACK", subAckPromise);
        send(PacketEncoder.subscribe(settings.version(), SUBSCRIBE_PACKET_ID, topicFilter, qos));
        return subAckPromise.future();
    }

    public void messageHandler(MessageHandler handler) {
        this.messageHandler = handler;
    }

    public void publishAckHandler(PublishAckHandler handler) {
        this.ackHandler = handler;
    }

    /** Writes one complete packet. Ignored once the connection is closed. */
    public void send(Buffer packet) {
        if (closed) {
            return;
        }
        wroteSinceKeepAliveCheck = true;
        transport.write(packet);
    }

    /** Queues one complete packet; see {@link #flush()}. Ignored once the connection is closed. */
    public void sendDeferred(Buffer packet) {
        if (closed) {
            return;
        }
        wroteSinceKeepAliveCheck = true;
        transport.writeDeferred(packet);
    }

    /** Sends every packet queued with {@link #sendDeferred}. */
    public void flush() {
        if (!closed) {
            transport.flush();
        }
    }

    public boolean writeQueueFull() {
        return !closed && transport.writeQueueFull();
    }

    public void drainHandler(Handler<Void> handler) {
        transport.drainHandler(handler);
    }

    public boolean isClosed() {
        return closed;
    }

    /** The broker's Receive Maximum (65,535 for 3.1.1): the in-flight QoS 1/2 limit it enforces. */
    public int receiveMaximum() {
        return receiveMaximum;
    }

    public String clientId() {
        return settings.clientId();
    }

    /** Sends DISCONNECT and closes the transport. */
    public Future<Void> disconnect() {
        if (closed || transport == null) {
            return Future.succeededFuture();
        }
        closing = true;
        send(PacketEncoder.disconnect());
        return transport.close();
    }

    // ---- inbound ----------------------------------------------------------------------------

    private void onBytes(Buffer chunk) {
        if (closed) {
            return;
        }
        try {
            decoder.feed(chunk);
        } catch (MalformedPacketException e) {
            fail("protocol error: " + e.getMessage());
        }
    }

    @Override
    public void onConnAck(ConnAck connAck) {
        Promise<ConnAck> promise = connAckPromise;
        connAckPromise = null;
        cancelTimeout();
        if (promise == null) {
            fail("unexpected CONNACK");
            return;
        }
        if (!connAck.accepted()) {
            promise.tryFail("broker refused CONNECT with code 0x" + Integer.toHexString(connAck.reasonCode()));
            fail("CONNECT refused");
            return;
        }
        receiveMaximum = connAck.receiveMaximum();
        startKeepAlive();
        promise.tryComplete(connAck);
    }

    @Override
    public void onPublish(int qos, boolean dup, int packetId, ByteBuf buf, int payloadOffset, int payloadLength) {
        messageHandler.onMessage(buf, payloadOffset, payloadLength, qos, dup);
        if (qos == 1) {
            send(PacketEncoder.publishAck(PacketType.PUBACK, packetId));
        } else if (qos == 2) {
            send(PacketEncoder.publishAck(PacketType.PUBREC, packetId));
        }
    }

    @Override
    public void onPublishAck(int packetType, int packetId, int reasonCode) {
        switch (packetType) {
            case PacketType.PUBACK -> {
                if (ackHandler != null) {
                    ackHandler.onAccepted(packetId, reasonCode);
                    ackHandler.onReleased(packetId);
                }
            }
            case PacketType.PUBREC -> {
                if (ackHandler != null) {
                    ackHandler.onAccepted(packetId, reasonCode);
                }
                if (reasonCode < 0x80) {
                    send(PacketEncoder.publishAck(PacketType.PUBREL, packetId));
                } else if (ackHandler != null) {
                    ackHandler.onReleased(packetId);
                }
            }
            case PacketType.PUBREL -> send(PacketEncoder.publishAck(PacketType.PUBCOMP, packetId));
            case PacketType.PUBCOMP -> {
                if (ackHandler != null) {
                    ackHandler.onReleased(packetId);
                }
            }
            default -> fail("unexpected " + PacketType.name(packetType));
        }
    }

    @Override
    public void onSubAck(int packetId, int reasonCode) {
        Promise<Integer> promise = subAckPromise;
        subAckPromise = null;
        cancelTimeout();
        if (promise == null || packetId != SUBSCRIBE_PACKET_ID) {
            fail("unexpected SUBACK for packet id " + packetId);
            return;
        }
        if (reasonCode >= 0x80) {
            promise.tryFail("broker refused SUBSCRIBE with code 0x" + Integer.toHexString(reasonCode));
        } else {
            promise.tryComplete(reasonCode);
        }
    }

    @Override
    public void onPingResp() {
        if (pingSentNanos != 0) {
            observer.onPingRoundTrip(System.nanoTime() - pingSentNanos);
            pingSentNanos = 0;
        }
    }

    @Override
    public void onDisconnect(int reasonCode) {
        fail("broker sent DISCONNECT with reason 0x" + Integer.toHexString(reasonCode));
    }

    // ---- lifecycle --------------------------------------------------------------------------

    private void startKeepAlive() {
        int keepAlive = settings.keepAliveSeconds();
        if (keepAlive <= 0) {
            return;
        }
        keepAliveTimer = vertx.setPeriodic(keepAlive * 500L, id -> {
            if (!wroteSinceKeepAliveCheck && pingSentNanos == 0) {
                pingSentNanos = System.nanoTime();
                send(PacketEncoder.pingReq());
            }
            wroteSinceKeepAliveCheck = false;
        });
    }

    private <T> void armTimeout(String awaited, Promise<T> promise) {
        pendingTimer = vertx.setTimer(settings.timeoutMillis(), id -> {
            if (promise.tryFail(awaited + " not received within " + settings.timeoutMillis() + " ms")) {
                fail("timed out waiting for " + awaited);
            }
        });
    }

    private void cancelTimeout() {
        if (pendingTimer != -1) {
            vertx.cancelTimer(pendingTimer);
            pendingTimer = -1;
        }
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        if (transport != null && !closed) {
            transport.close();
        }
    }

    private void onTransportClosed() {
        if (closed) {
            return;
        }
        closed = true;
        if (keepAliveTimer != -1) {
            vertx.cancelTimer(keepAliveTimer);
        }
        String reason = failure != null ? failure : "connection closed by broker";
        if (connAckPromise != null) {
            connAckPromise.tryFail(reason);
        }
        if (subAckPromise != null) {
            subAckPromise.tryFail(reason);
        }
        if (!closing) {
            observer.onUnexpectedClose(settings.clientId() + ": " + reason);
        }
    }
}
