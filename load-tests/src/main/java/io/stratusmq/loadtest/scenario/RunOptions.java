package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.engine.RunSettings;
import io.stratusmq.loadtest.metrics.CounterScraper;
import io.stratusmq.loadtest.metrics.ProbePayload;
import io.stratusmq.loadtest.mqtt.MqttVersion;
import picocli.CommandLine.Option;

import java.util.List;

/** Options every scenario takes. */
public final class RunOptions {

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Broker to connect to: ws://HOST:PORT/mqtt (WebSocket, subprotocol mqtt) or tcp://HOST:PORT.")
    String url;

    @Option(names = "--sub-url", paramLabel = "URL",
            description = "Broker the subscribers connect to, if not --url (another cluster node). Default: --url.")
    String subscribeUrl;

    @Option(names = "--protocol", defaultValue = "3.1.1", paramLabel = "3.1.1|5",
            description = "MQTT version. Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--qos", defaultValue = "1", paramLabel = "0|1|2", description = "QoS of publishes and subscriptions (0, 1 or 2). Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(names = "--rate", defaultValue = "5000", paramLabel = "MSG/S",
            description = "Total PUBLISH rate over all publishers; 0 = as fast as flow control allows. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", defaultValue = "10", paramLabel = "SECONDS",
            description = "Measured window. Default: ${DEFAULT-VALUE}.")
    int duration;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "Publishing before the window opens; not measured, but delivery is still verified. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--payload-size", defaultValue = "64", paramLabel = "BYTES",
            description = "Payload bytes per message, at least " + ProbePayload.SIZE + ". Default: ${DEFAULT-VALUE}.")
    int payloadSize;

    @Option(names = "--max-inflight", defaultValue = "100", paramLabel = "N",
            description = "Per publisher, unacknowledged QoS 1/2 messages allowed (lowered to the broker's Receive Maximum). Default: ${DEFAULT-VALUE}.")
    int maxInflight;

    @Option(names = "--broker-pid", paramLabel = "PID[,PID...]", split = ",",
            description = "Broker process(es) on this machine: CPU time and RSS are read from /proc at the window edges"
                    + " and summed over the processes (the pods of a cluster). Comma-separated or repeated.")
    List<Long> brokerPids;

    @Option(names = "--redis-pid", paramLabel = "PID",
            description = "Redis process of a clustered broker: its CPU time is read like the broker's and reported apart.")
    Long redisPid;

    @Option(names = "--metrics-url", paramLabel = "URL[,URL...]", split = ",",
            description = "Prometheus endpoint of each broker process (http://HOST:PORT/q/metrics), read at the window"
                    + " edges: " + CounterScraper.REDIS_COMMANDS
                    + " summed over them gives Redis commands per delivered message. Comma-separated or repeated.")
    List<String> metricsUrls;

    @Option(names = "--event-loops", paramLabel = "N",
            description = "Generator event-loop threads. Default: number of CPUs.")
    Integer eventLoops;

    @Option(names = "--keep-alive", defaultValue = "60", paramLabel = "SECONDS",
            description = "MQTT keep-alive of every connection. Default: ${DEFAULT-VALUE}.")
    int keepAlive;

    @Option(names = "--drain-timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "After publishing stops, how long to wait for messages still in transit. Default: ${DEFAULT-VALUE}.")
    int drainTimeout;

    @Option(names = "--connect-concurrency", defaultValue = "50", paramLabel = "N",
            description = "Connection handshakes in progress at once. Default: ${DEFAULT-VALUE}.")
    int connectConcurrency;

    @Option(names = "--connect-timeout", defaultValue = "10000", paramLabel = "MS",
            description = "Timeout for TCP/WebSocket connect, CONNACK and SUBACK. Default: ${DEFAULT-VALUE}.")
    int connectTimeout;

    @Option(names = "--native-transport", defaultValue = "true", negatable = true,
            description = "Use Netty epoll when available. Default: ${DEFAULT-VALUE}.")
    boolean nativeTransport;

    @Option(names = "--flush-per-message",
            description = "One write system call per PUBLISH (like a client that sends one message at a time) instead of one per burst of due messages.")
    boolean flushPerMessage;

    @Option(names = "--topic-prefix", defaultValue = "loadtest", paramLabel = "PREFIX",
            description = "First topic level; the run id and scenario follow. Default: ${DEFAULT-VALUE}.")
    String topicPrefix;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--fail-on-anomaly",
            description = "Exit with status 3 when delivery verification finds loss, reordering or forbidden duplicates.")
    boolean failOnAnomaly;

    /** Checks ranges; throws IllegalArgumentException with a message for the user. */
    void validate() {
        require(qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
        require(rate >= 0, "--rate must be >= 0");
        require(duration >= 1, "--duration must be >= 1 second");
        require(warmup >= 0, "--warmup must be >= 0");
        require(payloadSize >= ProbePayload.SIZE, "--payload-size must be >= " + ProbePayload.SIZE);
        require(maxInflight >= 1 && maxInflight <= 65_535, "--max-inflight must be 1..65535");
        if (brokerPids != null) {
            for (Long pid : brokerPids) {
                require(pid != null && pid > 0, "--broker-pid must be process ids > 0");
            }
        }
        require(redisPid == null || redisPid > 0, "--redis-pid must be a process id > 0");
        if (metricsUrls != null) {
            for (String metricsUrl : metricsUrls) {
                require(metricsUrl.startsWith("http://") || metricsUrl.startsWith("https://"),
                        "--metrics-url must be http:// or https:// URLs: " + metricsUrl);
            }
        }
        require(eventLoops == null || eventLoops >= 1, "--event-loops must be >= 1");
        require(keepAlive >= 0 && keepAlive <= 65_535, "--keep-alive must be 0..65535");
        require(drainTimeout >= 0, "--drain-timeout must be >= 0");
        require(connectConcurrency >= 1, "--connect-concurrency must be >= 1");
        require(connectTimeout >= 100, "--connect-timeout must be >= 100 ms");
        MqttVersion.parse(protocol);
    }

    String effectiveSubscribeUrl() {
        return subscribeUrl == null ? url : subscribeUrl;
    }

    RunSettings toSettings(String scenario) {
        return new RunSettings(scenario, url, effectiveSubscribeUrl(), MqttVersion.parse(protocol), qos, rate,
                warmup, duration, payloadSize, maxInflight, brokerPids, redisPid, metricsUrls,
                eventLoops == null ? Runtime.getRuntime().availableProcessors() : eventLoops,
                keepAlive, drainTimeout, connectConcurrency, connectTimeout, nativeTransport, flushPerMessage, !quiet);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
