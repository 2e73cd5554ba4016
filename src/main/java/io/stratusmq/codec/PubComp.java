package io.stratusmq.codec;

/** PUBCOMP [MQTT-3.7]; 3.1 / 3.1.1 carry only the packet identifier. */
public record PubComp(int packetId, PubCompReasonCode reasonCode, AckProperties properties) implements MqttPacket {

    public PubComp(int packetId) {
        this(packetId, PubCompReasonCode.SUCCESS, AckProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBCOMP;
    }
}
