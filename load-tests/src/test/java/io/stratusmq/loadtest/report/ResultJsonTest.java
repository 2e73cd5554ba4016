package io.stratusmq.loadtest.report;

import io.stratusmq.loadtest.engine.RunSettings;
import io.stratusmq.loadtest.metrics.DeliveryReport;
import io.stratusmq.loadtest.metrics.LatencySummary;
import io.stratusmq.loadtest.metrics.ProcessSample;
import io.stratusmq.loadtest.mqtt.MqttVersion;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The JSON line is an interface: scripts parse it. Its keys and their order must only change deliberately. */
class ResultJsonTest {

    /** Keep in sync with README.md ("The JSON line"); bump ResultJson.SCHEMA when this list changes. */
    static final List<String> KEYS = List.of(
            "schema", "scenario", "run_id", "url", "sub_url", "transport", "protocol", "qos", "publishers",
            "subscribers", "connections", "payload_bytes", "target_rate", "max_inflight", "warmup_s", "duration_s",
            "sent_per_s", "delivered_per_s",
            "latency_p50_us", "latency_p99_us", "latency_p999_us", "latency_max_us", "latency_mean_us",
            "latency_count", "service_latency_p50_us", "service_latency_p99_us", "service_latency_p999_us",
            "msgs_sent", "msgs_acked", "msgs_expected", "msgs_delivered", "msgs_lost", "msgs_duplicated",
            "msgs_out_of_order", "msgs_unacked", "msgs_rejected", "msgs_foreign", "window_sent", "window_delivered",
            "connect_total_ms", "connect_p50_us", "connect_p99_us", "ping_rtt_p50_us", "ping_rtt_p99_us",
            "broker_pid", "broker_cpu_us", "broker_cpu_us_per_msg", "broker_cpu_cores", "broker_rss_kb_initial",
            "broker_rss_kb_before", "broker_rss_kb_after", "broker_rss_kb_per_conn",
            "redis_pid", "redis_cpu_us", "redis_cpu_us_per_msg", "redis_cpu_cores", "redis_commands",
            "redis_commands_per_msg",
            "generator_cpu_cores", "generator_cpu_us_per_msg", "host_cpus", "host_cpu_cores", "other_cpu_cores",
            "unexpected_disconnects", "error", "clean");

    private static RunResult result(ProcessUsage broker) {
        return result(broker, null, null);
    }

    private static RunResult result(ProcessUsage broker, ProcessUsage redis, Long redisCommands) {
        RunSettings settings = new RunSettings("fan-in", "ws://127.0.0.1:1/mqtt", "ws://127.0.0.1:1/mqtt",
                MqttVersion.V3_1_1, 1, 5_000, 3, 10, 64, 100, broker == null ? null : List.of(42L),
                redis == null ? null : 43L, null, 2, 60, 5, 50, 10_000, true, false, true);
        DeliveryReport delivery = new DeliveryReport(100, 100, 100, 99, 1, 0, 0, 0, 0, List.of());
        LatencySummary latency = new LatencySummary(99, 150, 900, 2_000, 2_500, 210.5);
        ProcessUsage generator = new ProcessUsage("self", null, new ProcessSample(0, 1), new ProcessSample(500_000_000, 1));
        return new RunResult(settings, "0000002a", "ws", 10, 1, 11, 10, 50_000, 50_000, delivery, latency, latency,
                LatencySummary.EMPTY, 12, LatencySummary.EMPTY, broker, redis, redisCommands, generator,
                15_000_000_000L, 0, 0, null);
    }

    private static List<String> keys(String line) {
        return new ArrayList<>(new JsonObject(line).fieldNames());
    }

    @Test
    void keysAreStableWithAndWithoutBroker() {
        ProcessUsage broker = new ProcessUsage("42", new ProcessSample(0, 10_000),
                new ProcessSample(1_000_000_000, 12_000), new ProcessSample(3_500_000_000L, 12_100));
        assertEquals(KEYS, keys(ResultJson.format(result(broker))));
        assertEquals(KEYS, keys(ResultJson.format(result(null))));
        ProcessUsage redis = new ProcessUsage("43", null, new ProcessSample(0, 5_000),
                new ProcessSample(1_000_000_000, 5_000));
        assertEquals(KEYS, keys(ResultJson.format(result(broker, redis, 125_000L))));
    }

    @Test
    void schemaIsTwo() {
        assertEquals(2, new JsonObject(ResultJson.format(result(null))).getInteger("schema"));
    }

    @Test
    void clusterNumbers() {
        ProcessUsage pods = new ProcessUsage("42,44,46", new ProcessSample(0, 30_000),
                new ProcessSample(1_000_000_000, 36_000), new ProcessSample(6_000_000_000L, 36_300));
        ProcessUsage redis = new ProcessUsage("43", null, new ProcessSample(1_000_000_000, 5_000),
                new ProcessSample(2_000_000_000L, 5_100));
        JsonObject json = new JsonObject(ResultJson.format(result(pods, redis, 125_000L)));
        assertEquals("42,44,46", json.getString("broker_pid"));
        assertEquals(100.0, json.getDouble("broker_cpu_us_per_msg"));
        assertEquals("43", json.getString("redis_pid"));
        assertEquals(1_000_000L, json.getLong("redis_cpu_us"));
        assertEquals(20.0, json.getDouble("redis_cpu_us_per_msg"));
        assertEquals(0.1, json.getDouble("redis_cpu_cores"));
        assertEquals(125_000L, json.getLong("redis_commands"));
        assertEquals(2.5, json.getDouble("redis_commands_per_msg"));
        // 1.5 busy cores on the machine - 0.5 broker - 0.1 Redis - 0.05 generator
        assertEquals(0.85, json.getDouble("other_cpu_cores"));
        assertEquals(11, json.getInteger("connections"));
    }

    @Test
    void computesDerivedNumbers() {
        ProcessUsage broker = new ProcessUsage("42", new ProcessSample(0, 10_000),
                new ProcessSample(1_000_000_000, 12_000), new ProcessSample(3_500_000_000L, 12_100));
        String line = ResultJson.format(result(broker));
        assertFalse(line.contains("\n"));
        JsonObject json = new JsonObject(line);
        assertEquals(5_000.0, json.getDouble("delivered_per_s"));
        assertEquals(2_500_000L, json.getLong("broker_cpu_us"));
        assertEquals(50.0, json.getDouble("broker_cpu_us_per_msg"));
        assertEquals(0.25, json.getDouble("broker_cpu_cores"));
        assertEquals(181.82, json.getDouble("broker_rss_kb_per_conn"));
        assertEquals(1.5, json.getDouble("host_cpu_cores"));
        assertEquals(1.2, json.getDouble("other_cpu_cores"));
        assertNull(json.getValue("ping_rtt_p50_us"));
        assertNull(json.getValue("redis_cpu_us_per_msg"));
        assertNull(json.getValue("redis_commands_per_msg"));
        assertFalse(json.getBoolean("clean"));
    }
}
