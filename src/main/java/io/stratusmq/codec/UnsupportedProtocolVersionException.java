package io.stratusmq.codec;

/**
 * A CONNECT whose protocol name or level we do not speak. The server answers with a 3.1.1-shaped CONNACK
 * carrying return code 1 and closes [MQTT-3.1.2-2], since it cannot know which CONNACK shape the client reads.
 */
public final class UnsupportedProtocolVersionException extends MalformedPacketException {

    private final boolean knownName;

    public UnsupportedProtocolVersionException(String message, boolean knownName) {
        super(DisconnectReasonCode.PROTOCOL_ERROR, message);
        this.knownName = knownName;
    }

    /** True when the protocol name was MQTT or MQIsdp and only the level was unknown: a CONNACK is owed. */
    public boolean knownName() {
        return knownName;
    }
}
