package io.stratusmq.loadtest.report;

import io.stratusmq.loadtest.engine.RunSettings;
import io.stratusmq.loadtest.metrics.DeliveryReport;
import io.stratusmq.loadtest.metrics.LatencySummary;
import io.stratusmq.loadtest.metrics.ProcessSample;

/**
 * The machine-readable result: one JSON object on one line. Keys and their order are stable (bump
 * {@link #SCHEMA} when that changes); a value that cannot be measured is null, never absent.
 * The key list is documented in README.md.
 */
public final class ResultJson {
    public static final int SCHEMA = 2;

    private ResultJson() {
    }

    public static String format(RunResult r) {
        RunSettings s = r.settings();
        DeliveryReport d = r.delivery();
        JsonLine json = new JsonLine()
                .add("schema", SCHEMA)
                .add("scenario", s.scenario())
                .add("run_id", r.runId())
                .add("url", s.url())
                .add("sub_url", s.subscribeUrl())
                .add("transport", r.transport())
                .add("protocol", s.version().label())
                .add("qos", s.qos())
                .add("publishers", r.publishers())
                .add("subscribers", r.subscribers())
                .add("connections", r.connections())
                .add("payload_bytes", s.payloadSize())
                .add("target_rate", s.rate(), 1)
                .add("max_inflight", s.maxInflight())
                .add("warmup_s", s.warmupSeconds())
                .add("duration_s", s.durationSeconds())
                .add("sent_per_s", r.sentPerSecond(), 1)
                .add("delivered_per_s", r.deliveredPerSecond(), 1);
        latency(json, "latency", r.latency());
        json.add("latency_max_us", r.latency().max())
                .add("latency_mean_us", r.latency().mean(), 1)
                .add("latency_count", r.latency().count());
        latency(json, "service_latency", r.serviceLatency());
        json.add("msgs_sent", d.sent())
                .add("msgs_acked", d.accepted())
                .add("msgs_expected", d.expected())
                .add("msgs_delivered", d.delivered())
                .add("msgs_lost", d.lost())
                .add("msgs_duplicated", d.duplicated())
                .add("msgs_out_of_order", d.outOfOrder())
                .add("msgs_unacked", d.unacked())
                .add("msgs_rejected", d.rejected())
                .add("msgs_foreign", r.foreign())
                .add("window_sent", r.windowSent())
                .add("window_delivered", r.windowDelivered())
                .add("connect_total_ms", r.connectTotalMillis())
                .add("connect_p50_us", r.connect().p50())
                .add("connect_p99_us", r.connect().p99())
                .add("ping_rtt_p50_us", nullIfEmpty(r.pingRoundTrip(), r.pingRoundTrip().p50()))
                .add("ping_rtt_p99_us", nullIfEmpty(r.pingRoundTrip(), r.pingRoundTrip().p99()));
        broker(json, r);
        ProcessUsage redis = r.redis();
        json.add("redis_pid", redis == null ? null : redis.pid())
                .add("redis_cpu_us", redis == null ? null : redis.cpuMicros())
                .add("redis_cpu_us_per_msg", redis == null ? Double.NaN : redis.cpuMicrosPer(r.windowDelivered()), 3)
                .add("redis_cpu_cores", redis == null ? Double.NaN : redis.cores(r.windowSeconds()), 3)
                .add("redis_commands", r.redisCommands())
                .add("redis_commands_per_msg", r.redisCommandsPerMessage(), 3);
        ProcessUsage g = r.generator();
        json.add("generator_cpu_cores", g == null ? Double.NaN : g.cores(r.windowSeconds()), 3)
                .add("generator_cpu_us_per_msg", g == null ? Double.NaN : g.cpuMicrosPer(r.windowDelivered()), 3)
                .add("host_cpus", Runtime.getRuntime().availableProcessors())
                .add("host_cpu_cores", r.hostCores(), 3)
                .add("other_cpu_cores", r.otherCores(), 3)
                .add("unexpected_disconnects", r.unexpectedDisconnects())
                .add("error", r.firstError())
                .add("clean", r.clean());
        return json.build();
    }

    private static void latency(JsonLine json, String prefix, LatencySummary l) {
        json.add(prefix + "_p50_us", l.p50())
                .add(prefix + "_p99_us", l.p99())
                .add(prefix + "_p999_us", l.p999());
    }

    private static void broker(JsonLine json, RunResult r) {
        ProcessUsage b = r.broker();
        if (b == null) {
            json.add("broker_pid", (String) null)
                    .add("broker_cpu_us", (Long) null)
                    .add("broker_cpu_us_per_msg", Double.NaN, 3)
                    .add("broker_cpu_cores", Double.NaN, 3)
                    .add("broker_rss_kb_initial", (Long) null)
                    .add("broker_rss_kb_before", (Long) null)
                    .add("broker_rss_kb_after", (Long) null)
                    .add("broker_rss_kb_per_conn", Double.NaN, 2);
            return;
        }
        ProcessSample initial = b.initial();
        json.add("broker_pid", b.pid())
                .add("broker_cpu_us", b.cpuMicros())
                .add("broker_cpu_us_per_msg", b.cpuMicrosPer(r.windowDelivered()), 3)
                .add("broker_cpu_cores", b.cores(r.windowSeconds()), 3)
                .add("broker_rss_kb_initial", initial == null ? null : initial.rssKb())
                .add("broker_rss_kb_before", b.before().rssKb())
                .add("broker_rss_kb_after", b.after().rssKb())
                .add("broker_rss_kb_per_conn", initial == null || r.connections() == 0 ? Double.NaN
                        : (double) (b.before().rssKb() - initial.rssKb()) / r.connections(), 2);
    }

    private static Long nullIfEmpty(LatencySummary summary, long value) {
        return summary.count() == 0 ? null : value;
    }
}
