package io.stratusmq.codec;

import java.util.List;

/** The properties every acknowledgement may carry: a reason string and user properties. */
public record AckProperties(String reasonString, List<UserProperty> userProperties) {

    public static final AckProperties EMPTY = new AckProperties(null, List.of());

    public static AckProperties ofReason(String reasonString) {
        return reasonString == null ? EMPTY : new AckProperties(reasonString, List.of());
    }

    public boolean isEmpty() {
        return reasonString == null && userProperties.isEmpty();
    }
}
