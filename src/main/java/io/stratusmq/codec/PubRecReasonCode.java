package io.stratusmq.codec;

import static io.stratusmq.codec.ReasonCode.Sender.BOTH;
import static io.stratusmq.codec.ReasonCode.Sender.SERVER;

/** PUBREC reason codes [MQTT-3.5.2.1]. */
public enum PubRecReasonCode implements ReasonCode {
    SUCCESS(0x00, BOTH),
    NO_MATCHING_SUBSCRIBERS(0x10, SERVER),
    UNSPECIFIED_ERROR(0x80, BOTH),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, BOTH),
    NOT_AUTHORIZED(0x87, BOTH),
    TOPIC_NAME_INVALID(0x90, BOTH),
    PACKET_IDENTIFIER_IN_USE(0x91, BOTH),
    QUOTA_EXCEEDED(0x97, BOTH),
    PAYLOAD_FORMAT_INVALID(0x99, BOTH);

    private static final PubRecReasonCode[] BY_CODE = ReasonCode.table(values(), new PubRecReasonCode[256]);

    private final int code;
    private final Sender sender;

    PubRecReasonCode(int code, Sender sender) {
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
    public static PubRecReasonCode of(int code) {
        return ReasonCode.lookup(BY_CODE, code);
    }
}
