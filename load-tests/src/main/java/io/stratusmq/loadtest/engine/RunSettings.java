package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.mqtt.MqttVersion;

/**
 * Everything about a run that is not the topology.
 *
 * @param rate               total PUBLISH rate over all publishers, messages/s; 0 = as fast as flow control allows
 * @param maxInflight        per publisher, unacknowledged QoS 1/2 messages
 * @param brokerPid          process to read CPU and RSS of, or null
 * @param eventLoops         generator event-loop threads
 * @param keepAliveSeconds   MQTT keep-alive of every connection
 * @param drainTimeoutSeconds how long to wait after publishing stops for deliveries still in transit
 * @param flushPerMessage    one write system call per PUBLISH instead of one per burst
 */
public record RunSettings(String scenario, String url, String subscribeUrl, MqttVersion version, int qos,
                          double rate, int warmupSeconds, int durationSeconds, int payloadSize, int maxInflight,
                          Long brokerPid, int eventLoops, int keepAliveSeconds, int drainTimeoutSeconds,
                          int connectConcurrency, int connectTimeoutMillis, boolean nativeTransport,
                          boolean flushPerMessage, boolean progress) {
}
