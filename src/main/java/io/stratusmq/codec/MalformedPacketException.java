package io.stratusmq.codec;

/**
 * A packet that breaks the specification, with the reason a 5.0 peer is told in DISCONNECT. The decoder
 * throws it and never closes anything; the protocol layer decides what the peer gets.
 */
public class MalformedPacketException extends Exception {

    private final DisconnectReasonCode reason;

    public MalformedPacketException(DisconnectReasonCode reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DisconnectReasonCode reason() {
        return reason;
    }

    /** A packet that cannot be parsed [MQTT-1.2 Malformed Packet]. */
    public static MalformedPacketException malformed(String message) {
        return new MalformedPacketException(DisconnectReasonCode.MALFORMED_PACKET, message);
    }

    /** A packet that parses but holds data the protocol does not allow [MQTT-1.2 Protocol Error]. */
    public static MalformedPacketException protocolError(String message) {
        return new MalformedPacketException(DisconnectReasonCode.PROTOCOL_ERROR, message);
    }
}
