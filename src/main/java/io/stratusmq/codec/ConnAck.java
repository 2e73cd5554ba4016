package io.stratusmq.codec;

/** CONNACK [MQTT-3.2]; 3.1 / 3.1.1 carry the reason as a return code and no properties. */
public record ConnAck(boolean sessionPresent, ConnectReasonCode reasonCode, ConnAckProperties properties)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
