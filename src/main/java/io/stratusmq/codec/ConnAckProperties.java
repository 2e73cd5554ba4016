package io.stratusmq.codec;

import java.util.List;

/** CONNACK properties [MQTT-3.2.2.3]; a null field is left off the wire. */
public record ConnAckProperties(Long sessionExpiryInterval, Integer receiveMaximum, Integer maximumQos,
        Boolean retainAvailable, Long maximumPacketSize, String assignedClientIdentifier, Integer topicAliasMaximum,
        String reasonString, List<UserProperty> userProperties, Boolean wildcardSubscriptionAvailable,
        Boolean subscriptionIdentifiersAvailable, Boolean sharedSubscriptionAvailable, Integer serverKeepAlive,
        String responseInformation, String serverReference, String authenticationMethod,
        byte[] authenticationData) {

    public static final ConnAckProperties EMPTY = new ConnAckProperties(null, null, null, null, null, null, null,
            null, List.of(), null, null, null, null, null, null, null, null);

    /** A copy with only a reason string, for refusals. */
    public static ConnAckProperties ofReason(String reasonString) {
        return new ConnAckProperties(null, null, null, null, null, null, null, reasonString, List.of(), null, null,
                null, null, null, null, null, null);
    }
}
