package io.stratusmq.codec;

import java.util.List;

/** SUBACK [MQTT-3.9]: one reason code per filter, in the order of the SUBSCRIBE. */
public record SubAck(int packetId, List<SubAckReasonCode> reasonCodes, AckProperties properties)
        implements MqttPacket {

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
