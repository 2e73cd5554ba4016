package io.stratusmq.protocol;

import static java.lang.System.Logger.Level.INFO;

import io.stratusmq.codec.DisconnectReasonCode;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttDecoder;
import io.stratusmq.codec.MqttPacket;

/**
 * The connection's input: bytes into the decoder, whole packets to {@link MqttConnection#handle}, and holding
 * back. Reading is held back while the CONNECT is being answered, while a subscriber this client publishes to
 * is congested, and while the client is over its publish rate ({@link PublishThrottle}); acknowledgements still
 * pass and the rest is parked in order ({@link ParkedPackets}). Past the parking limit the transport stops
 * reading; what still arrives (in flight when reading stopped, or from a transport that cannot stop) is capped
 * at {@link Limits#maxUnreadBytes}.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class PacketInput {

    private static final System.Logger LOG = System.getLogger(PacketInput.class.getName());

    private final MqttConnection c;
    private final MqttDecoder decoder;
    private final ParkedPackets parked = new ParkedPackets();
    private int pauses;
    private boolean transportPaused;
    private boolean processing;

    PacketInput(MqttConnection c, MqttDecoder decoder) {
        this.c = c;
        this.decoder = decoder;
    }

    /** Bytes from the peer: part of a packet, one, or several [MQTT-6.0.0-2]. */
    void received(byte[] bytes) {
        if (c.state == MqttConnection.State.CLOSED || c.state == MqttConnection.State.CLOSING) {
            return;
        }
        c.counters.bytesIn += bytes.length;
        decoder.append(bytes, 0, bytes.length);
        long maxUnread = c.ctx.limits().maxUnreadBytes();
        if (pauses > 0 && maxUnread > 0 && decoder.pending() > maxUnread) {
            unreadOverflow();
            return;
        }
        process();
        c.flush();
    }

    /**
     * Decodes and handles whole packets until the buffer runs dry. While reading is held back, acknowledgements
     * are still handled and the rest is parked in order.
     */
    void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (c.state == MqttConnection.State.AWAIT_CONNECT || c.state == MqttConnection.State.CONNECTED) {
                if (pauses == 0 && !parked.isEmpty()) {
                    if (!c.throttle.holds(parked.peek())) {
                        c.handle(parked.poll());
                    }
                    continue;
                }
                if (pauses > 0 && parked.full()) {
                    pauseTransport();
                    return;
                }
                int pending = decoder.pending();
                MqttPacket packet = decoder.next(c.version);
                if (packet == null) {
                    return;
                }
                c.keepAlive.touch();
                if ((pauses == 0 && !c.throttle.holds(packet)) || ParkedPackets.passes(packet)) {
                    c.handle(packet);
                } else {
                    parked.add(packet, pending - decoder.pending());
                }
            }
        } catch (MalformedPacketException e) {
            c.violation(e);
        } finally {
            processing = false;
        }
    }

    /** Holds back packets (not acknowledgements) until as many {@link #resume} calls came. */
    void pause() {
        pauses++;
    }

    void resume() {
        if (pauses == 0 || c.state == MqttConnection.State.CLOSED) {
            return;
        }
        if (--pauses == 0) {
            if (transportPaused) {
                transportPaused = false;
                c.transport.resume();
            }
            process();
            c.flush();
        }
    }

    private void pauseTransport() {
        if (!transportPaused) {
            transportPaused = true;
            c.transport.pause();
        }
    }

    /**
     * A held-back client kept sending: a WebSocket cannot stop reading, so what it sends piles up unread. Past
     * {@link Limits#maxUnreadBytes}: DISCONNECT 0x96 when its publish rate holds it back, else 0x97.
     */
    private void unreadOverflow() {
        DisconnectReasonCode reason = c.throttle.holding() ? DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH
                : DisconnectReasonCode.QUOTA_EXCEEDED;
        LOG.log(INFO, "{0}: {1} bytes sent while held back, closing ({2})", c, decoder.pending(), reason);
        c.ctx.stats().closed(ProtocolStats.Closed.of(reason));
        c.disconnect(reason, "sending faster than allowed");
        c.flush();
    }
}
