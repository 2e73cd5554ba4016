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
    /** Topic by alias, for this connection only [MQTT-3.3.2-7]; created on first use. */
    private String[] aliases;

    InboundPublishes(MqttConnection c) {
        this.c = c;
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
            c.write(new PubRec(p.packetId())); // a resend: acknowledged already, not published again (section 4.3.3)
            return;
        }
        if (v5 && qos > 0 && session.inboundQos2Count() >= c.config.receiveMaximum()) {
            throw new MalformedPacketException(DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                    "more than " + c.config.receiveMaximum() + " QoS 1/2 publishes unacknowledged [MQTT-3.3.4-9]");
        }
        try {
            TopicName.validate(topic, c.config.maxTopicLength(), c.config.maxTopicLevels());
        } catch (InvalidTopicException e) {
            refuse(p, PubAckReasonCode.TOPIC_NAME_INVALID, DisconnectReasonCode.TOPIC_NAME_INVALID, e.getMessage());
            return;
        }
        Integer format = props.payloadFormatIndicator();
        if (v5 && format != null && format == 1 && !Utf8.isWellFormed(p.payload())) {
            refuse(p, PubAckReasonCode.PAYLOAD_FORMAT_INVALID, DisconnectReasonCode.PAYLOAD_FORMAT_INVALID,
                    "payload is not UTF-8 though its format indicator says so (MQTT 5 section 3.3.2.3.2)");
            return;
        }
        if (!c.ctx.authorizer().mayPublish(c.identity, topic)) {
            if (v5) {
                refuse(p, PubAckReasonCode.NOT_AUTHORIZED, DisconnectReasonCode.NOT_AUTHORIZED, "not authorized");
            } else {
                acknowledge(p, PubAckReasonCode.SUCCESS); // 3.1.1 has no negative ack: dropped, as Mosquitto does
            }
            return;
        }
        long now = c.ctx.clock().getAsLong();
        Message message = new Message(topic, p.payload(), qos, p.retain(), props, c.clientId,
                Message.deadline(props.messageExpiryInterval(), now));
        c.stats.received(qos);
        int reached = c.ctx.broker().publish(message, c);
        acknowledge(p, v5 && reached == 0 ? PubAckReasonCode.NO_MATCHING_SUBSCRIBERS : PubAckReasonCode.SUCCESS);
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
    private void refuse(Publish p, PubAckReasonCode ackReason, DisconnectReasonCode disconnectReason, String why)
            throws MalformedPacketException {
        if (c.version != MqttVersion.V5 || p.qos() == 0) {
            throw new MalformedPacketException(disconnectReason, why);
        }
        AckProperties props = c.problemInformation ? AckProperties.ofReason(why) : AckProperties.EMPTY;
        if (p.qos() == 1) {
            c.write(new PubAck(p.packetId(), ackReason, props));
        } else {
            c.write(new PubRec(p.packetId(), PubRecReasonCode.valueOf(ackReason.name()), props));
        }
    }

    private void acknowledge(Publish p, PubAckReasonCode reason) {
        switch (p.qos()) {
            case 1 -> c.write(new PubAck(p.packetId(), reason, AckProperties.EMPTY));
            case 2 -> {
                c.session.addInboundQos2(p.packetId()); // held until PUBREL: exactly once (section 4.3.3)
                c.write(new PubRec(p.packetId(), PubRecReasonCode.valueOf(reason.name()), AckProperties.EMPTY));
            }
            default -> {
            }
        }
    }

    /** PUBREL ends an inbound QoS 2 flow with PUBCOMP (section 4.3.3). */
    void pubRel(PubRel p) {
        boolean known = c.session.removeInboundQos2(p.packetId());
        if (known || c.version != MqttVersion.V5) {
            c.write(new PubComp(p.packetId()));
        } else {
            c.write(new PubComp(p.packetId(), PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND, AckProperties.EMPTY));
        }
    }
}
