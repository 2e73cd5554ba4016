package io.stratusmq.loadtest.mqtt;

import io.vertx.core.buffer.Buffer;

/**
 * A pre-encoded PUBLISH for one topic, QoS and payload size.
 *
 * <p>Everything but the packet identifier and the payload bytes is encoded once. Producing a packet
 * is a single array copy into a new buffer; the caller then writes its payload in place at
 * {@link #payloadOffset()}. The payload starts zero-filled.
 */
public final class PublishTemplate {
    private final byte[] image;
    private final int qos;
    private final int packetIdOffset;
    private final int payloadOffset;
    private final int payloadSize;

    public PublishTemplate(MqttVersion version, String topic, int qos, boolean retain, int payloadSize) {
        PacketEncoder.checkQos(qos);
        if (payloadSize < 0) {
            throw new IllegalArgumentException("negative payload size");
        }
        byte[] topicBytes = PacketEncoder.utf8(topic);
        int remaining = 2 + topicBytes.length + (qos > 0 ? 2 : 0) + (version.isV5() ? 1 : 0) + payloadSize;
        Buffer out = Buffer.buffer(1 + VariableByteInteger.size(remaining) + remaining);
        out.appendByte((byte) ((PacketType.PUBLISH << 4) | (qos << 1) | (retain ? 1 : 0)));
        VariableByteInteger.append(out, remaining);
        out.appendUnsignedShort(topicBytes.length);
        out.appendBytes(topicBytes);
        this.packetIdOffset = qos > 0 ? out.length() : -1;
        if (qos > 0) {
            out.appendUnsignedShort(0);
        }
        if (version.isV5()) {
            out.appendByte((byte) 0);
        }
        this.payloadOffset = out.length();
        out.appendBytes(new byte[payloadSize]);
        this.image = out.getBytes();
        this.qos = qos;
        this.payloadSize = payloadSize;
    }

    /** A new packet buffer; {@code packetId} is ignored for QoS 0. */
    public Buffer newPacket(int packetId) {
        Buffer packet = Buffer.buffer(image);
        if (qos > 0) {
            packet.setUnsignedShort(packetIdOffset, packetId);
        }
        return packet;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadSize() {
        return payloadSize;
    }

    public int packetSize() {
        return image.length;
    }

    public int qos() {
        return qos;
    }
}
