package io.stratusmq.protocol;

import io.stratusmq.codec.MqttPacket;
import java.util.ArrayDeque;

/**
 * Acknowledgements of the client's QoS 1/2 publishes, written in the order the publishes came [MQTT-4.6.0-2]
 * [MQTT-4.6.0-3] even when some wait for durable writes (cluster mode) and later ones are ready first.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class AckQueue {

    /** One acknowledgement: its packet once known. */
    static final class Pending {
        private MqttPacket packet;
    }

    private final MqttConnection c;
    private ArrayDeque<Pending> waiting;

    AckQueue(MqttConnection c) {
        this.c = c;
    }

    /** Acknowledgements not yet written; they count toward the receive maximum. */
    int size() {
        return waiting == null ? 0 : waiting.size();
    }

    /** An acknowledgement known now: written at once unless earlier ones still wait. */
    void ready(MqttPacket ack) {
        if (waiting == null || waiting.isEmpty()) {
            c.write(ack);
            return;
        }
        Pending p = new Pending();
        p.packet = ack;
        waiting.addLast(p);
    }

    /** Reserves the place of an acknowledgement that is not known yet. */
    Pending reserve() {
        if (waiting == null) {
            waiting = new ArrayDeque<>(8);
        }
        Pending p = new Pending();
        waiting.addLast(p);
        return p;
    }

    /** The reserved acknowledgement is known: write it and every ready one behind it. */
    void complete(Pending p, MqttPacket ack) {
        p.packet = ack;
        while (!waiting.isEmpty() && waiting.peekFirst().packet != null) {
            c.write(waiting.pollFirst().packet);
        }
    }
}
