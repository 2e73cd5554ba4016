package io.stratusmq.client;

import io.stratusmq.testing.Broker;

/** How a client reaches the broker: MQTT over WebSocket at /mqtt, or plain TCP. */
enum Transport {
    WEBSOCKET("WebSocket"),
    TCP("TCP");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** The broker's port for this transport. */
    int brokerPort() {
        return this == WEBSOCKET ? Broker.httpPort() : Broker.tcpPort();
    }

    @Override
    public String toString() {
        return label;
    }
}
