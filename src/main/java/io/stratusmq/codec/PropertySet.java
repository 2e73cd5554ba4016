package io.stratusmq.codec;

import static io.stratusmq.codec.Property.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The property section of one packet while it is decoded: every field nullable, filled once. Internal to the
 * codec; the decoder turns it into the typed record of the packet at hand.
 */
final class PropertySet {

    /** Where a property section stands, with the identifiers allowed there [MQTT-2.2.2.2]. */
    enum Where {
        CONNECT("CONNECT", mask(SESSION_EXPIRY_INTERVAL, RECEIVE_MAXIMUM, MAXIMUM_PACKET_SIZE, TOPIC_ALIAS_MAXIMUM,
                REQUEST_RESPONSE_INFORMATION, REQUEST_PROBLEM_INFORMATION, USER_PROPERTY, AUTHENTICATION_METHOD,
                AUTHENTICATION_DATA)),
        WILL("Will", mask(WILL_DELAY_INTERVAL, PAYLOAD_FORMAT_INDICATOR, MESSAGE_EXPIRY_INTERVAL, CONTENT_TYPE,
                RESPONSE_TOPIC, CORRELATION_DATA, USER_PROPERTY)),
        CONNACK("CONNACK", mask(SESSION_EXPIRY_INTERVAL, RECEIVE_MAXIMUM, MAXIMUM_QOS, RETAIN_AVAILABLE,
                MAXIMUM_PACKET_SIZE, ASSIGNED_CLIENT_IDENTIFIER, TOPIC_ALIAS_MAXIMUM, REASON_STRING, USER_PROPERTY,
                WILDCARD_SUBSCRIPTION_AVAILABLE, SUBSCRIPTION_IDENTIFIER_AVAILABLE, SHARED_SUBSCRIPTION_AVAILABLE,
                SERVER_KEEP_ALIVE, RESPONSE_INFORMATION, SERVER_REFERENCE, AUTHENTICATION_METHOD,
                AUTHENTICATION_DATA)),
        PUBLISH("PUBLISH", mask(PAYLOAD_FORMAT_INDICATOR, MESSAGE_EXPIRY_INTERVAL, TOPIC_ALIAS, RESPONSE_TOPIC,
                CORRELATION_DATA, USER_PROPERTY, SUBSCRIPTION_IDENTIFIER, CONTENT_TYPE)),
        ACK("acknowledgement", mask(REASON_STRING, USER_PROPERTY)),
        SUBSCRIBE("SUBSCRIBE", mask(SUBSCRIPTION_IDENTIFIER, USER_PROPERTY)),
        UNSUBSCRIBE("UNSUBSCRIBE", mask(USER_PROPERTY)),
        DISCONNECT("DISCONNECT", mask(SESSION_EXPIRY_INTERVAL, REASON_STRING, USER_PROPERTY, SERVER_REFERENCE)),
        AUTH("AUTH", mask(AUTHENTICATION_METHOD, AUTHENTICATION_DATA, REASON_STRING, USER_PROPERTY));

        final String packet;
        final long allowed;

        Where(String packet, long allowed) {
            this.packet = packet;
            this.allowed = allowed;
        }
    }

    private static final List<UserProperty> NO_USER_PROPERTIES = List.of();

    Integer payloadFormatIndicator;
    Long messageExpiryInterval;
    String contentType;
    String responseTopic;
    byte[] correlationData;
    List<Integer> subscriptionIdentifiers = List.of();
    Long sessionExpiryInterval;
    String assignedClientIdentifier;
    Integer serverKeepAlive;
    String authenticationMethod;
    byte[] authenticationData;
    Boolean requestProblemInformation;
    Long willDelayInterval;
    Boolean requestResponseInformation;
    String responseInformation;
    String serverReference;
    String reasonString;
    Integer receiveMaximum;
    Integer topicAliasMaximum;
    Integer topicAlias;
    Integer maximumQos;
    Boolean retainAvailable;
    List<UserProperty> userProperties = NO_USER_PROPERTIES;
    Long maximumPacketSize;
    Boolean wildcardSubscriptionAvailable;
    Boolean subscriptionIdentifierAvailable;
    Boolean sharedSubscriptionAvailable;

    /** Reads a property section: its length, then identifier-value pairs, checked against {@code where}. */
    static PropertySet read(PacketReader r, Where where) throws MalformedPacketException {
        int length = r.readVarInt();
        if (length > r.remaining()) {
            throw MalformedPacketException.malformed(where.packet + " property length exceeds the packet");
        }
        PropertySet set = new PropertySet();
        if (length == 0) {
            return set;
        }
        int end = r.position() + length;
        long seen = 0;
        while (r.position() < end) {
            int id = r.readVarInt();
            Property p = Property.of(id);
            if (p == null || (where.allowed & p.bit()) == 0) {
                throw MalformedPacketException.malformed(
                        String.format("property 0x%02X is not allowed on %s", id, where.packet));
            }
            boolean repeatable = p == USER_PROPERTY || (p == SUBSCRIPTION_IDENTIFIER && where == Where.PUBLISH);
            if (!repeatable && (seen & p.bit()) != 0) {
                throw MalformedPacketException.protocolError(
                        String.format("property 0x%02X appears twice on %s", id, where.packet));
            }
            seen |= p.bit();
            set.readValue(p, r);
        }
        if (r.position() != end) {
            throw MalformedPacketException.malformed(where.packet + " property runs past the property length");
        }
        return set;
    }

    private void readValue(Property p, PacketReader r) throws MalformedPacketException {
        switch (p) {
            case PAYLOAD_FORMAT_INDICATOR -> payloadFormatIndicator = zeroOrOne(p, r.readUnsignedByte());
            case MESSAGE_EXPIRY_INTERVAL -> messageExpiryInterval = r.readUnsignedInt();
            case CONTENT_TYPE -> contentType = r.readString();
            case RESPONSE_TOPIC -> responseTopic = responseTopic(r.readString());
            case CORRELATION_DATA -> correlationData = r.readBinary();
            case SUBSCRIPTION_IDENTIFIER -> {
                int id = r.readVarInt();
                if (id == 0) {
                    throw MalformedPacketException.protocolError("subscription identifier 0 (MQTT 5 section 3.8.2.1.2)");
                }
                if (subscriptionIdentifiers.isEmpty()) {
                    subscriptionIdentifiers = new ArrayList<>(2);
                }
                subscriptionIdentifiers.add(id);
            }
            case SESSION_EXPIRY_INTERVAL -> sessionExpiryInterval = r.readUnsignedInt();
            case ASSIGNED_CLIENT_IDENTIFIER -> assignedClientIdentifier = r.readString();
            case SERVER_KEEP_ALIVE -> serverKeepAlive = r.readUnsignedShort();
            case AUTHENTICATION_METHOD -> authenticationMethod = r.readString();
            case AUTHENTICATION_DATA -> authenticationData = r.readBinary();
            case REQUEST_PROBLEM_INFORMATION -> requestProblemInformation = zeroOrOne(p, r.readUnsignedByte()) == 1;
            case WILL_DELAY_INTERVAL -> willDelayInterval = r.readUnsignedInt();
            case REQUEST_RESPONSE_INFORMATION -> requestResponseInformation = zeroOrOne(p, r.readUnsignedByte()) == 1;
            case RESPONSE_INFORMATION -> responseInformation = r.readString();
            case SERVER_REFERENCE -> serverReference = r.readString();
            case REASON_STRING -> reasonString = r.readString();
            case RECEIVE_MAXIMUM -> {
                receiveMaximum = r.readUnsignedShort();
                if (receiveMaximum == 0) {
                    throw MalformedPacketException.protocolError("receive maximum 0 (MQTT 5 section 3.1.2.11.3)");
                }
            }
            case TOPIC_ALIAS_MAXIMUM -> topicAliasMaximum = r.readUnsignedShort();
            case TOPIC_ALIAS -> {
                topicAlias = r.readUnsignedShort();
                if (topicAlias == 0) {
                    // the value above the maximum is the protocol layer's to check: it knows the maximum
                    throw new MalformedPacketException(DisconnectReasonCode.TOPIC_ALIAS_INVALID,
                            "topic alias 0 [MQTT-3.3.2-8]");
                }
            }
            case MAXIMUM_QOS -> maximumQos = zeroOrOne(p, r.readUnsignedByte());
            case RETAIN_AVAILABLE -> retainAvailable = zeroOrOne(p, r.readUnsignedByte()) == 1;
            case USER_PROPERTY -> {
                if (userProperties == NO_USER_PROPERTIES) {
                    userProperties = new ArrayList<>(4);
                }
                userProperties.add(new UserProperty(r.readString(), r.readString()));
            }
            case MAXIMUM_PACKET_SIZE -> {
                maximumPacketSize = r.readUnsignedInt();
                if (maximumPacketSize == 0) {
                    throw MalformedPacketException.protocolError("maximum packet size 0 (MQTT 5 section 3.1.2.11.4)");
                }
            }
            case WILDCARD_SUBSCRIPTION_AVAILABLE -> wildcardSubscriptionAvailable = zeroOrOne(p, r.readUnsignedByte()) == 1;
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE ->
                    subscriptionIdentifierAvailable = zeroOrOne(p, r.readUnsignedByte()) == 1;
            case SHARED_SUBSCRIPTION_AVAILABLE -> sharedSubscriptionAvailable = zeroOrOne(p, r.readUnsignedByte()) == 1;
        }
    }

    private static int zeroOrOne(Property p, int v) throws MalformedPacketException {
        if (v > 1) {
            throw MalformedPacketException.protocolError(String.format("property 0x%02X must be 0 or 1", p.id));
        }
        return v;
    }

    /** [MQTT-3.3.2-14] a Response Topic is a topic name: no wildcards. */
    private static String responseTopic(String topic) throws MalformedPacketException {
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw MalformedPacketException.protocolError("response topic with a wildcard [MQTT-3.3.2-14]");
        }
        return topic;
    }

    ConnectProperties toConnect() {
        return new ConnectProperties(sessionExpiryInterval, receiveMaximum, maximumPacketSize, topicAliasMaximum,
                requestResponseInformation, requestProblemInformation, authenticationMethod, authenticationData,
                userProperties);
    }

    WillProperties toWill() {
        return new WillProperties(willDelayInterval, payloadFormatIndicator, messageExpiryInterval, contentType,
                responseTopic, correlationData, userProperties);
    }

    ConnAckProperties toConnAck() {
        return new ConnAckProperties(sessionExpiryInterval, receiveMaximum, maximumQos, retainAvailable,
                maximumPacketSize, assignedClientIdentifier, topicAliasMaximum, reasonString, userProperties,
                wildcardSubscriptionAvailable, subscriptionIdentifierAvailable, sharedSubscriptionAvailable,
                serverKeepAlive, responseInformation, serverReference, authenticationMethod, authenticationData);
    }

    PublishProperties toPublish() {
        return new PublishProperties(payloadFormatIndicator, messageExpiryInterval, topicAlias, responseTopic,
                correlationData, userProperties, subscriptionIdentifiers, contentType);
    }

    AckProperties toAck() {
        return reasonString == null && userProperties.isEmpty() ? AckProperties.EMPTY
                : new AckProperties(reasonString, userProperties);
    }

    DisconnectProperties toDisconnect() {
        return new DisconnectProperties(sessionExpiryInterval, reasonString, userProperties, serverReference);
    }

    AuthProperties toAuth() {
        return new AuthProperties(authenticationMethod, authenticationData, reasonString, userProperties);
    }
}
