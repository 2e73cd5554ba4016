package io.stratusmq.codec;

import java.util.List;

/**
 * PUBLISH properties [MQTT-3.3.2.3]; a null field was absent on the wire. Subscription identifiers only
 * travel from server to client.
 */
public record PublishProperties(Integer payloadFormatIndicator, Long messageExpiryInterval, Integer topicAlias,
        String responseTopic, byte[] correlationData, List<UserProperty> userProperties,
        List<Integer> subscriptionIdentifiers, String contentType) {

    public static final PublishProperties EMPTY =
            new PublishProperties(null, null, null, null, null, List.of(), List.of(), null);

    public boolean isEmpty() {
        return this == EMPTY || (payloadFormatIndicator == null && messageExpiryInterval == null && topicAlias == null
                && responseTopic == null && correlationData == null && userProperties.isEmpty()
                && subscriptionIdentifiers.isEmpty() && contentType == null);
    }

    /** The same properties with another topic alias (null removes it). */
    public PublishProperties withTopicAlias(Integer alias) {
        return new PublishProperties(payloadFormatIndicator, messageExpiryInterval, alias, responseTopic,
                correlationData, userProperties, subscriptionIdentifiers, contentType);
    }

    /** The same properties with other subscription identifiers. */
    public PublishProperties withSubscriptionIdentifiers(List<Integer> ids) {
        return new PublishProperties(payloadFormatIndicator, messageExpiryInterval, topicAlias, responseTopic,
                correlationData, userProperties, ids, contentType);
    }

    /** The same properties with another message expiry interval (null removes it). */
    public PublishProperties withMessageExpiryInterval(Long seconds) {
        return new PublishProperties(payloadFormatIndicator, seconds, topicAlias, responseTopic, correlationData,
                userProperties, subscriptionIdentifiers, contentType);
    }
}
