package io.stratusmq.protocol;

import io.stratusmq.broker.DropReason;
import io.stratusmq.codec.AckProperties;
import io.stratusmq.codec.Connect;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttEncoder;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.PubAck;
import io.stratusmq.codec.PubComp;
import io.stratusmq.codec.PubRec;
import io.stratusmq.codec.PubRel;
import io.stratusmq.codec.PubRelReasonCode;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.InFlight;
import io.stratusmq.session.Outbound;
import io.stratusmq.session.Session;
import io.stratusmq.session.StoreTicket;

/**
 * Messages toward the client: the session's mailbox drained into the in-flight window the client allows
 * [MQTT-4.9], packet identifiers, the client's PUBACK / PUBREC / PUBCOMP, DUP resends when a session resumes
 * [MQTT-4.4.0-1], message expiry [MQTT-3.3.2-5], and the client's maximum packet size [MQTT-3.1.2-25].
 * Order per topic is kept: QoS 0 messages queue behind waiting QoS 1/2 messages rather than overtake them.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class OutboundDeliveries {

    private static final byte[] NO_TOPIC = new byte[0];

    private final MqttConnection c;
    private final StoredFirstWrites writes;
    private PublishEncoder encoder;
    /** QoS 1/2 messages the client accepts unacknowledged: its Receive Maximum (5.0) or ours (3.1.1). */
    private int window;

    OutboundDeliveries(MqttConnection c) {
        this.c = c;
        this.writes = new StoredFirstWrites(c);
    }

    /** Takes the client's limits from its CONNECT. */
    void start(Connect p) {
        boolean v5 = p.version() == MqttVersion.V5;
        window = v5 ? p.properties().receiveMaximumOrDefault() : c.config.maxInflightMessages();
        encoder = new PublishEncoder(v5, v5 ? p.properties().maximumPacketSizeOrZero() : 0,
                v5 ? p.properties().topicAliasMaximumOrDefault() : 0);
    }

    /**
     * After CONNACK: resend what was in flight with DUP set, or PUBREL where PUBREC came [MQTT-4.4.0-1]. A
     * PUBLISH whose Message Expiry Interval ran out meanwhile is dropped instead, as Mosquitto does: it would
     * go out with an interval of 0.
     */
    void resume(boolean sessionPresent) {
        Outbound o = c.session.outbound();
        if (sessionPresent) {
            long now = c.ctx.clock().getAsLong();
            int expired = o.removeInFlightIf(f -> !f.released() && f.delivery().message().isExpired(now));
            for (int i = 0; i < expired; i++) {
                c.stats.dropped(DropReason.EXPIRED);
            }
            o.forEachInFlight(f -> {
                if (f.released()) {
                    c.write(new PubRel(f.packetId()));
                } else {
                    byte[] bytes = encoder.encode(f.delivery(), f.packetId(), true, now);
                    if (bytes != null) {
                        c.writeBytes(bytes);
                    }
                }
            });
        }
        refill();
        drain();
    }

    /** Moves the session's mailbox into the window, or into the waiting queue behind it. */
    void drain() {
        Session s = c.session;
        if (s == null || c.state != MqttConnection.State.CONNECTED) {
            return;
        }
        if (s.owner() != c) {
            s.drainStarted();
            s.signal(); // a wake-up meant for the previous owner
            return;
        }
        s.drainStarted();
        Outbound o = s.outbound();
        Delivery d;
        while (true) {
            if (c.slowConsumer.backlogged(c.unflushed())) {
                c.slowConsumer.stalled(); // the rest stays queued, where the queue limit applies
                return;
            }
            if ((d = s.pollMailbox()) == null) {
                return;
            }
            if (o.waitingCount() > 0 || (d.qos() > 0 && o.inFlightCount() >= window)) {
                o.addWaiting(d);
            } else {
                send(s, o, d);
            }
        }
    }

    /** Sends waiting messages while the window has room. */
    private void refill() {
        Session s = c.session;
        Outbound o = s.outbound();
        Delivery d;
        while ((d = o.peekWaiting()) != null && (d.qos() == 0 || o.inFlightCount() < window)) {
            o.pollWaiting();
            send(s, o, d);
        }
    }

    private void send(Session s, Outbound o, Delivery d) {
        s.dequeued();
        long now = c.ctx.clock().getAsLong();
        if (d.message().isExpired(now)) {
            discard(s, d, DropReason.EXPIRED);
            return;
        }
        if (!c.ctx.authorizer().mayRead(c.identity, d.message().topic())) {
            discard(s, d, DropReason.NOT_AUTHORIZED);
            return;
        }
        int packetId = d.qos() > 0 ? o.nextPacketId() : 0;
        byte[] bytes = encoder.encode(d, packetId, false, now);
        if (bytes == null) {
            discard(s, d, DropReason.PACKET_TOO_LARGE); // discarded as if sent [MQTT-3.1.2-25]
            return;
        }
        c.counters.countSent(d.qos());
        if (d.qos() == 0) {
            writes.write(bytes);
            d.completed();
            return;
        }
        InFlight f = o.send(packetId, d);
        if (!s.durable()) {
            writes.write(bytes);
            return;
        }
        StoreTicket stored = c.ctx.broker().store().sent(c.clientId, d.message(), packetId);
        if (d.qos() == 1) {
            writes.write(bytes); // a QoS 1 duplicate after a crash is allowed; QoS 2 must not be resent with a new id
            return;
        }
        writes.write(stored, bytes, () -> c.session == s && o.get(packetId) == f);
    }

    /** A message that will not be sent to this client: counted, and final for the store and its source. */
    private void discard(Session s, Delivery d, DropReason reason) {
        c.stats.dropped(reason);
        if (s.durable() && d.qos() > 0) {
            c.ctx.broker().store().completed(c.clientId, d.message());
        }
        d.completed();
    }

    /** The client has the message for good. */
    private void finished(InFlight f) {
        if (c.session.durable()) {
            c.ctx.broker().store().completed(c.clientId, f.delivery().message());
        }
        f.delivery().completed();
    }

    void pubAck(PubAck p) throws MalformedPacketException {
        Outbound o = c.session.outbound();
        InFlight f = o.get(p.packetId());
        if (f == null) {
            return; // unknown or already acknowledged: nothing to do
        }
        if (f.delivery().qos() != 1) {
            throw MalformedPacketException.protocolError("PUBACK for a QoS 2 message (section 4.3)");
        }
        o.complete(p.packetId());
        finished(f);
        refill();
    }

    void pubRec(PubRec p) throws MalformedPacketException {
        Outbound o = c.session.outbound();
        InFlight f = o.get(p.packetId());
        if (f == null) {
            c.write(new PubRel(p.packetId(), c.version == MqttVersion.V5
                    ? PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND : PubRelReasonCode.SUCCESS, AckProperties.EMPTY));
            return;
        }
        if (f.delivery().qos() != 2) {
            throw MalformedPacketException.protocolError("PUBREC for a QoS 1 message (section 4.3)");
        }
        if (p.reasonCode().isError()) {
            o.complete(p.packetId()); // the client refused it: the flow ends here (MQTT 5 section 4.3.3)
            finished(f);
            refill();
            return;
        }
        f.release();
        byte[] pubRel = MqttEncoder.encode(new PubRel(p.packetId()), c.version);
        if (c.session.durable()) {
            // PUBREL only once the store knows PUBREC came: after a crash the resumed session must send PUBREL
            // again, not the message, which the client (having released the identifier) would take as new
            StoreTicket stored = c.ctx.broker().store().released(c.clientId, f.delivery().message(), p.packetId());
            writes.write(stored, pubRel, null);
        } else {
            writes.write(pubRel);
        }
    }

    void pubComp(PubComp p) {
        Outbound o = c.session.outbound();
        InFlight f = o.get(p.packetId());
        if (f != null && f.delivery().qos() == 2) {
            o.complete(p.packetId());
            finished(f);
            refill();
        }
    }

    /** Encodes PUBLISH packets for this client: its version, its maximum packet size, its topic aliases. */
    private final class PublishEncoder {
        private final boolean v5;
        private final long maxPacketSize;
        private final OutboundTopicAliases aliases;

        PublishEncoder(boolean v5, long maxPacketSize, int aliasMaximum) {
            this.v5 = v5;
            this.maxPacketSize = maxPacketSize;
            this.aliases = aliasMaximum > 0 ? new OutboundTopicAliases(aliasMaximum) : null;
        }

        /** The packet, or null when it exceeds the client's maximum packet size. */
        byte[] encode(Delivery d, int packetId, boolean dup, long now) {
            var m = d.message();
            if (!v5) {
                return MqttEncoder.publish(d.qos(), d.retain(), dup, packetId, m.topicUtf8(), null, m.payload());
            }
            var props = m.properties();
            Long expiry = m.remainingExpirySeconds(now);
            int[] ids = d.subscriptionIds();
            if (expiry != null) {
                props = props.withMessageExpiryInterval(expiry);
            }
            if (ids != null) {
                java.util.List<Integer> list = new java.util.ArrayList<>(ids.length);
                for (int id : ids) {
                    list.add(id);
                }
                props = props.withSubscriptionIdentifiers(list);
            }
            byte[] topic = m.topicUtf8();
            int aliasBytes = aliases != null ? 3 : 0; // a new alias mapping adds its property
            if (maxPacketSize > 0 && MqttEncoder.publishSize(d.qos(), topic.length,
                    MqttEncoder.publishProperties(props).length + aliasBytes, m.payload().length) > maxPacketSize) {
                return null;
            }
            if (aliases != null) {
                int alias = aliases.aliasFor(m.topic());
                if (alias > 0) {
                    topic = NO_TOPIC; // the client knows this alias already
                } else {
                    alias = -alias; // a new mapping: topic and alias together
                }
                props = props.withTopicAlias(alias);
            }
            return MqttEncoder.publish(d.qos(), d.retain(), dup, packetId, topic,
                    MqttEncoder.publishProperties(props), m.payload());
        }
    }
}
