package io.stratusmq.loadtest.engine;

import java.util.Arrays;

/**
 * Packet identifiers of unacknowledged QoS 1/2 PUBLISHes, mapped to the sequence numbers they carry.
 * Bounded by a capacity (the generator's --max-inflight, lowered to the broker's Receive Maximum).
 * Single-threaded; no allocation after construction.
 */
final class InflightWindow {
    private static final int MAX_PACKET_ID = 65_535;
    private static final long FREE = -1;

    private final long[] sequenceByPacketId = new long[MAX_PACKET_ID + 1];
    private final int capacity;
    private int size;
    private int lastPacketId;

    InflightWindow(int capacity) {
        if (capacity < 1 || capacity > MAX_PACKET_ID) {
            throw new IllegalArgumentException("in-flight capacity must be 1..65535: " + capacity);
        }
        this.capacity = capacity;
        Arrays.fill(sequenceByPacketId, FREE);
    }

    boolean isFull() {
        return size >= capacity;
    }

    int size() {
        return size;
    }

    /** Assigns a free packet id to {@code sequence}. Requires {@code !isFull()}. */
    int acquire(long sequence) {
        if (isFull()) {
            throw new IllegalStateException("in-flight window full");
        }
        int id = lastPacketId;
        do {
            id = id == MAX_PACKET_ID ? 1 : id + 1;
        } while (sequenceByPacketId[id] != FREE);
        sequenceByPacketId[id] = sequence;
        lastPacketId = id;
        size++;
        return id;
    }

    /** The sequence number in flight under {@code packetId}, or -1. */
    long sequenceOf(int packetId) {
        return packetId < 1 || packetId > MAX_PACKET_ID ? FREE : sequenceByPacketId[packetId];
    }

    /** Frees {@code packetId}; returns its sequence number, or -1 if it was not in flight. */
    long release(int packetId) {
        long sequence = sequenceOf(packetId);
        if (sequence != FREE) {
            sequenceByPacketId[packetId] = FREE;
            size--;
        }
        return sequence;
    }
}
