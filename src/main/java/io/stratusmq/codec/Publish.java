package io.stratusmq.codec;

/**
 * PUBLISH [MQTT-3.3].
 *
 * @param topic the topic name; empty in 5.0 when a topic alias stands for it
 * @param packetId 0 for QoS 0
 */
public record Publish(String topic, int qos, boolean retain, boolean dup, int packetId, byte[] payload,
        PublishProperties properties) implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** The same message with another DUP flag. */
    public Publish withDup(boolean newDup) {
        return new Publish(topic, qos, retain, newDup, packetId, payload, properties);
    }
}
