package io.stratusmq.deploy;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the broker reads, and what it publishes: the contract the deployment files are checked against. */
final class Settings {

    /** Every configuration property the broker reads (README.md and the Kubernetes issue). */
    static final Set<String> PROPERTIES = Set.of(
            "quarkus.http.port",
            "quarkus.http.host",
            "stratus.tcp.port",
            "stratus.tcp.host",
            "stratus.io-threads",
            "stratus.node-id",
            "stratus.websocket.require-subprotocol",
            "stratus.websocket.allowed-origins",
            "stratus.mqtt.max-packet-size",
            "stratus.mqtt.receive-maximum",
            "stratus.mqtt.max-keep-alive",
            "stratus.mqtt.topic-alias-maximum",
            "stratus.mqtt.max-inflight-messages",
            "stratus.mqtt.max-queued-messages",
            "stratus.mqtt.queue-qos0-offline",
            "stratus.mqtt.drop-on-full-queue",
            "stratus.mqtt.max-client-id-length",
            "stratus.mqtt.max-topic-length",
            "stratus.mqtt.max-topic-levels",
            "stratus.mqtt.max-session-expiry",
            "stratus.mqtt.connect-timeout",
            "stratus.mqtt.maximum-qos",
            "stratus.mqtt.retain-available",
            "stratus.mqtt.shared-subscriptions",
            "stratus.cluster.backend",
            "stratus.cluster.heartbeat-interval",
            "stratus.cluster.node-timeout",
            "stratus.cluster.batch-linger",
            "quarkus.redis.hosts",
            "quarkus.redis.password",
            "quarkus.redis.client-type",
            "quarkus.redis.master-name",
            "stratus.shutdown.readiness-delay",
            "stratus.shutdown.disconnect-rate",
            "stratus.shutdown.timeout",
            "stratus.tls.port");

    /** The same properties as environment variable names. */
    static final Set<String> ENVIRONMENT = PROPERTIES.stream().map(Settings::env).collect(Collectors.toUnmodifiableSet());

    /**
     * quarkus.tls.* (the TLS registry) as environment variables: a PEM pair, optionally in a named configuration,
     * and the reload period. Pair names must be plain words: SmallRye maps {@code ..._PEM_SERVER_CERT} to
     * {@code pem.server.cert} but silently ignores {@code ..._PEM_0_CERT}.
     */
    static final Pattern TLS_ENVIRONMENT =
            Pattern.compile("QUARKUS_TLS_([A-Z0-9]+_)?(KEY_STORE_PEM_[A-Z]+_(CERT|KEY)|RELOAD_PERIOD)");

    /**
     * Variables that are not broker settings but are read by the container image's launcher (run-java.sh in the
     * JVM image).
     */
    static final Set<String> LAUNCHER_ENVIRONMENT = Set.of("JAVA_OPTS");

    /** Metrics the broker publishes at /q/metrics (Prometheus names). */
    static final Set<String> METRICS = Set.of(
            "stratus_connections",
            "stratus_messages_received_total",
            "stratus_messages_sent_total",
            "stratus_bytes_received_total",
            "stratus_bytes_sent_total",
            "stratus_messages_dropped_total",
            "stratus_retained_messages",
            "stratus_sessions",
            "stratus_subscriptions",
            "stratus_queued_messages",
            "stratus_cluster_forwarded_messages_total",
            "stratus_cluster_received_messages_total",
            "stratus_redis_latency_seconds",
            "stratus_draining",
            "stratus_nodes");

    /** Timers: Micrometer publishes them as _count, _sum and _max, plus _bucket when histograms are on. */
    static final Set<String> TIMERS = Set.of("stratus_redis_latency_seconds");

    /** JVM and process metrics from Micrometer that the dashboard may use. */
    static final Set<String> RUNTIME_METRICS = Set.of("jvm_memory_used_bytes", "process_cpu_usage");

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private Settings() {}

    /** The environment variable Quarkus reads a property from: upper case, anything else than [A-Z0-9] as _. */
    static String env(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Is this a variable the deployment may set? */
    static boolean isKnownEnvironment(String name) {
        return ENVIRONMENT.contains(name) || LAUNCHER_ENVIRONMENT.contains(name) || TLS_ENVIRONMENT.matcher(name).matches();
    }

    /** A duration the way Quarkus reads it: seconds, or a number with ms, s, m, h or d. */
    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a Quarkus duration: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
