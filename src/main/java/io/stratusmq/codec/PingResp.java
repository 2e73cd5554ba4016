package io.stratusmq.codec;

/** PINGRESP [MQTT-3.13]: a fixed header and nothing else. */
public record PingResp() implements MqttPacket {

    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
