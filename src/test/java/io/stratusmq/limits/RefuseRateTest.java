package io.stratusmq.limits;

import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.props;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.publish5;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.protocol.ProtocolStats.RefusedPublish;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * stratus.limits.publish-rate = 5/s after a burst of 5 with publish-rate-action = refuse ({@link
 * Profiles.RefuseRate}): a 5.0 client over its rate gets PUBACK/PUBREC 0x97 (quota exceeded) for QoS 1/2 and
 * DISCONNECT 0x96 (message rate too high) for QoS 0; a 3.1.1 client, which has no negative acknowledgement, is
 * held back instead.
 */
@QuarkusTest
@TestProfile(Profiles.RefuseRate.class)
class RefuseRateTest {

    @Inject
    ProtocolStats stats;

    @BothTransports
    @DisplayName("5.0: past the burst of 5, QoS 1 gets PUBACK 0x97, QoS 2 PUBREC 0x97, and QoS 0 DISCONNECT 0x96")
    void refused5(String transport) throws Exception {
        long before = stats.count(RefusedPublish.QUOTA_EXCEEDED);
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5("refuse5" + transport, true, 30, props("17 00")));
            c.receive(); // CONNACK
            StringBuilder burst = new StringBuilder(); // in one write, so that no token comes back meanwhile
            for (int id = 1; id <= 6; id++) {
                burst.append(publish5(1, false, id, "r/a", "00", "x")).append(' ');
            }
            burst.append(publish5(2, false, 7, "r/a", "00", "x")).append(' ');
            burst.append(publish5(0, false, 0, "r/a", "00", "x"));
            c.send(burst.toString());
            for (int id = 1; id <= 5; id++) {
                c.expect(String.format("40 03 00 %02x 10", id)); // PUBACK, no matching subscribers
            }
            c.expect("40 03 00 06 97"); // PUBACK 6, quota exceeded
            c.expect("50 03 00 07 97"); // PUBREC 7, quota exceeded: the flow ends here
            c.expect("e0 01 96"); // DISCONNECT for the QoS 0 one: message rate too high
            c.expectClosed();
        }
        assertThat(stats.count(RefusedPublish.QUOTA_EXCEEDED)).isEqualTo(before + 3);
    }

    @Test
    @DisplayName("5.0 (HiveMQ client): the sixth QoS 1 publish in a row is refused with 0x97")
    void hiveMqClient() {
        Mqtt5BlockingClient c = Clients.v5("tcp", "refuse-hive");
        c.connect();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(Clients.publishQos1(c, "r/hive", "x", false))
                        .isEqualTo(Mqtt5PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
            }
            assertThat(Clients.publishQos1(c, "r/hive", "x", false)).isEqualTo(Mqtt5PubAckReasonCode.QUOTA_EXCEEDED);
        } finally {
            c.disconnect();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: eight QoS 1 publishes at once are all acknowledged, the last ones later: held back, not lost")
    void heldBack311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311("refuse311" + transport, true, 30));
            c.expect("20 02 00 00");
            StringBuilder all = new StringBuilder();
            for (int id = 1; id <= 8; id++) {
                all.append(publish311(1, false, id, "r/b", "x")).append(' ');
            }
            long start = System.nanoTime();
            c.send(all.toString());
            for (int id = 1; id <= 8; id++) {
                c.expect(String.format("40 02 00 %02x", id));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("3 publishes beyond the burst at 5/s").isGreaterThanOrEqualTo(450);
        }
    }
}
