package io.stratusmq.codec;

/** AUTH [MQTT-3.15], 5.0 only: extended authentication exchanges. */
public record Auth(AuthReasonCode reasonCode, AuthProperties properties) implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
