package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.mqtt.MqttVersion;

import java.util.List;

/**
 * Everything about a run that is not the topology.
 *
 * @param rate               total PUBLISH rate over all publishers, messages/s; 0 = as fast as flow control allows
 * @param maxInflight        per publisher, unacknowledged QoS 1/2 messages
 * @param brokerPids         broker processes (several for the pods of a cluster) whose CPU and RSS are summed;
 *                           empty when the broker is not observed
 * @param redisPid           Redis process of a cluster, or null
 * @param metricsUrls        Prometheus endpoints of the broker processes, read for Redis commands; may be empty
 * @param eventLoops         generator event-loop threads
 * @param keepAliveSeconds   MQTT keep-alive of every connection
 * @param drainTimeoutSeconds how long to wait after publishing stops for deliveries still in transit
 * @param flushPerMessage    one write system call per PUBLISH instead of one per burst
 */
public record RunSettings(String scenario, String url, String subscribeUrl, MqttVersion version, int qos,
                          double rate, int warmupSeconds, int durationSeconds, int payloadSize, int maxInflight,
                          List<Long> brokerPids, Long redisPid, List<String> metricsUrls, int eventLoops,
                          int keepAliveSeconds, int drainTimeoutSeconds, int connectConcurrency,
                          int connectTimeoutMillis, boolean nativeTransport, boolean flushPerMessage,
                          boolean progress) {

    public RunSettings {
        brokerPids = brokerPids == null ? List.of() : List.copyOf(brokerPids);
        metricsUrls = metricsUrls == null ? List.of() : List.copyOf(metricsUrls);
    }
}
