package io.stratusmq.client;

/**
 * What a test asks for in CONNECT. For 3.1.1 clients a persistent session is Clean Session = 0; for 5.0 clients
 * it is Clean Start = 0 with the Session Expiry Interval given. The other limits are 5.0 only; 0 leaves the
 * library's default.
 *
 * @param willDelaySeconds the Will Delay Interval (5.0)
 * @param topicAliasMaximum the Topic Alias Maximum the client announces: aliases the broker may use toward it
 * @param receiveMaximum the Receive Maximum the client announces: QoS 1/2 messages it takes unacknowledged
 * @param maximumPacketSize the Maximum Packet Size the client announces
 * @param keepAliveSeconds the Keep Alive (all versions); 60 unless set
 */
record ConnectOptions(boolean cleanStart, long sessionExpirySeconds, Msg will, long willDelaySeconds,
        int topicAliasMaximum, int receiveMaximum, int maximumPacketSize, int keepAliveSeconds) {

    /** A clean session that ends with the connection. */
    static ConnectOptions clean() {
        return new ConnectOptions(true, 0, null, 0, 0, 0, 0, 60);
    }

    /** A session that outlives the connection (for five minutes, for 5.0 clients). */
    static ConnectOptions persistent() {
        return new ConnectOptions(false, 300, null, 0, 0, 0, 0, 60);
    }

    ConnectOptions withSessionExpiry(long seconds) {
        return new ConnectOptions(cleanStart, seconds, will, willDelaySeconds, topicAliasMaximum, receiveMaximum,
                maximumPacketSize, keepAliveSeconds);
    }

    ConnectOptions withWill(Msg message) {
        return withWill(message, 0);
    }

    ConnectOptions withWill(Msg message, long delaySeconds) {
        return new ConnectOptions(cleanStart, sessionExpirySeconds, message, delaySeconds, topicAliasMaximum,
                receiveMaximum, maximumPacketSize, keepAliveSeconds);
    }

    ConnectOptions withTopicAliasMaximum(int maximum) {
        return new ConnectOptions(cleanStart, sessionExpirySeconds, will, willDelaySeconds, maximum, receiveMaximum,
                maximumPacketSize, keepAliveSeconds);
    }

    ConnectOptions withReceiveMaximum(int maximum) {
        return new ConnectOptions(cleanStart, sessionExpirySeconds, will, willDelaySeconds, topicAliasMaximum,
                maximum, maximumPacketSize, keepAliveSeconds);
    }

    ConnectOptions withMaximumPacketSize(int bytes) {
        return new ConnectOptions(cleanStart, sessionExpirySeconds, will, willDelaySeconds, topicAliasMaximum,
                receiveMaximum, bytes, keepAliveSeconds);
    }

    ConnectOptions withKeepAlive(int seconds) {
        return new ConnectOptions(cleanStart, sessionExpirySeconds, will, willDelaySeconds, topicAliasMaximum,
                receiveMaximum, maximumPacketSize, seconds);
    }
}
