package io.stratusmq.protocol;

import io.stratusmq.session.StoreTicket;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Packets toward the client that must not leave before a write to the cluster store is done, and every packet
 * written after them, in order. A durable session's QoS 2 PUBLISH waits until its packet identifier is stored
 * (so that a resumed session resends it with the same identifier) and a PUBREL until the PUBREC is stored (so
 * that a resumed session sends PUBREL again rather than the message, which the client would take as new
 * [MQTT-4.3.3]). Whatever follows such a packet queues behind it, so that a QoS 0 or QoS 1 message never
 * overtakes a QoS 2 message on the same topic [MQTT-4.6.0-6].
 *
 * <p>A store write that failed (store unreachable) does not hold the connection up: the packet goes out anyway,
 * as it would on a single node.
 *
 * <p>Threading: owner-confined, on the connection's event loop; store completions hop back onto it.
 */
final class StoredFirstWrites {

    private record Held(StoreTicket ticket, byte[] bytes, BooleanSupplier stillWanted) {
    }

    private final MqttConnection c;
    private ArrayDeque<Held> held;

    StoredFirstWrites(MqttConnection c) {
        this.c = c;
    }

    /** Writes now, unless earlier packets are held: then behind them. */
    void write(byte[] bytes) {
        write(null, bytes, null);
    }

    /**
     * Writes once {@code ticket} is done and everything held before has gone.
     *
     * @param stillWanted asked just before a held packet goes out; false drops it (its flow ended meanwhile)
     */
    void write(StoreTicket ticket, byte[] bytes, BooleanSupplier stillWanted) {
        boolean ready = ticket == null || ticket.isDone();
        if (ready && (held == null || held.isEmpty())) {
            c.writeBytes(bytes);
            return;
        }
        if (held == null) {
            held = new ArrayDeque<>(8);
        }
        held.addLast(new Held(ticket, bytes, stillWanted));
        if (!ready) {
            ticket.whenDone(() -> c.executor().execute(this::release));
        }
    }

    /** A store write completed: send what is no longer held, in order. */
    private void release() {
        if (c.state != MqttConnection.State.CONNECTED) {
            held.clear(); // the connection is going; a resumed session resends from the store
            return;
        }
        Held h;
        while ((h = held.peekFirst()) != null && (h.ticket() == null || h.ticket().isDone())) {
            held.pollFirst();
            if (h.stillWanted() == null || h.stillWanted().getAsBoolean()) {
                c.writeBytes(h.bytes());
            }
        }
        c.flush();
    }
}
