package io.stratusmq.codec;

import static io.stratusmq.codec.ReasonCode.Sender.BOTH;

/** PUBREL reason codes [MQTT-3.6.2.1]. */
public enum PubRelReasonCode implements ReasonCode {
    SUCCESS(0x00, BOTH),
    PACKET_IDENTIFIER_NOT_FOUND(0x92, BOTH);

    private static final PubRelReasonCode[] BY_CODE = ReasonCode.table(values(), new PubRelReasonCode[256]);

    private final int code;
    private final Sender sender;

    PubRelReasonCode(int code, Sender sender) {
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
    public static PubRelReasonCode of(int code) {
        return ReasonCode.lookup(BY_CODE, code);
    }
}
