package io.stratusmq.codec;

/** The Will Message carried by a CONNECT [MQTT-3.1.2.5]. */
public record Will(String topic, byte[] payload, int qos, boolean retain, WillProperties properties) {
}
