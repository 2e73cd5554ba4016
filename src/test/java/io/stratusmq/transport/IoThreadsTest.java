package io.stratusmq.transport;

import static io.stratusmq.wire.Fixtures.connect311;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.protocol.ConnectionTracker;
import io.stratusmq.protocol.MqttConnection;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code stratus.io-threads}: how many event loops carry client connections, WebSocket and TCP alike. */
class IoThreadsTest {

    private static final int PER_TRANSPORT = 4;

    @Test
    @DisplayName("unset, the HTTP server gets one event loop per core; set, the setting; below 1, a one-line error")
    void resolved() {
        IoThreadsConfigSource source = new IoThreadsConfigSource();
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals("${stratus.io-threads:" + cores + "}", source.getValue("quarkus.http.io-threads"));
        assertEquals(null, source.getValue("quarkus.http.port"));
        assertEquals(cores, TransportSettings.ioThreads(settings(OptionalInt.empty())));
        assertEquals(3, TransportSettings.ioThreads(settings(OptionalInt.of(3))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TransportSettings.ioThreads(settings(OptionalInt.of(0))));
        assertEquals("stratus.io-threads must be at least 1, not 0", e.getMessage());
    }

    private static TransportSettings settings(OptionalInt n) {
        return () -> n;
    }

    public static class OneLoop extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("stratus.io-threads", "1");
            return m;
        }
    }

    public static class TwoLoops extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("stratus.io-threads", "2");
            return m;
        }
    }

    @QuarkusTest
    @TestProfile(OneLoop.class)
    static class One {
        @Inject
        ConnectionTracker connections;

        @Test
        @DisplayName("stratus.io-threads=1: every WebSocket connection on one thread, every TCP connection on one")
        void oneThreadEach() throws Exception {
            Map<String, Set<String>> threads = threadsOfConnections(connections, "one");
            assertEquals(1, threads.get("ws").size(), () -> "WebSocket connections on " + threads.get("ws"));
            assertEquals(1, threads.get("tcp").size(), () -> "TCP connections on " + threads.get("tcp"));
        }
    }

    @QuarkusTest
    @TestProfile(TwoLoops.class)
    static class Two {
        @Inject
        ConnectionTracker connections;

        @Test
        @DisplayName("stratus.io-threads=2: WebSocket and TCP connections each spread over two threads")
        void twoThreadsEach() throws Exception {
            Map<String, Set<String>> threads = threadsOfConnections(connections, "two");
            assertEquals(2, threads.get("ws").size(), () -> "WebSocket connections on " + threads.get("ws"));
            assertEquals(2, threads.get("tcp").size(), () -> "TCP connections on " + threads.get("tcp"));
        }
    }

    /**
     * Opens {@link #PER_TRANSPORT} MQTT connections over each transport and answers, per transport, the names of
     * the threads their connections run on (asked on each connection's own executor).
     */
    static Map<String, Set<String>> threadsOfConnections(ConnectionTracker connections, String tag) throws Exception {
        List<RawConnection> open = new ArrayList<>();
        try {
            for (String transport : List.of("ws", "tcp")) {
                for (int i = 0; i < PER_TRANSPORT; i++) {
                    RawConnection c = Broker.raw(transport);
                    open.add(c);
                    c.send(connect311("io-" + tag + "-" + transport + i, true, 60));
                    c.expect("20 02 00 00");
                }
            }
            Map<String, Set<String>> threads = new HashMap<>();
            List<MqttConnection> mine = new ArrayList<>();
            connections.forEach(c -> {
                if (c.clientId() != null && c.clientId().startsWith("io-" + tag + "-")) {
                    mine.add(c);
                }
            });
            assertEquals(2 * PER_TRANSPORT, mine.size());
            for (MqttConnection c : mine) {
                CompletableFuture<String> name = new CompletableFuture<>();
                c.executor().execute(() -> name.complete(Thread.currentThread().getName()));
                threads.computeIfAbsent(c.transportKind(), k -> new TreeSet<>()).add(name.get(10, TimeUnit.SECONDS));
            }
            threads.values().forEach(names -> names.forEach(n -> assertTrue(n.contains("eventloop"), n)));
            return threads;
        } finally {
            for (RawConnection c : open) {
                c.close();
            }
        }
    }
}
