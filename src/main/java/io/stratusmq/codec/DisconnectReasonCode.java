package io.stratusmq.codec;

import static io.stratusmq.codec.ReasonCode.Sender.BOTH;
import static io.stratusmq.codec.ReasonCode.Sender.CLIENT;
import static io.stratusmq.codec.ReasonCode.Sender.SERVER;

/** DISCONNECT reason codes [MQTT-3.14.2.1]; the decoder also reports failures with them. */
public enum DisconnectReasonCode implements ReasonCode {
    NORMAL_DISCONNECTION(0x00, BOTH),
    DISCONNECT_WITH_WILL_MESSAGE(0x04, CLIENT),
    UNSPECIFIED_ERROR(0x80, BOTH),
    MALFORMED_PACKET(0x81, BOTH),
    PROTOCOL_ERROR(0x82, BOTH),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, BOTH),
    NOT_AUTHORIZED(0x87, SERVER),
    SERVER_BUSY(0x89, SERVER),
    SERVER_SHUTTING_DOWN(0x8B, SERVER),
    KEEP_ALIVE_TIMEOUT(0x8D, SERVER),
    SESSION_TAKEN_OVER(0x8E, SERVER),
    TOPIC_FILTER_INVALID(0x8F, SERVER),
    TOPIC_NAME_INVALID(0x90, BOTH),
    RECEIVE_MAXIMUM_EXCEEDED(0x93, BOTH),
    TOPIC_ALIAS_INVALID(0x94, BOTH),
    PACKET_TOO_LARGE(0x95, BOTH),
    MESSAGE_RATE_TOO_HIGH(0x96, BOTH),
    QUOTA_EXCEEDED(0x97, BOTH),
    ADMINISTRATIVE_ACTION(0x98, BOTH),
    PAYLOAD_FORMAT_INVALID(0x99, BOTH),
    RETAIN_NOT_SUPPORTED(0x9A, SERVER),
    QOS_NOT_SUPPORTED(0x9B, SERVER),
    USE_ANOTHER_SERVER(0x9C, SERVER),
    SERVER_MOVED(0x9D, SERVER),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E, SERVER),
    CONNECTION_RATE_EXCEEDED(0x9F, SERVER),
    MAXIMUM_CONNECT_TIME(0xA0, SERVER),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1, SERVER),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2, SERVER);

    private static final DisconnectReasonCode[] BY_CODE = ReasonCode.table(values(), new DisconnectReasonCode[256]);

    private final int code;
    private final Sender sender;

    DisconnectReasonCode(int code, Sender sender) {
        this.code = code;
        this.sender = sender;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public Sender sender() {
        return sender;
    }

    /** The constant for a byte on the wire, or null when the byte is not a defined code. */
    public static DisconnectReasonCode of(int code) {
        return ReasonCode.lookup(BY_CODE, code);
    }
}
