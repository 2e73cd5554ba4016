package io.stratusmq.codec;

import static io.stratusmq.codec.ReasonCode.Sender.BOTH;
import static io.stratusmq.codec.ReasonCode.Sender.CLIENT;
import static io.stratusmq.codec.ReasonCode.Sender.SERVER;

/** AUTH reason codes [MQTT-3.15.2.1]. */
public enum AuthReasonCode implements ReasonCode {
    SUCCESS(0x00, SERVER),
    CONTINUE_AUTHENTICATION(0x18, BOTH),
    RE_AUTHENTICATE(0x19, CLIENT);

    private static final AuthReasonCode[] BY_CODE = ReasonCode.table(values(), new AuthReasonCode[256]);

    private final int code;
    private final Sender sender;

    AuthReasonCode(int code, Sender sender) {
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
    public static AuthReasonCode of(int code) {
        return ReasonCode.lookup(BY_CODE, code);
    }
}
