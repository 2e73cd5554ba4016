package io.stratusmq.codec;

/** PUBREL [MQTT-3.6]; 3.1 / 3.1.1 carry only the packet identifier. */
public record PubRel(int packetId, PubRelReasonCode reasonCode, AckProperties properties) implements MqttPacket {

    public PubRel(int packetId) {
        this(packetId, PubRelReasonCode.SUCCESS, AckProperties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
