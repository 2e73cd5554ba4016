package io.stratusmq.loadtest.e2e;

import io.stratusmq.loadtest.engine.LoadRun;
import io.stratusmq.loadtest.engine.RunIdentity;
import io.stratusmq.loadtest.engine.RunSettings;
import io.stratusmq.loadtest.mqtt.MqttVersion;
import io.stratusmq.loadtest.report.ResultJson;
import io.stratusmq.loadtest.report.RunResult;
import io.stratusmq.loadtest.scenario.Topology;
import io.stratusmq.loadtest.transport.BrokerAddress;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole runs against {@link FakeBroker} on loopback: a clean broker, and one that drops acknowledged messages. */
class LoadRunEndToEndTest {
    private static Vertx brokerVertx;
    private static FakeBroker clean;
    private static FakeBroker lossy;

    @BeforeAll
    static void startBrokers() throws Exception {
        brokerVertx = Vertx.vertx();
        clean = FakeBroker.start(brokerVertx, 0);
        lossy = FakeBroker.start(brokerVertx, 50);
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        brokerVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static RunSettings settings(String scenario, String url, MqttVersion version, int qos, double rate) {
        return settings(scenario, url, version, qos, rate, List.of());
    }

    private static RunSettings settings(String scenario, String url, MqttVersion version, int qos, double rate,
                                        List<String> metricsUrls) {
        return new RunSettings(scenario, url, url, version, qos, rate, 0, 1, 64, 100, null, null, metricsUrls, 2, 60,
                3, 10, 5_000, true, false, true);
    }

    private static Topology fanIn(String topic, String url, int publishers) {
        Topology topology = new Topology();
        BrokerAddress address = BrokerAddress.parse(url);
        for (int i = 0; i < publishers; i++) {
            topology.addPublisher(address, topic);
        }
        int subscriber = topology.addSubscriber(address, topic, 0, publishers);
        topology.addGroup(new int[] {subscriber}, Topology.range(0, publishers));
        return topology;
    }

    private static RunResult run(RunSettings settings, Topology topology, RunIdentity identity) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunResult result = new LoadRun(settings, topology, identity,
                new PrintStream(log, true, StandardCharsets.UTF_8)).execute();
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("[  1s] measure"), "progress line printed");
        return result;
    }

    /**
     * Paced publishers never exceed the schedule; they may fall behind it when the machine is busy (tests share
     * it with builds), so only a loose lower bound is checked.
     */
    private static void assertPaced(long sent, long scheduled) {
        assertTrue(sent <= scheduled + 1, "sent " + sent + " > scheduled " + scheduled);
        assertTrue(sent >= scheduled / 10, "sent " + sent + " far below scheduled " + scheduled);
    }

    @Test
    void pacedFanInOverWebSocketIsDeliveredCompletely() throws Exception {
        RunIdentity id = RunIdentity.random();
        RunResult r = run(settings("fan-in", clean.wsUrl(), MqttVersion.V3_1_1, 1, 2_000),
                fanIn("e2e/" + id.id(), clean.wsUrl(), 4), id);
        assertPaced(r.delivery().sent(), 2_000);
        assertEquals(r.delivery().sent(), r.delivery().accepted());
        assertEquals(r.delivery().sent(), r.delivery().delivered());
        assertTrue(r.clean(), "no loss, duplicates or reordering");
        assertEquals(r.delivery().sent(), r.latency().count());
        assertEquals("ws", r.transport());
        JsonObject json = new JsonObject(ResultJson.format(r));
        assertEquals(0, json.getLong("msgs_lost"));
        assertTrue(json.getBoolean("clean"));
    }

    @Test
    void lossAfterAcknowledgementIsReportedExactly() throws Exception {
        RunIdentity id = RunIdentity.random();
        RunResult r = run(settings("fan-in", lossy.tcpUrl(), MqttVersion.V5, 1, 0),
                fanIn("e2e/" + id.id(), lossy.tcpUrl(), 2), id);
        long sent = r.delivery().sent();
        assertTrue(sent > 1_000, "full speed sends plenty: " + sent);
        assertEquals(sent, r.delivery().accepted());
        assertEquals(sent / 50, r.delivery().lost());
        assertEquals(0, r.delivery().duplicated());
        assertFalse(r.clean());
    }

    @Test
    void fullSpeedQos0BurstsOverWebSocketArriveIntactAndInOrder() throws Exception {
        RunIdentity id = RunIdentity.random();
        RunResult r = run(settings("fan-in", clean.wsUrl(), MqttVersion.V3_1_1, 0, 0),
                fanIn("e2e/" + id.id(), clean.wsUrl(), 3), id);
        assertTrue(r.delivery().sent() > 1_000, "full speed sends plenty: " + r.delivery().sent());
        assertEquals(r.delivery().sent(), r.delivery().delivered());
        assertTrue(r.clean(), "no loss, duplicates or reordering");
    }

    @Test
    void qos0PairsOverTcpAreDeliveredCompletely() throws Exception {
        RunIdentity id = RunIdentity.random();
        BrokerAddress address = BrokerAddress.parse(clean.tcpUrl());
        Topology pairs = new Topology();
        for (int i = 0; i < 5; i++) {
            pairs.addPublisher(address, "e2e/" + id.id() + "/" + i);
        }
        for (int i = 0; i < 5; i++) {
            pairs.addGroup(new int[] {pairs.addSubscriber(address, "e2e/" + id.id() + "/" + i, i, 1)}, new int[] {i});
        }
        RunResult r = run(settings("pairwise", clean.tcpUrl(), MqttVersion.V3_1_1, 0, 1_000), pairs, id);
        assertPaced(r.delivery().sent(), 1_000);
        assertEquals(r.delivery().sent(), r.delivery().delivered());
        assertTrue(r.clean());
        r.delivery().perPublisher().forEach(p -> assertPaced(p.sent(), 200));
    }

    @Test
    void bidirectionalPairsPublishAndSubscribeOnOneConnectionEach() throws Exception {
        RunIdentity id = RunIdentity.random();
        BrokerAddress address = BrokerAddress.parse(clean.wsUrl());
        Topology clients = new Topology();
        int count = 10;
        for (int c = 0; c < count; c++) {
            int partner = c ^ 1;
            int subscriber = clients.addSubscriber(address, "e2e/" + id.id() + "/" + partner, partner, 1);
            clients.addGroup(new int[] {subscriber}, new int[] {partner});
        }
        for (int c = 0; c < count; c++) {
            clients.addPublisherOnSubscriber(c, "e2e/" + id.id() + "/" + c);
        }
        assertEquals(count, clients.connections());
        RunResult r = run(settings("pairwise", clean.wsUrl(), MqttVersion.V3_1_1, 1, 500), clients, id);
        assertEquals(count, r.connections());
        assertEquals(count, r.publishers());
        assertEquals(count, r.subscribers());
        assertPaced(r.delivery().sent(), 500);
        assertEquals(r.delivery().sent(), r.delivery().delivered());
        assertEquals(0, r.foreign(), "each client gets its partner's messages only");
        assertTrue(r.clean());
        r.delivery().perPublisher().forEach(p -> assertPaced(p.sent(), 50));
        assertEquals(count, new JsonObject(ResultJson.format(r)).getInteger("connections"));
    }

    @Test
    void redisCommandsAreTheCounterDeltaOverEveryEndpoint() throws Exception {
        // Two endpoints; each request advances both series of each endpoint by 1,000, so the counter grows by
        // 2,000 per endpoint between the two window edges: 4,000 in all.
        AtomicLong a = new AtomicLong();
        AtomicLong b = new AtomicLong();
        HttpServer metrics = brokerVertx.createHttpServer().requestHandler(request -> {
            long value = (request.path().equals("/a") ? a : b).addAndGet(1_000);
            request.response().putHeader("content-type", "text/plain").end(
                    "# HELP stratus_redis_commands_total Commands sent to Redis\n"
                            + "# TYPE stratus_redis_commands_total counter\n"
                            + "stratus_redis_commands_total{qos=\"0\"} " + value + ".0\n"
                            + "stratus_redis_commands_total{qos=\"1\"} " + value + ".0\n"
                            + "stratus_redis_commands_totally_different 99.0\n");
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            String base = "http://127.0.0.1:" + metrics.actualPort();
            RunIdentity id = RunIdentity.random();
            RunResult r = run(settings("fan-in", clean.wsUrl(), MqttVersion.V3_1_1, 1, 1_000,
                    List.of(base + "/a", base + "/b")), fanIn("e2e/" + id.id(), clean.wsUrl(), 2), id);
            assertEquals(4_000L, r.redisCommands());
            JsonObject json = new JsonObject(ResultJson.format(r));
            assertEquals(4_000L, json.getLong("redis_commands"));
            assertEquals((double) Math.round(4_000.0 / r.windowDelivered() * 1_000) / 1_000,
                    json.getDouble("redis_commands_per_msg"), 0.001);
            assertNull(json.getValue("redis_cpu_us_per_msg"), "no --redis-pid");
        } finally {
            metrics.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableMetricsEndpointLeavesTheCountUnknown() throws Exception {
        RunIdentity id = RunIdentity.random();
        RunResult r = run(settings("fan-in", clean.wsUrl(), MqttVersion.V3_1_1, 1, 500,
                List.of("http://127.0.0.1:1/q/metrics")), fanIn("e2e/" + id.id(), clean.wsUrl(), 1), id);
        assertNull(r.redisCommands());
        assertNull(new JsonObject(ResultJson.format(r)).getValue("redis_commands_per_msg"));
        assertTrue(r.clean());
    }
}
