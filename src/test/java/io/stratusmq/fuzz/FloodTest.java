package io.stratusmq.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.protocol.AdmissionControl;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.WebSocketRawConnection;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One broker flooded with garbage while well-behaved clients exchange QoS 1 messages: random-byte connections,
 * half-open handshakes (TCP connected and silent, a WebSocket upgrade request never finished, a WebSocket with no
 * CONNECT), oversized packets and frames, and {@link PacketGenerator} streams of valid and mutated packets. The good clients lose nothing and their latency stays bounded;
 * the garbage is closed (connect timeout 2 s, maximum packet size 64 KiB, HTTP idle timeout 3 s) and counted;
 * nothing is thrown on an event loop.
 */
@QuarkusTest
@TestProfile(FloodTest.Flood.class)
class FloodTest {

    public static class Flood extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("stratus.mqtt.connect-timeout", "2s");
            m.put("stratus.mqtt.max-packet-size", "65536");
            m.put("quarkus.http.idle-timeout", "3s");
            return m;
        }
    }

    private static final int GOOD_PAIRS = 3;
    private static final int MESSAGES = 300;
    private static final long MAX_LATENCY_MILLIS = 3_000; // a shared 2-core machine; typical values are ~ms
    private static final Duration FLOOD = Duration.ofSeconds(8);

    @Inject
    Vertx vertx;

    @Inject
    ProtocolStats stats;

    @Inject
    AdmissionControl admission;

    @Test
    @DisplayName("Garbage connections, half-open handshakes and oversized frames: good QoS 1 clients lose nothing")
    void flood() throws Exception {
        ConcurrentLinkedQueue<Throwable> onLoop = new ConcurrentLinkedQueue<>();
        vertx.exceptionHandler(onLoop::add);
        long timeoutsBefore = stats.count(ProtocolStats.Closed.CONNECT_TIMEOUT);
        long tooLargeBefore = stats.count(ProtocolStats.Closed.PACKET_TOO_LARGE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long floodEnd = System.nanoTime() + FLOOD.toNanos();
        AtomicLong garbage = new AtomicLong();
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // TCP connected, nothing sent
                halfOpen.add(socket(Broker.tcpPort()));
            }
            for (int i = 0; i < 20; i++) { // a WebSocket upgrade started and never finished
                Socket s = socket(Broker.httpPort());
                s.getOutputStream().write(("GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                halfOpen.add(s);
            }
            List<WebSocketRawConnection> silentWs = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // WebSocket open, CONNECT never sent
                silentWs.add(WebSocketRawConnection.mqtt(Broker.wsUri()));
            }
            for (int t = 0; t < 5; t++) {
                int worker = t;
                pool.submit(() -> garbageLoop(worker, floodEnd, garbage));
            }
            List<Long> latencies = goodClients(pool);
            latencies.sort(null);
            long max = latencies.get(latencies.size() - 1);
            long p99 = latencies.get(latencies.size() * 99 / 100);
            System.out.printf("flood: %d garbage connections, good QoS 1 latency p50 %d ms, p99 %d ms, max %d ms%n",
                    garbage.get(), latencies.get(latencies.size() / 2), p99, max);
            assertThat(latencies).hasSize(GOOD_PAIRS * MESSAGES);
            assertThat(max).as("max latency of a good QoS 1 message").isLessThan(MAX_LATENCY_MILLIS);

            for (Socket s : halfOpen) { // every half-open socket is closed by the broker
                s.setSoTimeout(10_000);
                assertThat(drainToEnd(s.getInputStream())).isTrue();
            }
            for (WebSocketRawConnection ws : silentWs) {
                ws.expectClosed(Duration.ofSeconds(10));
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            for (Socket s : halfOpen) {
                s.close();
            }
        }
        assertThat(stats.count(ProtocolStats.Closed.CONNECT_TIMEOUT) - timeoutsBefore).isGreaterThanOrEqualTo(50);
        assertThat(stats.count(ProtocolStats.Closed.PACKET_TOO_LARGE)).isGreaterThan(tooLargeBefore);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(admission.open()).isZero());
        assertThat(onLoop).as("exceptions thrown on event loops").isEmpty();
    }

    /** Pairs of HiveMQ clients (one over TCP, one over WebSocket) exchanging numbered QoS 1 messages. */
    private List<Long> goodClients(ExecutorService pool) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(GOOD_PAIRS);
        for (int p = 0; p < GOOD_PAIRS; p++) {
            int pair = p;
            pool.submit(() -> {
                try {
                    exchange(pair, latencies, problems);
                } catch (Throwable t) {
                    problems.add(pair + ": " + t);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(90, TimeUnit.SECONDS)).isTrue();
        assertThat(problems).isEmpty();
        return new ArrayList<>(latencies);
    }

    private static void exchange(int pair, ConcurrentLinkedQueue<Long> latencies, ConcurrentLinkedQueue<String> problems)
            throws Exception {
        Mqtt5BlockingClient sub = Clients.v5(pair % 2 == 0 ? "ws" : "tcp", "good-sub-" + pair);
        Mqtt5BlockingClient pub = Clients.v5(pair % 2 == 0 ? "tcp" : "ws", "good-pub-" + pair);
        sub.connect();
        pub.connect();
        try {
            String topic = "good/" + pair;
            int[] next = {0};
            CountDownLatch all = new CountDownLatch(MESSAGES);
            Mqtt5AsyncClient async = sub.toAsync();
            async.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).callback(m -> {
                ByteBuffer b = m.getPayload().orElseThrow();
                int seq = b.getInt();
                long sent = b.getLong();
                if (seq != next[0]) {
                    problems.add(topic + ": got " + seq + ", expected " + next[0]);
                }
                next[0] = seq + 1;
                latencies.add((System.nanoTime() - sent) / 1_000_000);
                all.countDown();
            }).send().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < MESSAGES; i++) {
                ByteBuffer payload = ByteBuffer.allocate(12).putInt(i).putLong(System.nanoTime());
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.array()).send();
                Thread.sleep(10);
            }
            if (!all.await(30, TimeUnit.SECONDS)) {
                problems.add(topic + ": " + all.getCount() + " messages missing");
            }
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    /** Random bytes, oversized packets and frames, over fresh connections until the flood ends. */
    private static void garbageLoop(int worker, long end, AtomicLong count) {
        Random random = new Random(worker);
        while (System.nanoTime() < end) {
            try {
                switch (random.nextInt(6)) {
                    case 4, 5 -> { // a generated stream of valid and mutated packets (as SeededFuzzTest's)
                        byte[] stream = new PacketGenerator(random.nextLong()).stream();
                        if (random.nextBoolean()) {
                            try (Socket s = socket(Broker.tcpPort())) {
                                s.getOutputStream().write(stream);
                                s.getOutputStream().write(new byte[] {(byte) 0xC0, 0}); // PINGREQ
                                s.setSoTimeout(500);
                                drainToEnd(s.getInputStream()); // answered, or closed by the broker
                            }
                        } else {
                            try (WebSocketRawConnection ws = WebSocketRawConnection.mqtt(Broker.wsUri())) {
                                ws.send(stream);
                                ws.expectNothing(Duration.ofMillis(300));
                            } catch (AssertionError answered) {
                                // the broker answered: fine either way
                            }
                        }
                        count.incrementAndGet();
                        continue;
                    }
                    case 0 -> { // random bytes over TCP
                        try (Socket s = socket(Broker.tcpPort())) {
                            byte[] b = new byte[1 + random.nextInt(2048)];
                            random.nextBytes(b);
                            s.getOutputStream().write(b);
                            s.setSoTimeout(3000);
                            drainToEnd(s.getInputStream());
                        }
                    }
                    case 1 -> { // a CONNECT, then a PUBLISH announcing 100 MB
                        try (Socket s = socket(Broker.tcpPort())) {
                            OutputStream out = s.getOutputStream();
                            out.write(io.stratusmq.testing.Hex.bytes(
                                    io.stratusmq.wire.Fixtures.connect5("garbage-" + worker, true, 30, "00")));
                            out.write(new byte[] {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x30});
                            s.setSoTimeout(3000);
                            drainToEnd(s.getInputStream());
                        }
                    }
                    case 2 -> { // a WebSocket frame of 200 KB, above the maximum packet size
                        try (WebSocketRawConnection ws = WebSocketRawConnection.mqtt(Broker.wsUri())) {
                            byte[] big = new byte[200_000];
                            big[0] = 0x10; // CONNECT ...
                            big[1] = (byte) 0xBF;
                            big[2] = (byte) 0x9A;
                            big[3] = 0x0C; // remaining length 199,999
                            ws.send(big);
                            ws.expectClosed(Duration.ofSeconds(5));
                        }
                    }
                    default -> { // random bytes over WebSocket
                        try (WebSocketRawConnection ws = WebSocketRawConnection.mqtt(Broker.wsUri())) {
                            byte[] b = new byte[1 + random.nextInt(1024)];
                            random.nextBytes(b);
                            ws.send(b);
                            ws.expectClosed(Duration.ofSeconds(5));
                        }
                    }
                }
            } catch (Throwable t) {
                // a broker that closes first makes a write fail: that is the expected outcome
            }
            count.incrementAndGet();
        }
    }

    private static Socket socket(int port) throws java.io.IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Reads until the broker closes; false on a read timeout. */
    private static boolean drainToEnd(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true; // reset by the broker
        }
    }
}
