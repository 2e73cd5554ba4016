package io.stratusmq.wire.session;

import static io.stratusmq.wire.Clients.CONNACK_311;
import static io.stratusmq.wire.Clients.CONNACK_311_SESSION_PRESENT;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.subscribe311;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * A persistent session outlives its connection: it keeps the subscriptions and queues QoS 1 and 2 messages
 * while the client is away, but not QoS 0 [MQTT-3.1.2-4] [MQTT-3.1.2-5].
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class PersistentSessionTest {

    @BothTransports
    @DisplayName("Subscriptions survive the connection; QoS 1 and 2 messages published meanwhile are delivered on"
            + " resume, QoS 0 ones are not [MQTT-3.1.2-5]")
    void queuesQos1And2Offline(String transport) throws Exception {
        String clientId = id("offline", transport);
        String topic = id("offline/", transport);
        try (RawConnection pub = Clients.v311(transport, id("offlinepub", transport))) {
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311)) {
                sub.send(subscribe311(1, topic, 2));
                sub.expect("90 03 00 01 02");
                sub.send("e0 00");
                sub.expectClosed();
            }
            pub.send(publish311(0, false, 0, topic, "zero"));
            pub.send(publish311(1, false, 1, topic, "one"));
            pub.expect("40 02 00 01");
            pub.send(publish311(2, false, 2, topic, "two"));
            pub.expect("50 02 00 02");
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311_SESSION_PRESENT)) {
                sub.expect(publish311(1, false, 1, topic, "one"));
                sub.expect(publish311(2, false, 2, topic, "two"));
                sub.send("40 02 00 01");
                sub.send("50 02 00 02");
                sub.expect("62 02 00 02");
                sub.send("70 02 00 02");
                pub.send(publish311(0, false, 0, topic, "live")); // the subscription is still there
                sub.expect(publish311(0, false, 0, topic, "live"));
                sub.send("e0 00");
            }
            try (RawConnection sub = Clients.v311(transport, clientId, true, CONNACK_311)) {
                sub.send("e0 00"); // clean session: ends it
            }
        }
    }

    @BothTransports
    @DisplayName("A Clean Session connection's subscriptions end with it: nothing is queued afterwards"
            + " [MQTT-3.1.2-6]")
    void cleanSessionKeepsNothing(String transport) throws Exception {
        String clientId = id("cleanonly", transport);
        String topic = id("cleanonly/", transport);
        try (RawConnection pub = Clients.v311(transport, id("cleanonlypub", transport))) {
            try (RawConnection sub = Clients.v311(transport, clientId, true, CONNACK_311)) {
                sub.send(subscribe311(1, topic, 1));
                sub.expect("90 03 00 01 01");
                sub.send("e0 00");
                sub.expectClosed();
            }
            pub.send(publish311(1, false, 1, topic, "lost"));
            pub.expect("40 02 00 01");
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311)) {
                sub.expectNothing(Duration.ofMillis(300));
                pub.send(publish311(1, false, 2, topic, "still lost"));
                pub.expect("40 02 00 02");
                sub.expectNothing(Duration.ofMillis(300)); // no subscription either
                sub.send("e0 00");
            }
            try (RawConnection sub = Clients.v311(transport, clientId, true, CONNACK_311)) {
                sub.send("e0 00");
            }
        }
    }

    @BothTransports
    @DisplayName("A message that matches a QoS 0 subscription is QoS 0 for that session, so it is not queued"
            + " while offline")
    void grantedQos0NotQueued(String transport) throws Exception {
        String clientId = id("offline0", transport);
        String topic = id("offline0/", transport);
        try (RawConnection pub = Clients.v311(transport, id("offline0pub", transport))) {
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311)) {
                sub.send(subscribe311(1, topic, 0));
                sub.expect("90 03 00 01 00");
            }
            pub.send(publish311(2, false, 1, topic, "q2 at q0"));
            pub.expect("50 02 00 01");
            try (RawConnection sub = Clients.v311(transport, clientId, true, CONNACK_311)) {
                sub.expectNothing(Duration.ofMillis(300));
            }
        }
    }
}
