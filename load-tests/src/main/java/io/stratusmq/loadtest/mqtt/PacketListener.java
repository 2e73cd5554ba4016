package io.stratusmq.loadtest.mqtt;

import io.netty.buffer.ByteBuf;

/**
 * Receives packets from a {@link PacketDecoder}. Called on the connection's event loop.
 *
 * <p>Buffers passed in are only valid during the call: implementations read what they need
 * (by absolute index) and must not keep a reference.
 */
public interface PacketListener {

    void onConnAck(ConnAck connAck);

    /**
     * An application message.
     *
     * @param packetId      0 for QoS 0
     * @param buf           buffer holding the packet
     * @param payloadOffset absolute index of the first payload byte in {@code buf}
     * @param payloadLength payload length in bytes
     */
    void onPublish(int qos, boolean dup, int packetId, ByteBuf buf, int payloadOffset, int payloadLength);

    /**
     * PUBACK, PUBREC, PUBREL or PUBCOMP.
     *
     * @param packetType one of {@link PacketType#PUBACK} .. {@link PacketType#PUBCOMP}
     * @param reasonCode 0 unless a 5.0 broker sent another reason code
     */
    void onPublishAck(int packetType, int packetId, int reasonCode);

    /** SUBACK; only the first return/reason code is reported (the generator subscribes one filter at a time). */
    void onSubAck(int packetId, int reasonCode);

    void onPingResp();

    /** A 5.0 broker sent DISCONNECT. */
    void onDisconnect(int reasonCode);
}
