package io.stratusmq.codec;

/** DISCONNECT [MQTT-3.14]; 3.1 / 3.1.1 carry nothing but the fixed header. */
public record Disconnect(DisconnectReasonCode reasonCode, DisconnectProperties properties) implements MqttPacket {

    public static final Disconnect NORMAL =
            new Disconnect(DisconnectReasonCode.NORMAL_DISCONNECTION, DisconnectProperties.EMPTY);

    public static Disconnect of(DisconnectReasonCode reason, String reasonString) {
        return new Disconnect(reason, DisconnectProperties.ofReason(reasonString));
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
