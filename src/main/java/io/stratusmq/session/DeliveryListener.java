package io.stratusmq.session;

/** Hears the end of one delivery. Called on the session owner's event loop, or wherever the session ends. */
public interface DeliveryListener {

    /** The client has the message: QoS 0 sent, QoS 1 PUBACK, QoS 2 PUBCOMP. */
    void completed();

    /** The message will not reach this client. */
    void abandoned();
}
