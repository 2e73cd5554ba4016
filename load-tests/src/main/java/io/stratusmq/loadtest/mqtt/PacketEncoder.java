package io.stratusmq.loadtest.mqtt;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the control packets a client sends, except PUBLISH (see {@link PublishTemplate}).
 * Each method returns a new, exactly sized buffer holding one packet.
 */
public final class PacketEncoder {
    private static final byte[] PROTOCOL_NAME = {0, 4, 'M', 'Q', 'T', 'T'};
    private static final int CLEAN_START = 0x02;
    private static final int PROPERTY_RECEIVE_MAXIMUM = 0x21;

    private PacketEncoder() {
    }

    /**
     * CONNECT without will, username or password.
     *
     * @param receiveMaximum 5.0 only: how many QoS 1/2 messages the broker may have in flight towards
     *                       this client; 0 leaves the property out (the protocol default is 65,535)
     */
    public static Buffer connect(MqttVersion version, String clientId, int keepAliveSeconds,
                                 boolean cleanStart, int receiveMaximum) {
        byte[] id = utf8(clientId);
        int properties = version.isV5() && receiveMaximum > 0 ? 3 : 0;
        int variableHeader = PROTOCOL_NAME.length + 1 + 1 + 2
                + (version.isV5() ? VariableByteInteger.size(properties) + properties : 0);
        int remaining = variableHeader + 2 + id.length;
        Buffer out = Buffer.buffer(1 + VariableByteInteger.size(remaining) + remaining);
        out.appendByte((byte) (PacketType.CONNECT << 4));
        VariableByteInteger.append(out, remaining);
        out.appendBytes(PROTOCOL_NAME);
        out.appendByte((byte) version.protocolLevel());
        out.appendByte((byte) (cleanStart ? CLEAN_START : 0));
        out.appendUnsignedShort(keepAliveSeconds);
        if (version.isV5()) {
            VariableByteInteger.append(out, properties);
            if (properties > 0) {
                out.appendByte((byte) PROPERTY_RECEIVE_MAXIMUM);
                out.appendUnsignedShort(receiveMaximum);
            }
        }
        appendString(out, id);
        return out;
    }

    /** SUBSCRIBE to a single topic filter. */
    public static Buffer subscribe(MqttVersion version, int packetId, String topicFilter, int qos) {
        checkQos(qos);
        byte[] filter = utf8(topicFilter);
        int remaining = 2 + (version.isV5() ? 1 : 0) + 2 + filter.length + 1;
        Buffer out = Buffer.buffer(1 + VariableByteInteger.size(remaining) + remaining);
        out.appendByte((byte) ((PacketType.SUBSCRIBE << 4) | 0x2));
        VariableByteInteger.append(out, remaining);
        out.appendUnsignedShort(packetId);
        if (version.isV5()) {
            out.appendByte((byte) 0);
        }
        appendString(out, filter);
        out.appendByte((byte) qos);
        return out;
    }

    /**
     * PUBACK, PUBREC, PUBREL or PUBCOMP with success. The reason code is left out, which both
     * 3.1.1 and 5.0 read as success.
     */
    public static Buffer publishAck(int packetType, int packetId) {
        int header = packetType << 4;
        if (packetType == PacketType.PUBREL) {
            header |= 0x2;
        } else if (packetType != PacketType.PUBACK && packetType != PacketType.PUBREC
                && packetType != PacketType.PUBCOMP) {
            throw new IllegalArgumentException("not a publish acknowledgement: " + PacketType.name(packetType));
        }
        Buffer out = Buffer.buffer(4);
        out.appendByte((byte) header);
        out.appendByte((byte) 2);
        out.appendUnsignedShort(packetId);
        return out;
    }

    public static Buffer pingReq() {
        return Buffer.buffer(2).appendByte((byte) (PacketType.PINGREQ << 4)).appendByte((byte) 0);
    }

    /** DISCONNECT; for 5.0 the empty body means reason code 0x00, normal disconnection. */
    public static Buffer disconnect() {
        return Buffer.buffer(2).appendByte((byte) (PacketType.DISCONNECT << 4)).appendByte((byte) 0);
    }

    static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 65_535) {
            throw new IllegalArgumentException("string longer than 65,535 bytes");
        }
        return bytes;
    }

    static void checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
    }

    private static void appendString(Buffer out, byte[] bytes) {
        out.appendUnsignedShort(bytes.length);
        out.appendBytes(bytes);
    }
}
