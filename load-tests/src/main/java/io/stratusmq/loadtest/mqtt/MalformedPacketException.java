package io.stratusmq.loadtest.mqtt;

/** The broker sent bytes that are not a valid MQTT packet for this client. */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message);
    }
}
