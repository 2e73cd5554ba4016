package io.stratusmq.session;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * A session's outgoing QoS 1/2 state: the messages waiting for room in the client's receive window, and the
 * ones in flight by packet identifier, in the order they were sent so that a resumed session resends them in
 * order [MQTT-4.6.0-1]. Owner-confined: touched only on the owning connection's event loop.
 */
public final class Outbound {

    private ArrayDeque<Delivery> waiting;
    private LinkedHashMap<Integer, InFlight> inFlight;
    private int lastPacketId;

    /** Messages queued behind the in-flight window. */
    public int waitingCount() {
        return waiting == null ? 0 : waiting.size();
    }

    public void addWaiting(Delivery d) {
        if (waiting == null) {
            waiting = new ArrayDeque<>(8);
        }
        waiting.addLast(d);
    }

    /** Puts a message back at the head of the queue, e.g. when the window filled up meanwhile. */
    public void returnWaiting(Delivery d) {
        if (waiting == null) {
            waiting = new ArrayDeque<>(8);
        }
        waiting.addFirst(d);
    }

    public Delivery pollWaiting() {
        return waiting == null ? null : waiting.pollFirst();
    }

    public int inFlightCount() {
        return inFlight == null ? 0 : inFlight.size();
    }

    /**
     * The packet identifier the next {@link #send} should use: one not used by any message in flight
     * [MQTT-2.2.1-4]. It is taken only by {@link #send}, so a message dropped before sending (too large for
     * the client, say) leaves no gap. Callers first check that the window has room, so a free identifier
     * always exists.
     */
    public int nextPacketId() {
        int id = lastPacketId;
        do {
            id = id == 65_535 ? 1 : id + 1;
        } while (inFlight != null && inFlight.containsKey(id));
        return id;
    }

    public InFlight send(int packetId, Delivery d) {
        lastPacketId = packetId;
        if (inFlight == null) {
            inFlight = new LinkedHashMap<>(16);
        }
        InFlight f = new InFlight(packetId, d);
        inFlight.put(packetId, f);
        return f;
    }

    public InFlight get(int packetId) {
        return inFlight == null ? null : inFlight.get(packetId);
    }

    /** Ends the flow of a packet identifier (PUBACK, or PUBCOMP); null when nothing was in flight with it. */
    public InFlight complete(int packetId) {
        return inFlight == null ? null : inFlight.remove(packetId);
    }

    /** Every message in flight, oldest first. */
    public void forEachInFlight(Consumer<InFlight> action) {
        if (inFlight != null) {
            inFlight.values().forEach(action);
        }
    }

    /** Drops messages in flight that match, e.g. expired ones; returns how many. */
    public int removeInFlightIf(java.util.function.Predicate<InFlight> test) {
        if (inFlight == null) {
            return 0;
        }
        int n = 0;
        for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext();) {
            if (test.test(it.next())) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** Moves every waiting message out, e.g. when the session ends and shared messages find another member. */
    public void drainWaiting(Consumer<Delivery> action) {
        if (waiting != null) {
            Delivery d;
            while ((d = waiting.pollFirst()) != null) {
                action.accept(d);
            }
        }
    }
}
