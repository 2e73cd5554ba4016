package io.stratusmq.codec;

import static io.stratusmq.codec.ReasonCode.Sender.SERVER;

/** UNSUBACK reason codes [MQTT-3.11.3]. */
public enum UnsubAckReasonCode implements ReasonCode {
    SUCCESS(0x00, SERVER),
    NO_SUBSCRIPTION_EXISTED(0x11, SERVER),
    UNSPECIFIED_ERROR(0x80, SERVER),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, SERVER),
    NOT_AUTHORIZED(0x87, SERVER),
    TOPIC_FILTER_INVALID(0x8F, SERVER),
    PACKET_IDENTIFIER_IN_USE(0x91, SERVER);

    private static final UnsubAckReasonCode[] BY_CODE = ReasonCode.table(values(), new UnsubAckReasonCode[256]);

    private final int code;
    private final Sender sender;

    UnsubAckReasonCode(int code, Sender sender) {
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
    public static UnsubAckReasonCode of(int code) {
        return ReasonCode.lookup(BY_CODE, code);
    }
}
