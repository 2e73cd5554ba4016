package io.stratusmq.codec;

import java.util.List;

/** UNSUBSCRIBE [MQTT-3.10]. */
public record Unsubscribe(int packetId, List<String> filters, List<UserProperty> userProperties)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
