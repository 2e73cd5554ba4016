package io.stratusmq.codec;

import static io.stratusmq.codec.ReasonCode.Sender.SERVER;

/** SUBACK reason codes [MQTT-3.9.3]; 3.1.1 knows only the three grants and 0x80. */
public enum SubAckReasonCode implements ReasonCode {
    GRANTED_QOS_0(0x00, SERVER),
    GRANTED_QOS_1(0x01, SERVER),
    GRANTED_QOS_2(0x02, SERVER),
    UNSPECIFIED_ERROR(0x80, SERVER),
    IMPLEMENTATION_SPECIFIC_ERROR(0x83, SERVER),
    NOT_AUTHORIZED(0x87, SERVER),
    TOPIC_FILTER_INVALID(0x8F, SERVER),
    PACKET_IDENTIFIER_IN_USE(0x91, SERVER),
    QUOTA_EXCEEDED(0x97, SERVER),
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E, SERVER),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1, SERVER),
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2, SERVER);

    private static final SubAckReasonCode[] BY_CODE = ReasonCode.table(values(), new SubAckReasonCode[256]);

    private final int code;
    private final Sender sender;

    SubAckReasonCode(int code, Sender sender) {
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

    /** The grant for a QoS of 0, 1 or 2. */
    public static SubAckReasonCode granted(int qos) {
        return switch (qos) {
            case 0 -> GRANTED_QOS_0;
            case 1 -> GRANTED_QOS_1;
            case 2 -> GRANTED_QOS_2;
            default -> throw new IllegalArgumentException("QoS " + qos);
        };
    }

    /** The code 3.1.1 puts on the wire: the grant, or 0x80 for any failure [MQTT-3.9.3-2]. */
    public int v3Code() {
        return isError() ? 0x80 : code();
    }

    /** The constant for a byte on the wire, or null when the byte is not a defined code. */
    public static SubAckReasonCode of(int code) {
        return ReasonCode.lookup(BY_CODE, code);
    }
}
