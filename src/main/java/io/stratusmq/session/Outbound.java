package io.stratusmq.session;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A session's outgoing QoS 1/2 state: the messages waiting for room in the client's receive window, and the
 * ones in flight by packet identifier, in the order they were sent so that a resumed session resends them in
 * order [MQTT-4.6.0-1]. Owner-confined: touched only on the owning connection's event loop.
 *
 * <p>In-flight messages sit in a table indexed by the low bits of their packet identifier, and new identifiers
 * are picked so that their slot is free: lookups on PUBACK are one array read, with no boxing and no hashing.
 * The table doubles when it is half full (up to one slot per possible identifier); send order is a linked
 * list through the entries.
 */
public final class Outbound {

    private static final int MAX_SLOTS = 65_536;

    private ArrayDeque<Delivery> waiting;
    private InFlight[] slots;
    private int inFlightCount;
    private InFlight oldest;
    private InFlight newest;
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

    public Delivery pollWaiting() {
        return waiting == null ? null : waiting.pollFirst();
    }

    /** The next waiting message, left in the queue. */
    public Delivery peekWaiting() {
        return waiting == null ? null : waiting.peekFirst();
    }

    public int inFlightCount() {
        return inFlightCount;
    }

    /**
     * The packet identifier the next {@link #send} should use: one not used by any message in flight
     * [MQTT-2.2.1-4], whose slot in the table is free. It is taken only by {@link #send}, so a message dropped
     * before sending (too large for the client, say) leaves no gap. Callers first check that the window has
     * room, so one always exists.
     */
    public int nextPacketId() {
        ensureRoom();
        int mask = slots.length - 1;
        int id = lastPacketId;
        do {
            id = id == 65_535 ? 1 : id + 1;
        } while (slots[id & mask] != null);
        return id;
    }

    /** Records a message as sent with this identifier (a new one, or one restored from the store). */
    public InFlight send(int packetId, Delivery d) {
        ensureRoom();
        while (slots[packetId & (slots.length - 1)] != null) {
            grow(); // a restored identifier that shares a slot: a larger table separates them
        }
        InFlight f = new InFlight(packetId, d);
        slots[packetId & (slots.length - 1)] = f;
        f.previous = newest;
        if (newest == null) {
            oldest = f;
        } else {
            newest.next = f;
        }
        newest = f;
        inFlightCount++;
        lastPacketId = packetId;
        return f;
    }

    public InFlight get(int packetId) {
        if (slots == null) {
            return null;
        }
        InFlight f = slots[packetId & (slots.length - 1)];
        return f != null && f.packetId() == packetId ? f : null;
    }

    /** Ends the flow of a packet identifier (PUBACK, or PUBCOMP); null when nothing was in flight with it. */
    public InFlight complete(int packetId) {
        InFlight f = get(packetId);
        if (f != null) {
            remove(f);
        }
        return f;
    }

    /** Every message in flight, oldest first. */
    public void forEachInFlight(Consumer<InFlight> action) {
        for (InFlight f = oldest; f != null; f = f.next) {
            action.accept(f);
        }
    }

    /** Drops messages in flight that match, e.g. expired ones; returns how many. */
    public int removeInFlightIf(Predicate<InFlight> test) {
        int n = 0;
        for (InFlight f = oldest; f != null;) {
            InFlight next = f.next;
            if (test.test(f)) {
                remove(f);
                n++;
            }
            f = next;
        }
        return n;
    }

    /** Moves every message in flight out, oldest first. */
    public void drainInFlight(Consumer<InFlight> action) {
        for (InFlight f = oldest; f != null;) {
            InFlight next = f.next;
            remove(f);
            action.accept(f);
            f = next;
        }
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

    private void remove(InFlight f) {
        slots[f.packetId() & (slots.length - 1)] = null;
        if (f.previous == null) {
            oldest = f.next;
        } else {
            f.previous.next = f.next;
        }
        if (f.next == null) {
            newest = f.previous;
        } else {
            f.next.previous = f.previous;
        }
        f.previous = null;
        f.next = null;
        inFlightCount--;
    }

    /** Keeps the table at most half full, so that a free slot is always near. */
    private void ensureRoom() {
        if (slots == null) {
            slots = new InFlight[16];
        } else if (inFlightCount + 1 > slots.length / 2 && slots.length < MAX_SLOTS) {
            grow();
        }
    }

    private void grow() {
        if (slots.length >= MAX_SLOTS) {
            throw new IllegalStateException("more than 65,535 messages in flight");
        }
        InFlight[] bigger = new InFlight[slots.length * 2];
        int mask = bigger.length - 1;
        for (InFlight f = oldest; f != null; f = f.next) {
            bigger[f.packetId() & mask] = f;
        }
        slots = bigger;
    }
}
