package io.stratusmq.codec;

import static io.stratusmq.codec.ReasonCode.Sender.SERVER;

/** CONNACK reason codes [MQTT-3.2.2.2]; the 3.1/3.1.1 return codes map onto them (see {@link #v3ReturnCode()}). */
public enum ConnectReasonCode implements ReasonCode {
    SUCCESS(0x00, SERVER),
    UNSPECIFIED_ERROR(0x80, SERVER),
    MALFORMED_PACKET(0x81, SERVER),
    PROTOCOL_ERROR(0x82, SERVER),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, SERVER),
    UNSUPPORTED_PROTOCOL_VERSION(0x84, SERVER),
    CLIENT_IDENTIFIER_NOT_VALID(0x85, SERVER),
    BAD_USER_NAME_OR_PASSWORD(0x86, SERVER),
    NOT_AUTHORIZED(0x87, SERVER),
    SERVER_UNAVAILABLE(0x88, SERVER),
    SERVER_BUSY(0x89, SERVER),
    BANNED(0x8A, SERVER),
    BAD_AUTHENTICATION_METHOD(0x8C, SERVER),
    TOPIC_NAME_INVALID(0x90, SERVER),
    PACKET_TOO_LARGE(0x95, SERVER),
    QUOTA_EXCEEDED(0x97, SERVER),
    PAYLOAD_FORMAT_INVALID(0x99, SERVER),
    RETAIN_NOT_SUPPORTED(0x9A, SERVER),
    QOS_NOT_SUPPORTED(0x9B, SERVER),
    USE_ANOTHER_SERVER(0x9C, SERVER),
    SERVER_MOVED(0x9D, SERVER),
    CONNECTION_RATE_EXCEEDED(0x9F, SERVER);

    private static final ConnectReasonCode[] BY_CODE = ReasonCode.table(values(), new ConnectReasonCode[256]);

    private final int code;
    private final Sender sender;

    ConnectReasonCode(int code, Sender sender) {
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

    /**
     * The 3.1 / 3.1.1 CONNACK return code that carries this reason [MQTT-3.2.2.3]: 1 unacceptable protocol
     * version, 2 identifier rejected, 3 server unavailable, 4 bad user name or password, 5 not authorized.
     */
    public int v3ReturnCode() {
        return switch (this) {
            case SUCCESS -> 0;
            case UNSUPPORTED_PROTOCOL_VERSION -> 1;
            case CLIENT_IDENTIFIER_NOT_VALID -> 2;
            case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> 4;
            case NOT_AUTHORIZED, BANNED -> 5;
            default -> 3;
        };
    }

    /** The reason a 3.1 / 3.1.1 return code stands for, or null when the code is not defined. */
    public static ConnectReasonCode ofV3(int returnCode) {
        return switch (returnCode) {
            case 0 -> SUCCESS;
            case 1 -> UNSUPPORTED_PROTOCOL_VERSION;
            case 2 -> CLIENT_IDENTIFIER_NOT_VALID;
            case 3 -> SERVER_UNAVAILABLE;
            case 4 -> BAD_USER_NAME_OR_PASSWORD;
            case 5 -> NOT_AUTHORIZED;
            default -> null;
        };
    }

    /** The constant for a byte on the wire, or null when the byte is not a defined code. */
    public static ConnectReasonCode of(int code) {
        return ReasonCode.lookup(BY_CODE, code);
    }
}
