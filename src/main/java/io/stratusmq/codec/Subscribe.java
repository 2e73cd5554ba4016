package io.stratusmq.codec;

import java.util.List;

/**
 * SUBSCRIBE [MQTT-3.8].
 *
 * @param subscriptionIdentifier null when absent (5.0 only)
 */
public record Subscribe(int packetId, List<TopicSubscription> subscriptions, Integer subscriptionIdentifier,
        List<UserProperty> userProperties) implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
