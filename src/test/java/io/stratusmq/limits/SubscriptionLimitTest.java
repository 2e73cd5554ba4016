package io.stratusmq.limits;

import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.packet;
import static io.stratusmq.wire.Fixtures.short16;
import static io.stratusmq.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.protocol.ProtocolStats.RefusedSubscription;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * stratus.limits.max-subscriptions-per-client = 3 ({@link Profiles.PerClient}): a further filter is refused in the
 * SUBACK (5.0: 0x97 quota exceeded, 3.1.1: 0x80), the others of the same SUBSCRIBE are granted.
 */
@QuarkusTest
@TestProfile(Profiles.PerClient.class)
class SubscriptionLimitTest {

    @Inject
    ProtocolStats stats;

    @Test
    @DisplayName("5.0 (HiveMQ client): the fourth filter gets SUBACK 0x97; replacing one of the three is fine; after"
            + " an UNSUBSCRIBE there is room again")
    void fourthRefused5() {
        long before = stats.count(RefusedSubscription.QUOTA_EXCEEDED);
        Mqtt5BlockingClient c = Clients.v5("tcp", "subs5");
        c.connect();
        try {
            for (int i = 1; i <= 3; i++) {
                assertThat(Clients.subscribe(c, "limits/" + i, MqttQos.AT_LEAST_ONCE))
                        .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            }
            assertThat(Clients.subscribe(c, "limits/4", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);
            assertThat(Clients.subscribe(c, "limits/1", MqttQos.AT_MOST_ONCE)) // same filter: a replacement
                    .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_0);
            c.unsubscribeWith().topicFilter("limits/2").send();
            assertThat(Clients.subscribe(c, "limits/4", MqttQos.AT_LEAST_ONCE))
                    .isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            assertThat(stats.count(RefusedSubscription.QUOTA_EXCEEDED)).isEqualTo(before + 1);
        } finally {
            c.disconnect();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: one SUBSCRIBE with four filters gets SUBACK 00 00 00 80")
    void fourInOne311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311("subs311" + transport, true, 30));
            c.expect("20 02 00 00");
            c.send(packet(0x82, short16(1), utf8("x/1"), "00", utf8("x/2"), "00", utf8("x/3"), "00", utf8("x/4"),
                    "00"));
            c.expect("""
                    90 06 00 01                // SUBACK, packet id 1
                    00 00 00                   // granted QoS 0, three times
                    80                         // failure: the fourth is over the limit
                    """);
        }
    }
}
