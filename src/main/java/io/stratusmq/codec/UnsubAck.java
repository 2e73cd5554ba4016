package io.stratusmq.codec;

import java.util.List;

/** UNSUBACK [MQTT-3.11]; 3.1 / 3.1.1 carry only the packet identifier, so the codes are empty there. */
public record UnsubAck(int packetId, List<UnsubAckReasonCode> reasonCodes, AckProperties properties)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
