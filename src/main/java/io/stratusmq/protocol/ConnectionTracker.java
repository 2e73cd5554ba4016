package io.stratusmq.protocol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every live connection of this node, so that the node can drain them on shutdown and count them for metrics.
 * Thread-safe.
 */
public final class ConnectionTracker {

    private final Set<MqttConnection> connections = ConcurrentHashMap.newKeySet();

    void opened(MqttConnection c) {
        connections.add(c);
    }

    void closed(MqttConnection c) {
        connections.remove(c);
    }

    public int count() {
        return connections.size();
    }

    public void forEach(Consumer<MqttConnection> action) {
        connections.forEach(action);
    }

    /** Connected clients over one transport kind ("ws", "tcp", ...) and protocol version ("3.1.1", "5"). */
    public int count(String transport, String protocol) {
        int n = 0;
        for (MqttConnection c : connections) {
            if (c.isConnected() && c.transportKind().equals(transport) && c.protocolName().equals(protocol)) {
                n++;
            }
        }
        return n;
    }
}
