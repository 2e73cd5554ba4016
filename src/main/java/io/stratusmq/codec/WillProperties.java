package io.stratusmq.codec;

import java.util.List;

/** Will properties [MQTT-3.1.3.2]; a null field was absent on the wire. */
public record WillProperties(Long willDelayInterval, Integer payloadFormatIndicator, Long messageExpiryInterval,
        String contentType, String responseTopic, byte[] correlationData, List<UserProperty> userProperties) {

    public static final WillProperties EMPTY = new WillProperties(null, null, null, null, null, null, List.of());

    public long willDelayOrZero() {
        return willDelayInterval == null ? 0 : willDelayInterval;
    }
}
