package io.stratusmq.codec;

/** PUBREC [MQTT-3.5]; 3.1 / 3.1.1 carry only the packet identifier. */
public record PubRec(int packetId, PubRecReasonCode reasonCode, AckProperties properties) implements MqttPacket {

    public PubRec(int packetId) {
        this(packetId, PubRecReasonCode.SUCCESS, AckProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
