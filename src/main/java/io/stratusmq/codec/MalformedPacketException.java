package io.stratusmq.codec;

/**
 * A packet that breaks the specification, with the reason a 5.0 peer is told in DISCONNECT. The decoder
 * throws it and never closes anything; the protocol layer decides what the peer gets.
 */
public class MalformedPacketException extends Exception {

    private final DisconnectReasonCode reason;
    private final MqttVersion connectVersion;

    public MalformedPacketException(DisconnectReasonCode reason, String message) {
        this(reason, message, null);
    }

    private MalformedPacketException(DisconnectReasonCode reason, String message, MqttVersion connectVersion) {
        super(message, null, false, false);
        this.reason = reason;
        this.connectVersion = connectVersion;
    }

    public DisconnectReasonCode reason() {
        return reason;
    }

    /**
     * The version a malformed CONNECT announced before the fault was found, or null: a 5.0 client can then be
     * told why in a CONNACK (MQTT 5 section 4.13.1).
     */
    public MqttVersion connectVersion() {
        return connectVersion;
    }

    /** The same failure, found in a CONNECT that announced this version. */
    MalformedPacketException inConnect(MqttVersion version) {
        return new MalformedPacketException(reason, getMessage(), version);
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
