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
    private final ConnectionCounters closedTotals = new ConnectionCounters();

    void opened(MqttConnection c) {
        connections.add(c);
    }

    void closed(MqttConnection c) {
        if (connections.remove(c)) {
            synchronized (closedTotals) {
                closedTotals.add(c.counters);
            }
        }
    }

    /** A counter summed over every connection this node had, open or closed. */
    public long total(java.util.function.ToLongFunction<ConnectionCounters> counter) {
        long sum;
        synchronized (closedTotals) {
            sum = counter.applyAsLong(closedTotals);
        }
        for (MqttConnection c : connections) {
            sum += counter.applyAsLong(c.counters);
        }
        return sum;
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
