package io.stratusmq.client;

/**
 * What a test asks for in CONNECT. For 3.1.1 clients a persistent session is Clean Session = 0; for 5.0 clients
 * it is Clean Start = 0 with the Session Expiry Interval given.
 *
 * @param topicAliasMaximum the Topic Alias Maximum a 5.0 client announces (aliases the broker may use toward
 *        it); 0 for none
 */
record ConnectOptions(boolean cleanStart, long sessionExpirySeconds, Msg will, int topicAliasMaximum) {

    /** A clean session that ends with the connection. */
    static ConnectOptions clean() {
        return new ConnectOptions(true, 0, null, 0);
    }

    /** A session that outlives the connection (for five minutes, for 5.0 clients). */
    static ConnectOptions persistent() {
        return new ConnectOptions(false, 300, null, 0);
    }

    ConnectOptions withWill(Msg will) {
        return new ConnectOptions(cleanStart, sessionExpirySeconds, will, topicAliasMaximum);
    }

    ConnectOptions withTopicAliasMaximum(int maximum) {
        return new ConnectOptions(cleanStart, sessionExpirySeconds, will, maximum);
    }
}
