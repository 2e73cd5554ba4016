package io.stratusmq.protocol;

import io.stratusmq.codec.DisconnectReasonCode;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.PubAck;
import io.stratusmq.codec.PubAckReasonCode;
import io.stratusmq.codec.PubComp;
import io.stratusmq.codec.PubCompReasonCode;
import io.stratusmq.codec.PubRec;
import io.stratusmq.codec.PubRecReasonCode;
import io.stratusmq.codec.PubRel;
import io.stratusmq.codec.Publish;
import io.stratusmq.codec.PublishProperties;
import io.stratusmq.codec.AckProperties;
import io.stratusmq.codec.Utf8;
import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.TopicName;
import io.stratusmq.broker.Broker;
import io.stratusmq.broker.ClusterBridge;
import io.stratusmq.broker.PublishReceipt;
import io.stratusmq.codec.MqttPacket;
import io.stratusmq.protocol.ProtocolStats.RefusedPublish;
import io.stratusmq.session.Message;
import io.stratusmq.session.Session;

/**
 * PUBLISH from the client and the QoS 1 / QoS 2 flows that acknowledge it [MQTT-4.3]: topic aliases, the
 * receive maximum, payload format and topic checks, authorization, then the broker.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class InboundPublishes {

    private final MqttConnection c;
    private final AckQueue acks;
    /** Topic by alias, for this connection only [MQTT-3.3.2-7]; created on first use. */
    private String[] aliases;

    InboundPublishes(MqttConnection c) {
        this.c = c;
        this.acks = new AckQueue(c);
    }

    void publish(Publish p) throws MalformedPacketException {
        boolean v5 = c.version == MqttVersion.V5;
        String topic = p.topic();
        PublishProperties props = p.properties();
        if (v5) {
            Integer alias = props.topicAlias();
            if (alias != null) {
                topic = resolveAlias(alias, topic);
                props = props.withTopicAlias(null);
            }
            if (!props.subscriptionIdentifiers().isEmpty()) {
                throw MalformedPacketException.protocolError("subscription identifier in a PUBLISH from a client"
                        + " [MQTT-3.3.4-6]");
            }
        }
        int qos = p.qos();
        if (qos > c.config.maximumQos()) {
            throw new MalformedPacketException(DisconnectReasonCode.QOS_NOT_SUPPORTED,
                    "QoS " + qos + " above the maximum QoS (MQTT 5 section 3.2.2.3.4)");
        }
        if (p.retain() && !c.config.retainAvailable()) {
            throw new MalformedPacketException(DisconnectReasonCode.RETAIN_NOT_SUPPORTED,
                    "retained messages are not supported");
        }
        Session session = c.session;
        if (qos == 2 && session.hasInboundQos2(p.packetId())) {
            acks.ready(new PubRec(p.packetId())); // a resend: accepted already, not published again (section 4.3.3)
            return;
        }
        if (v5 && qos > 0 && session.inboundQos2Count() + acks.size() >= c.config.receiveMaximum()) {
            throw new MalformedPacketException(DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                    "more than " + c.config.receiveMaximum() + " QoS 1/2 publishes unacknowledged [MQTT-3.3.4-9]");
        }
        if (!c.throttle.allows()) {
            refuse(p, RefusedPublish.QUOTA_EXCEEDED, PubAckReasonCode.QUOTA_EXCEEDED,
                    DisconnectReasonCode.MESSAGE_RATE_TOO_HIGH, "publishing faster than "
                            + c.ctx.limits().publishRate() + " messages per second");
            return;
        }
        try {
            TopicName.validate(topic, c.config.maxTopicLength(), c.config.maxTopicLevels());
        } catch (InvalidTopicException e) {
            refuse(p, RefusedPublish.TOPIC_NAME_INVALID, PubAckReasonCode.TOPIC_NAME_INVALID,
                    DisconnectReasonCode.TOPIC_NAME_INVALID, e.getMessage());
            return;
        }
        Integer format = props.payloadFormatIndicator();
        if (v5 && format != null && format == 1 && !Utf8.isWellFormed(p.payload())) {
            refuse(p, RefusedPublish.PAYLOAD_FORMAT_INVALID, PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    DisconnectReasonCode.PAYLOAD_FORMAT_INVALID,
                    "payload is not UTF-8 though its format indicator says so (MQTT 5 section 3.3.2.3.2)");
            return;
        }
        if (!c.ctx.authorizer().mayPublish(c.identity, topic)) {
            if (v5) {
                refuse(p, RefusedPublish.NOT_AUTHORIZED, PubAckReasonCode.NOT_AUTHORIZED,
                        DisconnectReasonCode.NOT_AUTHORIZED, "not authorized");
            } else {
                c.ctx.stats().refused(RefusedPublish.NOT_AUTHORIZED);
                acknowledge(p, PubAckReasonCode.SUCCESS); // 3.1.1 has no negative ack: dropped, as Mosquitto does
            }
            return;
        }
        long now = c.ctx.clock().getAsLong();
        Broker broker = c.ctx.broker();
        Message message = broker.newMessage(topic, p.payload(), qos, p.retain(), props, c.clientId,
                Message.deadline(props.messageExpiryInterval(), now));
        c.counters.countReceived(qos);
        if (qos == 0) {
            broker.publish(message, c, null);
            return;
        }
        if (broker.cluster() == ClusterBridge.LOCAL) { // nothing to wait for: acknowledge at once
            int reached = broker.publish(message, c, null);
            acknowledge(p, v5 && reached == 0 ? PubAckReasonCode.NO_MATCHING_SUBSCRIBERS : PubAckReasonCode.SUCCESS);
            return;
        }
        publishDurably(p, message, broker);
    }

    /**
     * Cluster mode: the acknowledgement waits until every durable write the message needs is done, and a
     * publish that could not be made durable is refused (5.0) or the connection closed (3.1.1, so the client
     * sends it again) rather than acknowledged.
     */
    private void publishDurably(Publish p, Message message, Broker broker) {
        Session session = c.session;
        boolean v5 = c.version == MqttVersion.V5;
        if (p.qos() == 2) {
            session.addInboundQos2(p.packetId());
        }
        AckQueue.Pending slot = acks.reserve();
        int[] reached = new int[1];
        PublishReceipt receipt = new PublishReceipt(c.executor(), new PublishReceipt.Outcome() {
            @Override
            public void durable() {
                PubAckReasonCode reason = v5 && reached[0] == 0 ? PubAckReasonCode.NO_MATCHING_SUBSCRIBERS
                        : PubAckReasonCode.SUCCESS;
                acks.complete(slot, ackPacket(p, reason, AckProperties.EMPTY));
                c.flush();
            }

            @Override
            public void failed() {
                if (p.qos() == 2) {
                    session.removeInboundQos2(p.packetId());
                }
                if (!v5) {
                    c.disconnect(DisconnectReasonCode.UNSPECIFIED_ERROR, "message could not be stored");
                    return;
                }
                acks.complete(slot, ackPacket(p, PubAckReasonCode.UNSPECIFIED_ERROR,
                        AckProperties.ofReason(c.problemInformation ? "message could not be stored" : null)));
                c.flush();
            }
        });
        if (p.qos() == 2 && session.durable()) {
            receipt.await(broker.store().inboundQos2(c.clientId, p.packetId()));
        }
        reached[0] = broker.publish(message, c, receipt);
        receipt.seal();
    }

    private static MqttPacket ackPacket(Publish p, PubAckReasonCode reason, AckProperties props) {
        return p.qos() == 1 ? new PubAck(p.packetId(), reason, props)
                : new PubRec(p.packetId(), PubRecReasonCode.valueOf(reason.name()), props);
    }

    /** A topic alias from the client [MQTT-3.3.2-8..12]: sets the mapping, or stands for the topic. */
    private String resolveAlias(int alias, String topic) throws MalformedPacketException {
        int max = c.config.topicAliasMaximum();
        if (alias == 0 || alias > max) {
            throw new MalformedPacketException(DisconnectReasonCode.TOPIC_ALIAS_INVALID,
                    "topic alias " + alias + " outside 1.." + max + " [MQTT-3.3.2-9] [MQTT-3.3.2-10]");
        }
        if (aliases == null) {
            aliases = new String[max + 1];
        }
        if (topic.isEmpty()) {
            String known = aliases[alias];
            if (known == null) {
                throw MalformedPacketException.protocolError("topic alias " + alias + " was never set");
            }
            return known;
        }
        aliases[alias] = topic;
        return topic;
    }

    /** Tells a 5.0 publisher why its message was not accepted; QoS 0 has no ack, so it gets DISCONNECT. */
    private void refuse(Publish p, RefusedPublish counter, PubAckReasonCode ackReason,
            DisconnectReasonCode disconnectReason, String why) throws MalformedPacketException {
        c.ctx.stats().refused(counter);
        if (c.version != MqttVersion.V5 || p.qos() == 0) {
            throw new MalformedPacketException(disconnectReason, why);
        }
        AckProperties props = c.problemInformation ? AckProperties.ofReason(why) : AckProperties.EMPTY;
        acks.ready(ackPacket(p, ackReason, props));
    }

    private void acknowledge(Publish p, PubAckReasonCode reason) {
        if (p.qos() == 2) {
            c.session.addInboundQos2(p.packetId()); // held until PUBREL: exactly once (section 4.3.3)
        }
        if (p.qos() > 0) {
            acks.ready(ackPacket(p, reason, AckProperties.EMPTY));
        }
    }

    /** PUBREL ends an inbound QoS 2 flow with PUBCOMP (section 4.3.3). */
    void pubRel(PubRel p) {
        boolean known = c.session.removeInboundQos2(p.packetId());
        if (known && c.session.durable()) {
            c.ctx.broker().store().inboundQos2Released(c.clientId, p.packetId());
        }
        if (known || c.version != MqttVersion.V5) {
            c.write(new PubComp(p.packetId()));
        } else {
            c.write(new PubComp(p.packetId(), PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND, AckProperties.EMPTY));
        }
    }
}
