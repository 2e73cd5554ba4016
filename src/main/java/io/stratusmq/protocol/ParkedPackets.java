package io.stratusmq.protocol;

import io.stratusmq.codec.MqttPacket;
import java.util.ArrayDeque;

/**
 * Packets a publisher sent while it waits for a congested subscriber (README: flow control instead of loss).
 * Reading goes on meanwhile so that the publisher's own PUBACK, PUBREC and PUBCOMP get through: they drain
 * the queues it is waiting for, and without them two clients publishing to each other would wait on each other
 * for ever. Everything else waits here, in order, until reading resumes; past {@link #LIMIT_BYTES} the
 * connection stops reading from the network altogether.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class ParkedPackets {

    /** Bytes of parked packets beyond which the transport is paused. */
    static final int LIMIT_BYTES = 65_536;

    private final ArrayDeque<MqttPacket> packets = new ArrayDeque<>();
    private final ArrayDeque<Integer> sizes = new ArrayDeque<>();
    private int bytes;

    /**
     * True for the packets handled at once even while paused: acknowledgements of messages sent to this
     * client, and PINGREQ. PUBREL is not among them: it must not overtake a parked resend of its PUBLISH.
     */
    static boolean passes(MqttPacket p) {
        switch (p.type()) {
            case PUBACK, PUBREC, PUBCOMP, PINGREQ -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    void add(MqttPacket p, int size) {
        packets.addLast(p);
        sizes.addLast(size);
        bytes += size;
    }

    /** The oldest parked packet, left in place, or null. */
    MqttPacket peek() {
        return packets.peekFirst();
    }

    /** The oldest parked packet, or null. */
    MqttPacket poll() {
        MqttPacket p = packets.pollFirst();
        if (p != null) {
            bytes -= sizes.pollFirst();
        }
        return p;
    }

    boolean isEmpty() {
        return packets.isEmpty();
    }

    boolean full() {
        return bytes >= LIMIT_BYTES;
    }
}
