package io.stratusmq.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stateless encoder: a packet and the connection's version in, the exact bytes of the packet out. Packets
 * that a version cannot express (AUTH before 5.0) are a programming error and throw.
 */
public final class MqttEncoder {

    private MqttEncoder() {
    }

    public static byte[] encode(MqttPacket packet, MqttVersion version) {
        boolean v5 = version == MqttVersion.V5;
        return switch (packet.type()) {
            case PUBLISH -> publish((Publish) packet, v5);
            case CONNECT -> connect((Connect) packet);
            case CONNACK -> connAck((ConnAck) packet, version, v5);
            case PUBACK -> {
                PubAck a = (PubAck) packet;
                yield ack(MqttPacket.PUBACK, 0, a.packetId(), a.reasonCode(), a.properties(), v5);
            }
            case PUBREC -> {
                PubRec a = (PubRec) packet;
                yield ack(MqttPacket.PUBREC, 0, a.packetId(), a.reasonCode(), a.properties(), v5);
            }
            case PUBREL -> {
                PubRel a = (PubRel) packet;
                yield ack(MqttPacket.PUBREL, 2, a.packetId(), a.reasonCode(), a.properties(), v5);
            }
            case PUBCOMP -> {
                PubComp a = (PubComp) packet;
                yield ack(MqttPacket.PUBCOMP, 0, a.packetId(), a.reasonCode(), a.properties(), v5);
            }
            case SUBSCRIBE -> subscribe((Subscribe) packet, v5);
            case SUBACK -> subAck((SubAck) packet, v5);
            case UNSUBSCRIBE -> unsubscribe((Unsubscribe) packet, v5);
            case UNSUBACK -> unsubAck((UnsubAck) packet, v5);
            case PINGREQ -> new byte[] {(byte) 0xC0, 0};
            case PINGRESP -> new byte[] {(byte) 0xD0, 0};
            case DISCONNECT -> disconnect((Disconnect) packet, v5);
            case AUTH -> auth((Auth) packet, v5);
        };
    }

    /** Size of a packet with this remaining length, fixed header included. */
    public static int packetSize(int remainingLength) {
        return 1 + PacketWriter.varIntSize(remainingLength) + remainingLength;
    }

    /** Largest Remaining Length a Variable Byte Integer holds [MQTT-1.5.5]. */
    private static final int MAX_REMAINING_LENGTH = 268_435_455;

    private static PacketWriter header(int firstByte, int remaining) {
        if (remaining < 0 || remaining > MAX_REMAINING_LENGTH) {
            // an int sum past 2^31 comes out negative
            throw new IllegalArgumentException("remaining length " + Integer.toUnsignedString(remaining)
                    + " exceeds the protocol maximum of " + MAX_REMAINING_LENGTH);
        }
        PacketWriter w = PacketWriter.exact(packetSize(remaining));
        w.writeByte(firstByte);
        w.writeVarInt(remaining);
        return w;
    }

    private static int stringSize(String s) {
        return 2 + Utf8.encodedLength(s);
    }

    /** PUBLISH, sized exactly: it is the packet on the hot path. */
    private static byte[] publish(Publish p, boolean v5) {
        byte[] topic = p.topic().getBytes(StandardCharsets.UTF_8);
        byte[] props = v5 ? PropertiesEncoder.publish(p.properties()) : null;
        return publish(p.qos(), p.retain(), p.dup(), p.packetId(), topic, props, p.payload());
    }

    /**
     * PUBLISH from its parts, with the topic already in UTF-8 and the properties already encoded: fan-out
     * writes one message to many clients without re-encoding what they share.
     *
     * @param props the encoded property section (see {@link #publishProperties}), or null for 3.1 / 3.1.1
     */
    public static byte[] publish(int qos, boolean retain, boolean dup, int packetId, byte[] topic, byte[] props,
            byte[] payload) {
        int remaining = publishRemainingLength(qos, topic.length, props == null ? 0 : props.length, payload.length);
        int first = (MqttPacket.PUBLISH << 4) | (dup ? 8 : 0) | (qos << 1) | (retain ? 1 : 0);
        PacketWriter w = header(first, remaining);
        w.writeBinary(topic); // refuses a topic over 65,535 bytes [MQTT-1.5.4]
        if (qos > 0) {
            w.writeShort(packetId);
        }
        if (props != null) {
            w.writeBytes(props);
        }
        w.writeBytes(payload);
        return w.array();
    }

    /** The whole size of a PUBLISH with these parts, fixed header included. */
    public static long publishSize(int qos, int topicLength, int propsLength, int payloadLength) {
        return packetSize(publishRemainingLength(qos, topicLength, propsLength, payloadLength));
    }

    private static int publishRemainingLength(int qos, int topicLength, int propsLength, int payloadLength) {
        return 2 + topicLength + (qos > 0 ? 2 : 0) + propsLength + payloadLength;
    }

    /** The encoded property section of a PUBLISH, for callers that cache it. */
    public static byte[] publishProperties(PublishProperties props) {
        return PropertiesEncoder.publish(props);
    }

    private static byte[] connect(Connect c) {
        MqttVersion version = c.version();
        boolean v5 = version == MqttVersion.V5;
        byte[] props = v5 ? PropertiesEncoder.connect(c.properties()) : null;
        byte[] willProps = v5 && c.will() != null ? PropertiesEncoder.will(c.will().properties()) : null;
        PacketWriter body = new PacketWriter(64);
        body.writeString(version.protocolName());
        body.writeByte(version.level());
        int flags = (c.cleanStart() ? 0x02 : 0) | (c.username() != null ? 0x80 : 0) | (c.password() != null ? 0x40 : 0);
        if (c.will() != null) {
            flags |= 0x04 | (c.will().qos() << 3) | (c.will().retain() ? 0x20 : 0);
        }
        body.writeByte(flags);
        body.writeShort(c.keepAlive());
        if (props != null) {
            body.writeBytes(props);
        }
        body.writeString(c.clientId());
        if (c.will() != null) {
            if (willProps != null) {
                body.writeBytes(willProps);
            }
            body.writeString(c.will().topic());
            body.writeBinary(c.will().payload());
        }
        if (c.username() != null) {
            body.writeString(c.username());
        }
        if (c.password() != null) {
            body.writeBinary(c.password());
        }
        return wrap(MqttPacket.CONNECT << 4, body);
    }

    private static byte[] wrap(int firstByte, PacketWriter body) {
        PacketWriter w = header(firstByte, body.size());
        w.writeBytes(body.array(), 0, body.size());
        return w.array();
    }

    private static byte[] connAck(ConnAck c, MqttVersion version, boolean v5) {
        byte[] props = v5 ? PropertiesEncoder.connAck(c.properties()) : null;
        PacketWriter w = header(MqttPacket.CONNACK << 4, 2 + (props == null ? 0 : props.length));
        w.writeByte(c.sessionPresent() && version != MqttVersion.V3_1 ? 1 : 0); // reserved in 3.1
        w.writeByte(v5 ? c.reasonCode().code() : c.reasonCode().v3ReturnCode());
        if (props != null) {
            w.writeBytes(props);
        }
        return w.array();
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP; 5.0 leaves out a SUCCESS code with no properties [MQTT-3.4.2.1]. */
    private static byte[] ack(int type, int flags, int packetId, ReasonCode reason, AckProperties properties,
            boolean v5) {
        byte[] props = v5 ? PropertiesEncoder.ack(properties) : null;
        boolean withProps = props != null && props != PropertiesEncoder.EMPTY;
        boolean withReason = v5 && (withProps || reason.code() != 0);
        int remaining = 2 + (withReason ? 1 : 0) + (withProps ? props.length : 0);
        PacketWriter w = header((type << 4) | flags, remaining);
        w.writeShort(packetId);
        if (withReason) {
            w.writeByte(reason.code());
        }
        if (withProps) {
            w.writeBytes(props);
        }
        return w.array();
    }

    private static byte[] subscribe(Subscribe s, boolean v5) {
        PacketWriter body = new PacketWriter(32);
        body.writeShort(s.packetId());
        if (v5) {
            body.writeBytes(PropertiesEncoder.subscribe(s.subscriptionIdentifier(), s.userProperties()));
        }
        for (TopicSubscription t : s.subscriptions()) {
            body.writeString(t.filter());
            int options = t.qos();
            if (v5) {
                options |= (t.noLocal() ? 4 : 0) | (t.retainAsPublished() ? 8 : 0) | (t.retainHandling() << 4);
            }
            body.writeByte(options);
        }
        return wrap((MqttPacket.SUBSCRIBE << 4) | 2, body);
    }

    private static byte[] subAck(SubAck s, boolean v5) {
        byte[] props = v5 ? PropertiesEncoder.ack(s.properties()) : null;
        List<SubAckReasonCode> codes = s.reasonCodes();
        PacketWriter w = header(MqttPacket.SUBACK << 4, 2 + (props == null ? 0 : props.length) + codes.size());
        w.writeShort(s.packetId());
        if (props != null) {
            w.writeBytes(props);
        }
        for (SubAckReasonCode c : codes) {
            w.writeByte(v5 ? c.code() : c.v3Code());
        }
        return w.array();
    }

    private static byte[] unsubscribe(Unsubscribe u, boolean v5) {
        PacketWriter body = new PacketWriter(32);
        body.writeShort(u.packetId());
        if (v5) {
            body.writeBytes(PropertiesEncoder.userOnly(u.userProperties()));
        }
        for (String f : u.filters()) {
            body.writeString(f);
        }
        return wrap((MqttPacket.UNSUBSCRIBE << 4) | 2, body);
    }

    private static byte[] unsubAck(UnsubAck u, boolean v5) {
        if (!v5) {
            PacketWriter w = header(MqttPacket.UNSUBACK << 4, 2);
            w.writeShort(u.packetId());
            return w.array();
        }
        byte[] props = PropertiesEncoder.ack(u.properties());
        PacketWriter w = header(MqttPacket.UNSUBACK << 4, 2 + props.length + u.reasonCodes().size());
        w.writeShort(u.packetId());
        w.writeBytes(props);
        for (UnsubAckReasonCode c : u.reasonCodes()) {
            w.writeByte(c.code());
        }
        return w.array();
    }

    /** 5.0 leaves out a normal-disconnection code with no properties [MQTT-3.14.2.1]. */
    private static byte[] disconnect(Disconnect d, boolean v5) {
        if (!v5 || (d.reasonCode() == DisconnectReasonCode.NORMAL_DISCONNECTION && d.properties().isEmpty())) {
            return new byte[] {(byte) 0xE0, 0};
        }
        if (d.properties().isEmpty()) {
            return new byte[] {(byte) 0xE0, 1, (byte) d.reasonCode().code()};
        }
        byte[] props = PropertiesEncoder.disconnect(d.properties());
        PacketWriter w = header(MqttPacket.DISCONNECT << 4, 1 + props.length);
        w.writeByte(d.reasonCode().code());
        w.writeBytes(props);
        return w.array();
    }

    private static byte[] auth(Auth a, boolean v5) {
        if (!v5) {
            throw new IllegalArgumentException("AUTH exists only in MQTT 5");
        }
        if (a.reasonCode() == AuthReasonCode.SUCCESS && a.properties().isEmpty()) {
            return new byte[] {(byte) 0xF0, 0};
        }
        byte[] props = PropertiesEncoder.auth(a.properties());
        PacketWriter w = header(MqttPacket.AUTH << 4, 1 + props.length);
        w.writeByte(a.reasonCode().code());
        w.writeBytes(props);
        return w.array();
    }
}
