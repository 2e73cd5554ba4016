package io.stratusmq.codec;

import java.util.List;

/** AUTH properties [MQTT-3.15.2.2]; a null field was absent on the wire. */
public record AuthProperties(String authenticationMethod, byte[] authenticationData, String reasonString,
        List<UserProperty> userProperties) {

    public static final AuthProperties EMPTY = new AuthProperties(null, null, null, List.of());

    public boolean isEmpty() {
        return authenticationMethod == null && authenticationData == null && reasonString == null
                && userProperties.isEmpty();
    }
}
