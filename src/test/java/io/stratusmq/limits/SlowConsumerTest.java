package io.stratusmq.limits;

import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.subscribe311;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.broker.BrokerStats;
import io.stratusmq.broker.DropReason;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.Hex;
import io.stratusmq.wire.Bystander;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading ({@link Profiles.SlowConsumer}: 32 KiB unsent at most, for 2 s at most, queues
 * of 50): once its backlog passes 32 KiB nothing more is written to it, QoS 0 messages for it are dropped at its
 * queue limit and counted, and after 2 s it is closed (no DISCONNECT: it would not get through) and counted;
 * the publisher and other clients carry on.
 */
@QuarkusTest
@TestProfile(Profiles.SlowConsumer.class)
class SlowConsumerTest {

    @Inject
    ProtocolStats stats;

    @Inject
    BrokerStats brokerStats;

    @Test
    @DisplayName("A subscriber that never reads is cut off from new messages past 32 KiB, then closed after 2 s")
    void stuckSubscriberClosed() throws Exception {
        long closedBefore = stats.count(ProtocolStats.Closed.SLOW_CONSUMER);
        long droppedBefore = brokerStats.droppedCount(DropReason.QUEUE_FULL);
        try (Socket stuck = new Socket(); Bystander other = Bystander.connect("ws")) {
            stuck.setReceiveBufferSize(4096); // small buffers: the broker's backlog starts early
            stuck.connect(new InetSocketAddress("127.0.0.1", Broker.tcpPort()), 5000);
            OutputStream out = stuck.getOutputStream();
            out.write(Hex.bytes(connect311("stuck", true, 0)));
            out.write(Hex.bytes(subscribe311(1, "slow/#", 0)));
            out.flush();
            InputStream in = stuck.getInputStream();
            in.readNBytes(4 + 5); // CONNACK and SUBACK; from here on it reads nothing

            Mqtt5BlockingClient pub = Clients.v5("tcp", "slow-pub");
            pub.connect();
            try {
                byte[] payload = new byte[16 * 1024];
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                // 16 KiB QoS 0 messages until the stuck subscriber is dropped and counted
                while (stats.count(ProtocolStats.Closed.SLOW_CONSUMER) == closedBefore
                        && System.nanoTime() < deadline) {
                    pub.publishWith().topic("slow/data").qos(MqttQos.AT_MOST_ONCE).payload(payload).send();
                    Thread.sleep(2);
                }
                assertThat(stats.count(ProtocolStats.Closed.SLOW_CONSUMER)).isEqualTo(closedBefore + 1);
                assertThat(brokerStats.droppedCount(DropReason.QUEUE_FULL)).isGreaterThan(droppedBefore);
                other.assertStillServed();
            } finally {
                pub.disconnect();
            }
            stuck.setSoTimeout(10_000);
            boolean ended;
            try {
                byte[] buf = new byte[65536];
                while (in.read(buf) >= 0) {
                    // what was written before, then the end
                }
                ended = true;
            } catch (java.net.SocketTimeoutException e) {
                ended = false;
            } catch (java.io.IOException e) {
                ended = true; // reset by the broker: closed as well
            }
            assertThat(ended).as("the broker closed the stuck connection").isTrue();
        }
    }
}
