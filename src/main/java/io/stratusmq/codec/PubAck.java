package io.stratusmq.codec;

/** PUBACK [MQTT-3.4]; 3.1 / 3.1.1 carry only the packet identifier. */
public record PubAck(int packetId, PubAckReasonCode reasonCode, AckProperties properties) implements MqttPacket {

    public PubAck(int packetId) {
        this(packetId, PubAckReasonCode.SUCCESS, AckProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }
}
