package io.stratusmq.codec;

import java.util.List;

/**
 * CONNECT properties [MQTT-3.1.2.11]; a null field was absent on the wire.
 *
 * @param sessionExpiryInterval seconds; absent means 0
 * @param receiveMaximum absent means 65,535
 * @param maximumPacketSize absent means no limit beyond the protocol's
 * @param topicAliasMaximum absent means 0: the client accepts no aliases
 */
public record ConnectProperties(Long sessionExpiryInterval, Integer receiveMaximum, Long maximumPacketSize,
        Integer topicAliasMaximum, Boolean requestResponseInformation, Boolean requestProblemInformation,
        String authenticationMethod, byte[] authenticationData, List<UserProperty> userProperties) {

    public static final ConnectProperties EMPTY =
            new ConnectProperties(null, null, null, null, null, null, null, null, List.of());

    public long sessionExpiryOrDefault() {
        return sessionExpiryInterval == null ? 0 : sessionExpiryInterval;
    }

    public int receiveMaximumOrDefault() {
        return receiveMaximum == null ? 65_535 : receiveMaximum;
    }

    /** Largest packet the client accepts, or 0 for no limit. */
    public long maximumPacketSizeOrZero() {
        return maximumPacketSize == null ? 0 : maximumPacketSize;
    }

    public int topicAliasMaximumOrDefault() {
        return topicAliasMaximum == null ? 0 : topicAliasMaximum;
    }

    /** [MQTT-3.1.2-29] absent means 1: reason strings and user properties may be sent. */
    public boolean problemInformationRequested() {
        return requestProblemInformation == null || requestProblemInformation;
    }
}
