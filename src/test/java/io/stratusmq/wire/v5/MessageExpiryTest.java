package io.stratusmq.wire.v5;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import io.stratusmq.wire.Published;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * 5.0 Message Expiry Interval (section 3.3.2.3.3): a message not delivered in time is dropped, and the interval
 * sent on is what is left of it. Waits here are "nothing arrives" windows on a live connection: only time can
 * make a message expire.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class MessageExpiryTest {

    private static final String SESSION_60S = props(Clients.NO_PROBLEM_INFO, "11 00 00 00 3c");

    @BothTransports
    @DisplayName("A message delivered at once carries its Message Expiry Interval unchanged (whole seconds)")
    void liveDelivery(String transport) throws Exception {
        String topic = id("mx/live/", transport);
        try (RawConnection sub = Clients.v5Quiet(transport, id("mxlive", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("mxlivepub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 1));
            sub.expect("90 04 00 01 00 01");
            pub.send(Fixtures.publish5(1, false, 1, topic, props("02 00 00 00 3c"), "fresh")); // expiry 60 s
            pub.expect("40 02 00 01");
            sub.expect(Fixtures.publish5(1, false, 1, topic, props("02 00 00 00 3c"), "fresh"));
        }
    }

    @BothTransports
    @DisplayName("A queued message goes out with the interval less the time it waited [MQTT-3.3.2-6]")
    void decrementedOnDelivery(String transport) throws Exception {
        String topic = id("mx/dec/", transport);
        String clientId = id("mxdec", transport);
        try (RawConnection pub = Clients.v5Quiet(transport, id("mxdecpub", transport))) {
            try (RawConnection sub = Clients.v5(transport, clientId, true, SESSION_60S, Clients.CONNACK_5)) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 1));
                sub.expect("90 04 00 01 00 01");
                sub.send("e0 00"); // offline before anything is published
                sub.expectClosed();
            }
            pub.send(Fixtures.publish5(1, false, 1, topic, props("02 00 00 00 0a"), "waited")); // expiry 10 s
            pub.expect("40 02 00 01");
            pub.expectNothing(Duration.ofMillis(2_100)); // the message waits two seconds and more
            try (RawConnection sub = Clients.v5(transport, clientId, false, SESSION_60S,
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                Published p = Published.parse(sub.receive(), true);
                assertThat(p.payload()).isEqualTo("waited");
                assertThat(p.properties()).isIn("02 00 00 00 08", "02 00 00 00 07"); // 10 s less 2.1 s and more
                sub.send(p.ack());
                sub.send("e0 07 00 05 11 00 00 00 00");
            }
        }
    }

    @BothTransports
    @DisplayName("A queued message whose interval has passed is not delivered [MQTT-3.3.2-5]")
    void expiredNotDelivered(String transport) throws Exception {
        String topic = id("mx/gone/", transport);
        String clientId = id("mxgone", transport);
        try (RawConnection pub = Clients.v5Quiet(transport, id("mxgonepub", transport))) {
            try (RawConnection sub = Clients.v5(transport, clientId, true, SESSION_60S, Clients.CONNACK_5)) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 1));
                sub.expect("90 04 00 01 00 01");
                sub.send("e0 00"); // offline before anything is published
                sub.expectClosed();
            }
            pub.send(Fixtures.publish5(1, false, 1, topic, props("02 00 00 00 01"), "stale")); // expiry 1 s
            pub.expect("40 02 00 01");
            pub.send(Fixtures.publish5(1, false, 2, topic, "00", "durable")); // no expiry
            pub.expect("40 02 00 02");
            pub.expectNothing(Duration.ofMillis(1_500));
            try (RawConnection sub = Clients.v5(transport, clientId, false, SESSION_60S,
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                sub.expect(Fixtures.publish5(1, false, 1, topic, "00", "durable")); // "stale" is gone
                sub.send("40 02 00 01");
                sub.send("e0 07 00 05 11 00 00 00 00");
            }
        }
    }

    @BothTransports
    @DisplayName("An unacknowledged message that expired while the client was away is not sent again on resume,"
            + " as Mosquitto does (it would go out with an interval of 0)")
    void expiredInFlightNotResent(String transport) throws Exception {
        String topic = id("mx/fly/", transport);
        String clientId = id("mxfly", transport);
        try (RawConnection pub = Clients.v5Quiet(transport, id("mxflypub", transport))) {
            try (RawConnection sub = Clients.v5(transport, clientId, true, SESSION_60S, Clients.CONNACK_5)) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 1));
                sub.expect("90 04 00 01 00 01");
                pub.send(Fixtures.publish5(1, false, 1, topic, props("02 00 00 00 01"), "unacked"));
                pub.expect("40 02 00 01");
                sub.expect(Fixtures.publish5(1, false, 1, topic, props("02 00 00 00 01"), "unacked"));
                sub.send("e0 00"); // no PUBACK
                sub.expectClosed();
            }
            pub.expectNothing(Duration.ofMillis(1_500));
            try (RawConnection sub = Clients.v5(transport, clientId, false, SESSION_60S,
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                pub.send(Fixtures.publish5(1, false, 2, topic, "00", "next"));
                pub.expect("40 02 00 02");
                sub.expect(Fixtures.publish5(1, false, 2, topic, "00", "next")); // and not the expired id 1
                sub.send("40 02 00 02");
                sub.send("e0 07 00 05 11 00 00 00 00");
            }
        }
    }

    @BothTransports
    @DisplayName("A retained message expires too: after its interval new subscribers do not get it"
            + " [MQTT-3.3.2-5]")
    void retainedExpires(String transport) throws Exception {
        String topic = id("mx/ret/", transport);
        try (RawConnection pub = Clients.v5Quiet(transport, id("mxretpub", transport))) {
            pub.send(Fixtures.publish5(1, true, 1, topic, props("02 00 00 00 01"), "short-lived"));
            pub.expect("40 03 00 01 10");
            try (RawConnection sub = Clients.v5Quiet(transport, id("mxret1", transport))) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 0));
                sub.expect("90 04 00 01 00 00");
                sub.expect(Fixtures.publish5(0, true, 0, topic, props("02 00 00 00 01"), "short-lived"));
            }
            pub.expectNothing(Duration.ofMillis(1_500));
            try (RawConnection sub = Clients.v5Quiet(transport, id("mxret2", transport))) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 0));
                sub.expect("90 04 00 01 00 00");
                sub.expectNothing(Duration.ofMillis(300));
            }
        }
    }
}
