package io.stratusmq.codec;

/** Property identifiers and their data types [MQTT-2.2.2.2]. */
enum Property {
    PAYLOAD_FORMAT_INDICATOR(0x01, Type.BYTE),
    MESSAGE_EXPIRY_INTERVAL(0x02, Type.FOUR_BYTE_INTEGER),
    CONTENT_TYPE(0x03, Type.STRING),
    RESPONSE_TOPIC(0x08, Type.STRING),
    CORRELATION_DATA(0x09, Type.BINARY),
    SUBSCRIPTION_IDENTIFIER(0x0B, Type.VARIABLE_BYTE_INTEGER),
    SESSION_EXPIRY_INTERVAL(0x11, Type.FOUR_BYTE_INTEGER),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, Type.STRING),
    SERVER_KEEP_ALIVE(0x13, Type.TWO_BYTE_INTEGER),
    AUTHENTICATION_METHOD(0x15, Type.STRING),
    AUTHENTICATION_DATA(0x16, Type.BINARY),
    REQUEST_PROBLEM_INFORMATION(0x17, Type.BYTE),
    WILL_DELAY_INTERVAL(0x18, Type.FOUR_BYTE_INTEGER),
    REQUEST_RESPONSE_INFORMATION(0x19, Type.BYTE),
    RESPONSE_INFORMATION(0x1A, Type.STRING),
    SERVER_REFERENCE(0x1C, Type.STRING),
    REASON_STRING(0x1F, Type.STRING),
    RECEIVE_MAXIMUM(0x21, Type.TWO_BYTE_INTEGER),
    TOPIC_ALIAS_MAXIMUM(0x22, Type.TWO_BYTE_INTEGER),
    TOPIC_ALIAS(0x23, Type.TWO_BYTE_INTEGER),
    MAXIMUM_QOS(0x24, Type.BYTE),
    RETAIN_AVAILABLE(0x25, Type.BYTE),
    USER_PROPERTY(0x26, Type.STRING_PAIR),
    MAXIMUM_PACKET_SIZE(0x27, Type.FOUR_BYTE_INTEGER),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, Type.BYTE),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, Type.BYTE),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, Type.BYTE);

    enum Type {
        BYTE, TWO_BYTE_INTEGER, FOUR_BYTE_INTEGER, VARIABLE_BYTE_INTEGER, STRING, BINARY, STRING_PAIR
    }

    private static final Property[] BY_ID = new Property[0x2B];

    static {
        for (Property p : values()) {
            BY_ID[p.id] = p;
        }
    }

    final int id;
    final Type type;

    Property(int id, Type type) {
        this.id = id;
        this.type = type;
    }

    long bit() {
        return 1L << id;
    }

    static Property of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    static long mask(Property... ps) {
        long m = 0;
        for (Property p : ps) {
            m |= p.bit();
        }
        return m;
    }
}
