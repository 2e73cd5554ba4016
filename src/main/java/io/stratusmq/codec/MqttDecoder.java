package io.stratusmq.codec;

import static io.stratusmq.codec.MalformedPacketException.malformed;
import static io.stratusmq.codec.MalformedPacketException.protocolError;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming decoder: bytes in, packets out. A WebSocket frame or TCP read may hold part of a packet or
 * several [MQTT-6.0.0-2], so bytes are appended as they come and {@link #next} hands out whole packets.
 *
 * <p>The decoder is pure: it throws {@link MalformedPacketException} with the reason code the spec gives and
 * never closes anything. The protocol version is passed to every call rather than kept here, because the
 * CONNECT decides it and the caller owns that state. After an exception the decoder must be discarded.
 *
 * <p>Not thread-safe: one per connection, used on that connection's event loop.
 */
public final class MqttDecoder {

    /** The largest packet the protocol can express: a 4-byte remaining length plus the fixed header. */
    public static final int PROTOCOL_MAX_PACKET_SIZE = 268_435_455 + 5;

    private static final byte[] NONE = new byte[0];

    private final int maxPacketSize;
    private byte[] buf = NONE;
    private int start;
    private int end;
    /** False while {@link #buf} is the caller's array, read in place. */
    private boolean owned;

    /** @param maxPacketSize the largest whole packet accepted, fixed header included */
    public MqttDecoder(int maxPacketSize) {
        if (maxPacketSize <= 0 || maxPacketSize > PROTOCOL_MAX_PACKET_SIZE) {
            maxPacketSize = PROTOCOL_MAX_PACKET_SIZE;
        }
        this.maxPacketSize = maxPacketSize;
    }

    /**
     * Adds bytes. When nothing is pending the array is read in place, so the caller must leave it unchanged
     * until {@link #next} returns null; from then on the decoder holds its own copy of any partial packet.
     */
    public void append(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (start == end) {
            buf = data;
            start = offset;
            end = offset + length;
            owned = false;
            return;
        }
        if (!owned || buf.length - end < length) {
            int pending = end - start;
            byte[] grown = new byte[Math.max(pending + length, Math.min(2 * (pending + length), maxPacketSize))];
            System.arraycopy(buf, start, grown, 0, pending);
            buf = grown;
            start = 0;
            end = pending;
            owned = true;
        }
        System.arraycopy(data, offset, buf, end, length);
        end += length;
    }

    public void append(byte[] data) {
        append(data, 0, data.length);
    }

    /** Bytes received but not yet handed out as a packet. */
    public int pending() {
        return end - start;
    }

    /**
     * The next whole packet, or null when more bytes are needed.
     *
     * @param version the connection's protocol version, or null before CONNECT: then only CONNECT decodes
     */
    public MqttPacket next(MqttVersion version) throws MalformedPacketException {
        if (start == end) {
            release();
            return null;
        }
        int first = buf[start] & 0xFF;
        int remaining = 0;
        int shift = 0;
        int i = start + 1;
        while (true) {
            if (i >= end) {
                keepPartial();
                return null;
            }
            int b = buf[i++] & 0xFF;
            remaining |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && i - start > 2) {
                    throw malformed("remaining length not in its shortest form [MQTT-1.5.5-1]");
                }
                break;
            }
            shift += 7;
            if (shift == 28) {
                throw malformed("remaining length longer than four bytes");
            }
        }
        int bodyStart = i;
        long total = (long) (bodyStart - start) + remaining;
        if (total > maxPacketSize) {
            throw new MalformedPacketException(DisconnectReasonCode.PACKET_TOO_LARGE,
                    "packet of " + total + " bytes exceeds the maximum of " + maxPacketSize);
        }
        if (end - start < total) {
            keepPartial();
            return null;
        }
        start = bodyStart + remaining;
        MqttPacket packet = decode(first, buf, bodyStart, remaining, version);
        if (start == end) {
            release();
        }
        return packet;
    }

    private void release() {
        if (!owned || buf.length > 4096) {
            buf = NONE;
            owned = false;
        }
        start = end = 0;
    }

    /** A partial packet is left: copy it out of the caller's array, or compact our own. */
    private void keepPartial() {
        int pending = end - start;
        if (!owned) {
            byte[] copy = new byte[Math.max(pending * 2, 256)];
            System.arraycopy(buf, start, copy, 0, pending);
            buf = copy;
            owned = true;
            start = 0;
            end = pending;
        } else if (start > 0) {
            System.arraycopy(buf, start, buf, 0, pending);
            start = 0;
            end = pending;
        }
    }

    /** Decodes one whole packet held in {@code buf[off, off + len)} after its fixed header. */
    static MqttPacket decode(int first, byte[] buf, int off, int len, MqttVersion version)
            throws MalformedPacketException {
        int type = first >>> 4;
        int flags = first & 0x0F;
        if (version == null && type != MqttPacket.CONNECT) {
            throw protocolError("the first packet must be CONNECT [MQTT-3.1.0-1]");
        }
        PacketReader r = new PacketReader(buf, off, len);
        if (type == MqttPacket.PUBLISH) {
            return publish(flags, r, version);
        }
        // [MQTT-2.1.3-1] fixed flags: 0010 for PUBREL, SUBSCRIBE, UNSUBSCRIBE, 0000 elsewhere
        int expectedFlags = type == MqttPacket.PUBREL || type == MqttPacket.SUBSCRIBE
                || type == MqttPacket.UNSUBSCRIBE ? 2 : 0;
        if (type != 0 && !(type == MqttPacket.AUTH && version != MqttVersion.V5) && flags != expectedFlags) {
            throw malformed(String.format("reserved flags 0x%X on packet type %d [MQTT-2.1.3-1]", flags, type));
        }
        boolean v5 = version == MqttVersion.V5;
        return switch (type) {
            case MqttPacket.CONNECT -> ConnectDecoder.connect(r);
            case MqttPacket.CONNACK -> ConnectDecoder.connAck(r, version);
            case MqttPacket.PUBACK -> {
                int id = packetId(r);
                PubAckReasonCode rc = PubAckReasonCode.SUCCESS;
                AckProperties props = AckProperties.EMPTY;
                if (v5 && r.hasRemaining()) {
                    rc = reason(PubAckReasonCode.of(r.readUnsignedByte()), "PUBACK");
                    props = ackProperties(r);
                }
                r.expectEnd("PUBACK");
                yield new PubAck(id, rc, props);
            }
            case MqttPacket.PUBREC -> {
                int id = packetId(r);
                PubRecReasonCode rc = PubRecReasonCode.SUCCESS;
                AckProperties props = AckProperties.EMPTY;
                if (v5 && r.hasRemaining()) {
                    rc = reason(PubRecReasonCode.of(r.readUnsignedByte()), "PUBREC");
                    props = ackProperties(r);
                }
                r.expectEnd("PUBREC");
                yield new PubRec(id, rc, props);
            }
            case MqttPacket.PUBREL -> {
                int id = packetId(r);
                PubRelReasonCode rc = PubRelReasonCode.SUCCESS;
                AckProperties props = AckProperties.EMPTY;
                if (v5 && r.hasRemaining()) {
                    rc = reason(PubRelReasonCode.of(r.readUnsignedByte()), "PUBREL");
                    props = ackProperties(r);
                }
                r.expectEnd("PUBREL");
                yield new PubRel(id, rc, props);
            }
            case MqttPacket.PUBCOMP -> {
                int id = packetId(r);
                PubCompReasonCode rc = PubCompReasonCode.SUCCESS;
                AckProperties props = AckProperties.EMPTY;
                if (v5 && r.hasRemaining()) {
                    rc = reason(PubCompReasonCode.of(r.readUnsignedByte()), "PUBCOMP");
                    props = ackProperties(r);
                }
                r.expectEnd("PUBCOMP");
                yield new PubComp(id, rc, props);
            }
            case MqttPacket.SUBSCRIBE -> subscribe(r, v5);
            case MqttPacket.SUBACK -> {
                int id = packetId(r);
                AckProperties props = v5 ? PropertySet.read(r, PropertySet.Where.ACK).toAck() : AckProperties.EMPTY;
                List<SubAckReasonCode> codes = new ArrayList<>(r.remaining());
                while (r.hasRemaining()) {
                    int c = r.readUnsignedByte();
                    if (!v5 && c > 2 && c != 0x80) {
                        throw malformed(String.format("SUBACK return code 0x%02X", c));
                    }
                    codes.add(reason(SubAckReasonCode.of(c), "SUBACK"));
                }
                yield new SubAck(id, codes, props);
            }
            case MqttPacket.UNSUBSCRIBE -> {
                int id = packetId(r);
                List<UserProperty> user = v5 ? PropertySet.read(r, PropertySet.Where.UNSUBSCRIBE).userProperties
                        : List.of();
                List<String> filters = new ArrayList<>(2);
                while (r.hasRemaining()) {
                    filters.add(r.readString());
                }
                if (filters.isEmpty()) {
                    throw protocolError("UNSUBSCRIBE without a topic filter [MQTT-3.10.3-2]");
                }
                yield new Unsubscribe(id, filters, user);
            }
            case MqttPacket.UNSUBACK -> {
                int id = packetId(r);
                AckProperties props = AckProperties.EMPTY;
                List<UnsubAckReasonCode> codes = new ArrayList<>();
                if (v5) {
                    props = PropertySet.read(r, PropertySet.Where.ACK).toAck();
                    while (r.hasRemaining()) {
                        codes.add(reason(UnsubAckReasonCode.of(r.readUnsignedByte()), "UNSUBACK"));
                    }
                }
                r.expectEnd("UNSUBACK");
                yield new UnsubAck(id, codes, props);
            }
            case MqttPacket.PINGREQ -> {
                r.expectEnd("PINGREQ");
                yield PingReq.INSTANCE;
            }
            case MqttPacket.PINGRESP -> {
                r.expectEnd("PINGRESP");
                yield PingResp.INSTANCE;
            }
            case MqttPacket.DISCONNECT -> {
                DisconnectReasonCode rc = DisconnectReasonCode.NORMAL_DISCONNECTION;
                DisconnectProperties props = DisconnectProperties.EMPTY;
                if (v5 && r.hasRemaining()) {
                    rc = reason(DisconnectReasonCode.of(r.readUnsignedByte()), "DISCONNECT");
                    if (r.hasRemaining()) {
                        props = PropertySet.read(r, PropertySet.Where.DISCONNECT).toDisconnect();
                    }
                }
                r.expectEnd("DISCONNECT");
                yield new Disconnect(rc, props);
            }
            case MqttPacket.AUTH -> {
                if (!v5) {
                    throw malformed("packet type 15 is reserved before MQTT 5");
                }
                AuthReasonCode rc = AuthReasonCode.SUCCESS;
                AuthProperties props = AuthProperties.EMPTY;
                if (r.hasRemaining()) {
                    rc = reason(AuthReasonCode.of(r.readUnsignedByte()), "AUTH");
                    if (r.hasRemaining()) {
                        props = PropertySet.read(r, PropertySet.Where.AUTH).toAuth();
                    }
                }
                r.expectEnd("AUTH");
                yield new Auth(rc, props);
            }
            default -> throw malformed("packet type " + type + " is reserved [MQTT-2.1.2]");
        };
    }

    private static Publish publish(int flags, PacketReader r, MqttVersion version) throws MalformedPacketException {
        int qos = (flags >>> 1) & 3;
        boolean dup = (flags & 8) != 0;
        boolean retain = (flags & 1) != 0;
        if (qos == 3) {
            throw malformed("PUBLISH with QoS 3 [MQTT-3.3.1-4]");
        }
        if (dup && qos == 0) {
            throw malformed("PUBLISH with DUP set at QoS 0 [MQTT-3.3.1-2]");
        }
        String topic = r.readTopicName();
        int packetId = qos > 0 ? packetId(r) : 0;
        PublishProperties props = PublishProperties.EMPTY;
        if (version == MqttVersion.V5) {
            PropertySet set = PropertySet.read(r, PropertySet.Where.PUBLISH);
            props = set.toPublish();
        }
        if (topic.isEmpty() && props.topicAlias() == null) {
            throw protocolError("PUBLISH with an empty topic name and no topic alias [MQTT-4.7.3-1]");
        }
        return new Publish(topic, qos, retain, dup, packetId, r.readRest(), props);
    }

    private static Subscribe subscribe(PacketReader r, boolean v5) throws MalformedPacketException {
        int id = packetId(r);
        Integer subscriptionId = null;
        List<UserProperty> user = List.of();
        if (v5) {
            PropertySet set = PropertySet.read(r, PropertySet.Where.SUBSCRIBE);
            subscriptionId = set.subscriptionIdentifiers.isEmpty() ? null : set.subscriptionIdentifiers.get(0);
            user = set.userProperties;
        }
        List<TopicSubscription> subs = new ArrayList<>(2);
        while (r.hasRemaining()) {
            String filter = r.readString();
            int options = r.readUnsignedByte();
            int qos = options & 3;
            if (qos == 3) {
                // 3.1.1 calls it malformed [MQTT-3-8.3-4], 5.0 a protocol error (section 3.8.3.1)
                throw v5 ? protocolError("SUBSCRIBE asks for QoS 3 (MQTT 5 section 3.8.3.1)")
                        : malformed("SUBSCRIBE asks for QoS 3 [MQTT-3-8.3-4]");
            }
            if (!v5) {
                if ((options & 0xFC) != 0) {
                    throw malformed("reserved bits set in SUBSCRIBE options [MQTT-3.8.3-4]");
                }
                subs.add(TopicSubscription.of(filter, qos));
                continue;
            }
            if ((options & 0xC0) != 0) {
                throw malformed("reserved bits set in subscription options [MQTT-3.8.3-5]");
            }
            int retainHandling = (options >>> 4) & 3;
            if (retainHandling == 3) {
                throw protocolError("retain handling 3 (MQTT 5 section 3.8.3.1)");
            }
            subs.add(new TopicSubscription(filter, qos, (options & 4) != 0, (options & 8) != 0, retainHandling));
        }
        if (subs.isEmpty()) {
            throw protocolError("SUBSCRIBE without a topic filter [MQTT-3.8.3-3]");
        }
        return new Subscribe(id, subs, subscriptionId, user);
    }

    /** [MQTT-2.2.1-3] a packet identifier is never 0. */
    static int packetId(PacketReader r) throws MalformedPacketException {
        int id = r.readUnsignedShort();
        if (id == 0) {
            throw protocolError("packet identifier 0 [MQTT-2.2.1-3]");
        }
        return id;
    }

    static <R extends ReasonCode> R reason(R code, String packet) throws MalformedPacketException {
        if (code == null) {
            throw malformed("undefined reason code on " + packet);
        }
        return code;
    }

    private static AckProperties ackProperties(PacketReader r) throws MalformedPacketException {
        return r.hasRemaining() ? PropertySet.read(r, PropertySet.Where.ACK).toAck() : AckProperties.EMPTY;
    }
}
