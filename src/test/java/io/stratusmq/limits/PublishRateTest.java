package io.stratusmq.limits;

import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.packet;
import static io.stratusmq.wire.Fixtures.props;
import static io.stratusmq.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.Hex;
import io.stratusmq.testing.RawConnection;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * stratus.limits.publish-rate = 5/s after a burst of 5, publish-rate-action = pause ({@link Profiles.PerClient}):
 * a client over its rate is held back, as EMQX and HiveMQ throttle, and loses nothing. 15 messages take at least
 * (15 - 5) / 5 = 2 s to be read.
 */
@QuarkusTest
@TestProfile(Profiles.PerClient.class)
class PublishRateTest {

    private static final int MESSAGES = 15;
    /** (MESSAGES - burst) / rate = 2 s, less a margin for timer granularity. */
    private static final long AT_LEAST_MILLIS = 1_600;

    @Inject
    ProtocolStats stats;

    @Test
    @DisplayName("5.0 (HiveMQ client): 15 QoS 1 publishes sent at once are all acknowledged and delivered in order,"
            + " spread over at least 2 s; the hold-back is counted in stratus_publishes_throttled_total")
    void heldBack5() throws Exception {
        long throttledBefore = stats.throttledCount();
        Mqtt5BlockingClient sub = Clients.v5("tcp", "rate-sub5");
        Mqtt5BlockingClient pub = Clients.v5("ws", "rate-pub5");
        sub.connect();
        pub.connect();
        try {
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            sub.toAsync().subscribeWith().topicFilter("rate/5").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> got.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send()
                    .get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();
            List<CompletableFuture<Mqtt5PublishResult>> acks = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                acks.add(pub.toAsync().publishWith().topic("rate/5").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send());
            }
            for (CompletableFuture<Mqtt5PublishResult> a : acks) {
                assertThat(a.get(15, TimeUnit.SECONDS).getError()).isEmpty();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("time to have all %d acknowledged", MESSAGES).isGreaterThanOrEqualTo(AT_LEAST_MILLIS);
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
            }
            assertThat(stats.throttledCount()).isGreaterThan(throttledBefore);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    @DisplayName("3.1.1 (HiveMQ client): 15 QoS 0 publishes are all delivered, in order, over at least 2 s: without a"
            + " negative acknowledgement, the client is slowed down by not being read")
    void heldBack311() throws Exception {
        Mqtt3BlockingClient sub = Clients.v3("tcp", "rate-sub311");
        Mqtt3BlockingClient pub = Clients.v3("tcp", "rate-pub311");
        sub.connect();
        pub.connect();
        try {
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            sub.toAsync().subscribeWith().topicFilter("rate/311").qos(MqttQos.AT_MOST_ONCE)
                    .callback(p -> got.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))).send()
                    .get(5, TimeUnit.SECONDS);
            for (int i = 0; i < MESSAGES; i++) {
                pub.publishWith().topic("rate/311").qos(MqttQos.AT_MOST_ONCE)
                        .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
            }
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("m0");
            long start = System.nanoTime();
            for (int i = 1; i < MESSAGES; i++) {
                assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("m" + i);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isGreaterThanOrEqualTo(AT_LEAST_MILLIS);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    @DisplayName("5.0 over WebSocket, as over TCP: a client that keeps sending while held back is no longer read;"
            + " it is slowed down, not disconnected, and others carry on")
    void floodOverWebSocketIsHeldBack() throws Exception {
        long before = stats.count(ProtocolStats.Closed.MESSAGE_RATE_TOO_HIGH);
        String one = packet(0x30, utf8("flood"), "00", Hex.hex(new byte[8 * 1024])); // PUBLISH QoS 0, 8 KiB
        StringBuilder frame = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            frame.append(one).append(' ');
        }
        String chunk = Hex.hex(Hex.bytes(frame.toString())); // 160 KiB of PUBLISH packets
        Mqtt5BlockingClient other = Clients.v5("tcp", "flood-bystander");
        other.connect();
        try (RawConnection c = Broker.raw("ws")) {
            c.send(connect5("flood-ws", true, 30, props("17 00")));
            c.receive(); // CONNACK
            // the sends may block once the broker stops reading and the socket buffers are full
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 4; i++) {
                    io.stratusmq.wire.Clients.sendQuietly(c, chunk);
                }
            });
            c.expectNothing(java.time.Duration.ofSeconds(2)); // neither DISCONNECT nor close while held back
            assertThat(c.isClosed()).isFalse();
            assertThat(Clients.publishQos1(other, "flood/other", "x", false).isError()).isFalse();
            c.close();
            flood.get(10, TimeUnit.SECONDS);
        } finally {
            other.disconnect();
        }
        assertThat(stats.count(ProtocolStats.Closed.MESSAGE_RATE_TOO_HIGH)).isEqualTo(before);
    }
}
