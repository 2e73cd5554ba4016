package io.stratusmq.protocol;

import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.codec.DisconnectReasonCode;
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
 * <p>A store write that failed (store unreachable) ends the connection (5.0: DISCONNECT 0x89 server busy)
 * instead of sending the packet: the store is what a resumed session goes by, and a packet it does not know of
 * would make the client take a message twice. The client reconnects and resumes from the store.
 *
 * <p>Threading: owner-confined, on the connection's event loop; store completions hop back onto it.
 */
final class StoredFirstWrites {

    private static final System.Logger LOG = System.getLogger(StoredFirstWrites.class.getName());

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
        if (ready && ticket != null && ticket.failed()) {
            storeFailed();
            return;
        }
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
            if (h.ticket() != null && h.ticket().failed()) {
                storeFailed();
                return;
            }
            held.pollFirst();
            if (h.stillWanted() == null || h.stillWanted().getAsBoolean()) {
                c.writeBytes(h.bytes());
            }
        }
        c.flush();
    }

    private void storeFailed() {
        if (held != null) {
            held.clear();
        }
        LOG.log(WARNING, "{0}: the session store did not take a QoS 2 state change, closing", c);
        // not from inside whatever is writing: the session is released on the way out
        c.executor().execute(() -> c.disconnect(DisconnectReasonCode.SERVER_BUSY, "session store unavailable"));
    }
}
