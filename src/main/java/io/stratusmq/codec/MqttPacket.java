package io.stratusmq.codec;

/**
 * One MQTT control packet, as records: the decoder produces them, the encoder writes them, and handlers
 * switch over them exhaustively. Records hold decoded values only; the protocol version travels beside
 * them, never inside the codec.
 */
public sealed interface MqttPacket
        permits Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe, SubAck, Unsubscribe,
        UnsubAck, PingReq, PingResp, Disconnect, Auth {

    /**
     * The packet type. Java 17 has no pattern switch, so handlers switch over this enum, which the compiler
     * checks for exhaustiveness, and cast to the record the constant names.
     */
    PacketType type();

    int CONNECT = 1;
    int CONNACK = 2;
    int PUBLISH = 3;
    int PUBACK = 4;
    int PUBREC = 5;
    int PUBREL = 6;
    int PUBCOMP = 7;
    int SUBSCRIBE = 8;
    int SUBACK = 9;
    int UNSUBSCRIBE = 10;
    int UNSUBACK = 11;
    int PINGREQ = 12;
    int PINGRESP = 13;
    int DISCONNECT = 14;
    int AUTH = 15;
}
