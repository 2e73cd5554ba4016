package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A subscriber that stops acknowledging, as a dashboard in a background tab does. The broker queues up to
 * {@code stratus.mqtt.max-queued-messages} (1000 by default) for it and then stops reading publishers of QoS 1/2
 * messages to it, so that what it acknowledged is delivered (README, "Flow control instead of loss").
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("A subscriber that stops acknowledging slows its publishers down; nothing acknowledged is lost")
class SlowSubscriberTest extends ClientTest {

    private static final int MESSAGES = 2_500;
    private static final int WINDOW = 10;

    @ParameterizedTest(name = "over {0}")
    @EnumSource(Transport.class)
    @DisplayName("a publisher to a stalled subscriber is held back near the queue limit, and every message it got"
            + " acknowledged arrives, in order, once the subscriber catches up")
    void publisherHeldBackUntilSubscriberCatchesUp(Transport transport) throws Exception {
        Endpoint e = new Endpoint(Library.HIVEMQ_5, transport);
        String topic = e.unique("slow") + "/t";
        HiveMq5Client sub = track(new HiveMq5Client(e.unique("stalled"), transport, transport.brokerPort(), true));
        sub.connect(ConnectOptions.clean().withReceiveMaximum(WINDOW));
        sub.subscribe(topic, 1);
        TestClient pub = connected(e, "pub");

        AtomicInteger acknowledged = new AtomicInteger();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    pub.publish(Msg.of(topic, "m" + i, 1));
                    acknowledged.incrementAndGet();
                }
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });

        await("the publisher stalls").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(new Stalled(acknowledged));
        assertThat(acknowledged.get()).as("publishes acknowledged while the subscriber acknowledges nothing")
                .isLessThan(MESSAGES).isGreaterThanOrEqualTo(1_000);
        assertThat(sub.inbox()).as("messages sent to the stalled subscriber").hasSize(WINDOW);

        int taken = 0;
        while (taken < MESSAGES) {
            taken += sub.acknowledgeReceived();
            int seen = taken;
            if (seen < MESSAGES) {
                await("messages after acknowledging " + seen).atMost(TestClient.TIMEOUT)
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                        .until(() -> sub.inbox().size() > seen);
            }
        }
        publishing.get(30, TimeUnit.SECONDS);
        assertThat(sub.next(MESSAGES)).extracting(Msg::text)
                .containsExactlyElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList());
        assertThat(pub.lost()).isNotDone();
        assertThat(sub.lost()).isNotDone();
    }

    /** True once the count has not moved for a second. */
    private static final class Stalled implements Callable<Boolean> {
        private final AtomicInteger count;
        private int last = -1;
        private long since;

        Stalled(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public Boolean call() {
            int now = count.get();
            long t = System.nanoTime();
            if (now != last) {
                last = now;
                since = t;
                return false;
            }
            return t - since >= TimeUnit.SECONDS.toNanos(1);
        }
    }
}
