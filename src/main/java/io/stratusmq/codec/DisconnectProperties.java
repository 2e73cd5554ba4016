package io.stratusmq.codec;

import java.util.List;

/** DISCONNECT properties [MQTT-3.14.2.2]; a null field was absent on the wire. */
public record DisconnectProperties(Long sessionExpiryInterval, String reasonString,
        List<UserProperty> userProperties, String serverReference) {

    public static final DisconnectProperties EMPTY = new DisconnectProperties(null, null, List.of(), null);

    public static DisconnectProperties ofReason(String reasonString) {
        return reasonString == null ? EMPTY : new DisconnectProperties(null, reasonString, List.of(), null);
    }

    public boolean isEmpty() {
        return sessionExpiryInterval == null && reasonString == null && userProperties.isEmpty()
                && serverReference == null;
    }
}
