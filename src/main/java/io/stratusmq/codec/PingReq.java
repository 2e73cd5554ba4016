package io.stratusmq.codec;

/** PINGREQ [MQTT-3.12]: a fixed header and nothing else. */
public record PingReq() implements MqttPacket {

    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
