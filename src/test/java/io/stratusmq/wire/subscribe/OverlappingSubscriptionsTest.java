package io.stratusmq.wire.subscribe;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.subscribe311;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.Hex;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * A message that matches several subscriptions of one client goes to it once, at the highest QoS granted
 * among them, carrying every matching Subscription Identifier [MQTT-3.3.4-2] [MQTT-3.3.4-3] [MQTT-3.3.4-4].
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class OverlappingSubscriptionsTest {

    @BothTransports
    @DisplayName("5.0: one delivery at the highest granted QoS with every matching Subscription Identifier"
            + " [MQTT-3.3.4-2] [MQTT-3.3.4-3] [MQTT-3.3.4-4]")
    void oneDeliveryWithEveryIdentifier(String transport) throws Exception {
        String base = id("ov", transport);
        String topic = base + "/a";
        try (RawConnection sub = Clients.v5Quiet(transport, id("ovsub", transport));
                RawConnection pub = Clients.v311(transport, id("ovpub", transport))) {
            sub.send(Fixtures.subscribe5(1, "02 0b 01", base + "/+", 0x01)); // subscription id 1, QoS 1
            sub.expect("90 04 00 01 00 01");
            sub.send(Fixtures.subscribe5(2, "02 0b 02", base + "/#", 0x02)); // subscription id 2, QoS 2
            sub.expect("90 04 00 02 00 02");
            sub.send(Fixtures.subscribe5(3, "00", topic, 0x00)); // no subscription id, QoS 0
            sub.expect("90 04 00 03 00 00");
            pub.send(publish311(2, false, 1, topic, "one"));
            pub.expect("50 02 00 01");
            byte[] delivered = sub.receive();
            // The identifiers' order is not specified [MQTT-3.3.4-4]; the broker lists them as its trie finds them.
            String ids12 = Fixtures.publish5(2, false, 1, topic, "04 0b 01 0b 02", "one");
            String ids21 = Fixtures.publish5(2, false, 1, topic, "04 0b 02 0b 01", "one");
            assertThat(Hex.hex(delivered)).isIn(ids12, ids21); // QoS 2, ids 1 and 2, once
            sub.send("50 02 00 01");
            sub.expect("62 02 00 01");
            sub.send("70 02 00 01");
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @BothTransports
    @DisplayName("3.1.1: overlapping subscriptions give one delivery at the highest granted QoS [MQTT-3.3.5-1]")
    void oneDelivery311(String transport) throws Exception {
        String base = id("ov311", transport);
        try (RawConnection sub = Clients.v311(transport, id("ov311sub", transport));
                RawConnection pub = Clients.v311(transport, id("ov311pub", transport))) {
            sub.send(subscribe311(1, base + "/#", 0));
            sub.expect("90 03 00 01 00");
            sub.send(subscribe311(2, base + "/+", 1));
            sub.expect("90 03 00 02 01");
            pub.send(publish311(1, false, 1, base + "/x", "once"));
            sub.expect(publish311(1, false, 1, base + "/x", "once"));
            sub.send("40 02 00 01");
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @BothTransports
    @DisplayName("5.0: a Subscription Identifier comes with the messages of its subscription only; a SUBSCRIBE"
            + " without one replaces the identifier (3.8.2.1.2)")
    void identifierPerSubscription(String transport) throws Exception {
        String base = id("sid", transport);
        try (RawConnection sub = Clients.v5Quiet(transport, id("sidsub", transport));
                RawConnection pub = Clients.v311(transport, id("sidpub", transport))) {
            sub.send(Fixtures.subscribe5(1, "03 0b ac 02", base + "/a", 0)); // subscription id 300
            sub.expect("90 04 00 01 00 00");
            sub.send(Fixtures.subscribe5(2, "00", base + "/b", 0));
            sub.expect("90 04 00 02 00 00");
            pub.send(publish311(0, false, 0, base + "/a", "a"));
            sub.expect(Fixtures.publish5(0, false, 0, base + "/a", "03 0b ac 02", "a")); // id 300
            pub.send(publish311(0, false, 0, base + "/b", "b"));
            sub.expect(Fixtures.publish5(0, false, 0, base + "/b", "00", "b")); // none
            sub.send(Fixtures.subscribe5(3, "00", base + "/a", 0)); // replaces, now without id
            sub.expect("90 04 00 03 00 00");
            pub.send(publish311(0, false, 0, base + "/a", "a2"));
            sub.expect(Fixtures.publish5(0, false, 0, base + "/a", "00", "a2"));
        }
    }
}
