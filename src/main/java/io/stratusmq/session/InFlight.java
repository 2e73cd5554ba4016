package io.stratusmq.session;

/**
 * A QoS 1 or 2 message sent to the client and not yet acknowledged. For QoS 2 it is {@code released} once the
 * client's PUBREC came and our PUBREL went out; it then waits for PUBCOMP [MQTT-4.3.3].
 */
public final class InFlight {

    private final int packetId;
    private final Delivery delivery;
    private boolean released;
    InFlight previous; // send order, kept by Outbound
    InFlight next;

    public InFlight(int packetId, Delivery delivery) {
        this.packetId = packetId;
        this.delivery = delivery;
    }

    public int packetId() {
        return packetId;
    }

    public Delivery delivery() {
        return delivery;
    }

    public boolean released() {
        return released;
    }

    public void release() {
        released = true;
    }
}
