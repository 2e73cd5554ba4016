package io.stratusmq.codec;

import static io.stratusmq.codec.Property.*;

import java.util.List;

/**
 * Writes the property section of each packet: its length, then the present properties in a fixed order per
 * packet (the spec sets none), so that equal records always encode to equal bytes.
 */
final class PropertiesEncoder {

    /** The encoding of an empty property section: a zero length. */
    static final byte[] EMPTY = {0};

    private final PacketWriter w = new PacketWriter(32);

    private PropertiesEncoder() {
    }

    /** The section as bytes, length prefix included. */
    private byte[] finish() {
        if (w.size() == 0) {
            return EMPTY;
        }
        PacketWriter out = PacketWriter.exact(PacketWriter.varIntSize(w.size()) + w.size());
        out.writeVarInt(w.size());
        out.writeBytes(w.array(), 0, w.size());
        return out.array();
    }

    private void byteProp(Property p, Integer v) {
        if (v != null) {
            w.writeByte(p.id);
            w.writeByte(v);
        }
    }

    private void boolProp(Property p, Boolean v) {
        if (v != null) {
            w.writeByte(p.id);
            w.writeByte(v ? 1 : 0);
        }
    }

    private void shortProp(Property p, Integer v) {
        if (v != null) {
            w.writeByte(p.id);
            w.writeShort(v);
        }
    }

    private void intProp(Property p, Long v) {
        if (v != null) {
            w.writeByte(p.id);
            w.writeInt(v);
        }
    }

    private void stringProp(Property p, String v) {
        if (v != null) {
            w.writeByte(p.id);
            w.writeString(v);
        }
    }

    private void binaryProp(Property p, byte[] v) {
        if (v != null) {
            w.writeByte(p.id);
            w.writeBinary(v);
        }
    }

    private void user(List<UserProperty> props) {
        for (UserProperty u : props) {
            w.writeByte(USER_PROPERTY.id);
            w.writeString(u.name());
            w.writeString(u.value());
        }
    }

    static byte[] connect(ConnectProperties p) {
        PropertiesEncoder e = new PropertiesEncoder();
        e.intProp(SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
        e.shortProp(RECEIVE_MAXIMUM, p.receiveMaximum());
        e.intProp(MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        e.shortProp(TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        e.boolProp(REQUEST_RESPONSE_INFORMATION, p.requestResponseInformation());
        e.boolProp(REQUEST_PROBLEM_INFORMATION, p.requestProblemInformation());
        e.stringProp(AUTHENTICATION_METHOD, p.authenticationMethod());
        e.binaryProp(AUTHENTICATION_DATA, p.authenticationData());
        e.user(p.userProperties());
        return e.finish();
    }

    static byte[] will(WillProperties p) {
        PropertiesEncoder e = new PropertiesEncoder();
        e.intProp(WILL_DELAY_INTERVAL, p.willDelayInterval());
        e.byteProp(PAYLOAD_FORMAT_INDICATOR, p.payloadFormatIndicator());
        e.intProp(MESSAGE_EXPIRY_INTERVAL, p.messageExpiryInterval());
        e.stringProp(CONTENT_TYPE, p.contentType());
        e.stringProp(RESPONSE_TOPIC, p.responseTopic());
        e.binaryProp(CORRELATION_DATA, p.correlationData());
        e.user(p.userProperties());
        return e.finish();
    }

    static byte[] connAck(ConnAckProperties p) {
        PropertiesEncoder e = new PropertiesEncoder();
        e.intProp(SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
        e.shortProp(RECEIVE_MAXIMUM, p.receiveMaximum());
        e.byteProp(MAXIMUM_QOS, p.maximumQos());
        e.boolProp(RETAIN_AVAILABLE, p.retainAvailable());
        e.intProp(MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        e.stringProp(ASSIGNED_CLIENT_IDENTIFIER, p.assignedClientIdentifier());
        e.shortProp(TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        e.stringProp(REASON_STRING, p.reasonString());
        e.user(p.userProperties());
        e.boolProp(WILDCARD_SUBSCRIPTION_AVAILABLE, p.wildcardSubscriptionAvailable());
        e.boolProp(SUBSCRIPTION_IDENTIFIER_AVAILABLE, p.subscriptionIdentifiersAvailable());
        e.boolProp(SHARED_SUBSCRIPTION_AVAILABLE, p.sharedSubscriptionAvailable());
        e.shortProp(SERVER_KEEP_ALIVE, p.serverKeepAlive());
        e.stringProp(RESPONSE_INFORMATION, p.responseInformation());
        e.stringProp(SERVER_REFERENCE, p.serverReference());
        e.stringProp(AUTHENTICATION_METHOD, p.authenticationMethod());
        e.binaryProp(AUTHENTICATION_DATA, p.authenticationData());
        return e.finish();
    }

    static byte[] publish(PublishProperties p) {
        if (p == PublishProperties.EMPTY) {
            return EMPTY;
        }
        PropertiesEncoder e = new PropertiesEncoder();
        e.byteProp(PAYLOAD_FORMAT_INDICATOR, p.payloadFormatIndicator());
        e.intProp(MESSAGE_EXPIRY_INTERVAL, p.messageExpiryInterval());
        e.stringProp(CONTENT_TYPE, p.contentType());
        e.stringProp(RESPONSE_TOPIC, p.responseTopic());
        e.binaryProp(CORRELATION_DATA, p.correlationData());
        for (Integer id : p.subscriptionIdentifiers()) {
            e.w.writeByte(SUBSCRIPTION_IDENTIFIER.id);
            e.w.writeVarInt(id);
        }
        e.shortProp(TOPIC_ALIAS, p.topicAlias());
        e.user(p.userProperties());
        return e.finish();
    }

    static byte[] ack(AckProperties p) {
        if (p.isEmpty()) {
            return EMPTY;
        }
        PropertiesEncoder e = new PropertiesEncoder();
        e.stringProp(REASON_STRING, p.reasonString());
        e.user(p.userProperties());
        return e.finish();
    }

    static byte[] subscribe(Integer subscriptionIdentifier, List<UserProperty> user) {
        PropertiesEncoder e = new PropertiesEncoder();
        if (subscriptionIdentifier != null) {
            e.w.writeByte(SUBSCRIPTION_IDENTIFIER.id);
            e.w.writeVarInt(subscriptionIdentifier);
        }
        e.user(user);
        return e.finish();
    }

    static byte[] userOnly(List<UserProperty> user) {
        PropertiesEncoder e = new PropertiesEncoder();
        e.user(user);
        return e.finish();
    }

    static byte[] disconnect(DisconnectProperties p) {
        PropertiesEncoder e = new PropertiesEncoder();
        e.intProp(SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
        e.stringProp(REASON_STRING, p.reasonString());
        e.user(p.userProperties());
        e.stringProp(SERVER_REFERENCE, p.serverReference());
        return e.finish();
    }

    static byte[] auth(AuthProperties p) {
        PropertiesEncoder e = new PropertiesEncoder();
        e.stringProp(AUTHENTICATION_METHOD, p.authenticationMethod());
        e.binaryProp(AUTHENTICATION_DATA, p.authenticationData());
        e.stringProp(REASON_STRING, p.reasonString());
        e.user(p.userProperties());
        return e.finish();
    }
}
