package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("Many clients at once through real client libraries")
class ManyClientsTest extends ClientTest {

    private static final int PUBLISHERS = 50;
    private static final int MESSAGES_EACH = 100;

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    @DisplayName("50 publishers of all four libraries send 100 QoS 1 messages each at once to one subscriber:"
            + " all 5,000 arrive, none twice, each publisher's in order [MQTT-4.6.0-6]")
    void fiftyPublishersOneSubscriber(Transport transport) throws Exception {
        String topicBase = "many-" + transport.name().toLowerCase() + "-" + System.nanoTime();
        Endpoint subscriberEndpoint = new Endpoint(Library.HIVEMQ_5, transport);
        TestClient sub = connected(subscriberEndpoint, "sub");
        sub.subscribe(topicBase + "/+", 1);

        Library[] libraries = Library.values();
        List<TestClient> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            Endpoint e = new Endpoint(libraries[p % libraries.length], transport);
            publishers.add(client(e, e.unique("pub" + p)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            runAll(pool, publishers, (p, c) -> c.connect());
            runAll(pool, publishers, (p, c) -> {
                for (int i = 0; i < MESSAGES_EACH; i++) {
                    c.publish(Msg.of(topicBase + "/p" + p, p + ":" + i, 1));
                }
            });
        } finally {
            pool.shutdownNow();
        }
        // every publish is acknowledged, so the broker holds all of them; the fence comes after them all
        String fence = topicBase + "/fence";
        publishers.get(0).publish(Msg.of(fence, "fence", 1));

        int[] nextExpected = new int[PUBLISHERS];
        Set<String> seen = new HashSet<>();
        List<String> outOfOrder = new ArrayList<>();
        Msg m;
        while (!(m = sub.next()).topic().equals(fence)) {
            assertThat(seen.add(m.text())).as("a second copy of %s", m.text()).isTrue();
            String[] parts = m.text().split(":");
            int p = Integer.parseInt(parts[0]);
            int i = Integer.parseInt(parts[1]);
            assertThat(m.topic()).isEqualTo(topicBase + "/p" + p);
            assertThat(m.qos()).isEqualTo(1);
            if (i != nextExpected[p]) {
                outOfOrder.add(m.text() + " (expected " + p + ":" + nextExpected[p] + ")");
            }
            nextExpected[p] = i + 1;
        }
        assertThat(outOfOrder).as("messages out of their publisher's order").isEmpty();
        assertThat(seen).as("distinct messages received").hasSize(PUBLISHERS * MESSAGES_EACH);
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    @DisplayName("one publisher fans out to 50 subscribers of all four libraries: each gets every message once,"
            + " in order")
    void onePublisherFiftySubscribers(Transport transport) throws Exception {
        String topic = "fanout-" + transport.name().toLowerCase() + "-" + System.nanoTime() + "/t";
        int messages = 100;
        Library[] libraries = Library.values();
        List<TestClient> subscribers = new ArrayList<>();
        for (int s = 0; s < PUBLISHERS; s++) {
            Endpoint e = new Endpoint(libraries[s % libraries.length], transport);
            subscribers.add(client(e, e.unique("sub" + s)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            runAll(pool, subscribers, (s, c) -> {
                c.connect();
                c.subscribe(topic, 1);
            });
        } finally {
            pool.shutdownNow();
        }
        TestClient pub = connected(new Endpoint(Library.HIVEMQ_5, transport), "pub");

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            pub.publish(Msg.of(topic, "m" + i, 1));
            sent.add("m" + i);
        }

        for (TestClient s : subscribers) {
            assertThat(s.next(messages)).as("messages at %s", s).extracting(Msg::text).containsExactlyElementsOf(sent);
        }
        pub.publish(Msg.of(topic, "fence", 1));
        for (TestClient s : subscribers) {
            assertThat(s.next().text()).as("after the %d messages, at %s", messages, s).isEqualTo("fence");
        }
    }

    private interface PerClient {
        void run(int index, TestClient client) throws Exception;
    }

    /** Runs the work for every client in parallel and waits for all of it; fails with the first failure. */
    private static void runAll(ExecutorService pool, List<TestClient> clients, PerClient work) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            int index = i;
            done.add(CompletableFuture.runAsync(() -> {
                try {
                    work.run(index, clients.get(index));
                } catch (Exception ex) {
                    throw new IllegalStateException(clients.get(index) + ": " + ex, ex);
                }
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    }
}
