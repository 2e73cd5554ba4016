package io.stratusmq.loadtest.client;

import io.stratusmq.loadtest.mqtt.MqttVersion;

/**
 * How one MQTT connection introduces itself.
 *
 * @param keepAliveSeconds CONNECT keep-alive; PINGREQ is sent when the client has been silent for half of it
 * @param receiveMaximum   5.0 Receive Maximum the client announces (0 = protocol default 65,535)
 * @param timeoutMillis    how long CONNACK and SUBACK may take
 */
public record ConnectionSettings(MqttVersion version, String clientId, int keepAliveSeconds,
                                 int receiveMaximum, int maxPacketBytes, long timeoutMillis) {
}
