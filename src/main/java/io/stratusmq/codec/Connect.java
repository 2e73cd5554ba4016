package io.stratusmq.codec;

/**
 * CONNECT [MQTT-3.1].
 *
 * @param cleanStart Clean Session in 3.1 / 3.1.1, Clean Start in 5.0
 * @param keepAlive seconds, 0 turns keep-alive off
 * @param username null when the flag is off
 * @param password null when the flag is off
 * @param will null when the Will Flag is off
 */
public record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAlive, String username,
        byte[] password, Will will, ConnectProperties properties) implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }
}
