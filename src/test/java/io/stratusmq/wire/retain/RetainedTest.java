package io.stratusmq.wire.retain;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.subscribe311;
import static io.stratusmq.wire.Fixtures.utf8;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * Retained messages (3.1.1 section 3.3.1.3, 5.0 section 3.3.1.3): one per topic, sent to new subscriptions
 * after the SUBACK with RETAIN set. Each test clears what it retained.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class RetainedTest {

    @BothTransports
    @DisplayName("A retained message is stored and sent to a new subscriber after the SUBACK, with RETAIN = 1"
            + " [MQTT-3.3.1-5] [MQTT-3.3.1-8]")
    void deliveredOnSubscribe(String transport) throws Exception {
        String topic = id("ret/a/", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpub", transport))) {
            pub.send(publish311(1, true, 1, topic, "v1"));
            pub.expect("40 02 00 01");
            try (RawConnection sub = Clients.v311(transport, id("retsub", transport))) {
                sub.send(subscribe311(1, topic, 1));
                sub.expect("90 03 00 01 01"); // SUBACK first
                sub.expect("""
                        33 0d                  // PUBLISH QoS 1, RETAIN 1, remaining length 13
                        %s                     // topic "ret/a/" + tag, 9 bytes
                        00 01                  // packet identifier 1
                        76 31                  // payload "v1"
                        """.formatted(utf8(topic)));
                sub.send("40 02 00 01");
            }
            clear(pub, topic);
        }
    }

    @BothTransports
    @DisplayName("A new retained message replaces the old one on its topic [MQTT-3.3.1-5]")
    void replaced(String transport) throws Exception {
        String topic = id("ret/b/", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpubb", transport))) {
            pub.send(publish311(0, true, 0, topic, "old"));
            pub.send(publish311(0, true, 0, topic, "new"));
            pub.send("c0 00");
            pub.expect("d0 00"); // both handled
            try (RawConnection sub = Clients.v311(transport, id("retsubb", transport))) {
                sub.send(subscribe311(1, topic, 0));
                sub.expect("90 03 00 01 00");
                sub.expect(publish311(0, true, 0, topic, "new"));
                sub.expectNothing(Duration.ofMillis(300));
            }
            clear(pub, topic);
        }
    }

    @BothTransports
    @DisplayName("An empty retained message clears the topic and is not stored, but it is still forwarded to"
            + " current subscribers [MQTT-3.3.1-6] [MQTT-3.3.1-7] (3.1.1: [MQTT-3.3.1-10] [MQTT-3.3.1-11])")
    void clearedByEmptyPayload(String transport) throws Exception {
        String topic = id("ret/c/", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpubc", transport));
                RawConnection live = Clients.v311(transport, id("retlivec", transport))) {
            pub.send(publish311(0, true, 0, topic, "there"));
            pub.send("c0 00");
            pub.expect("d0 00"); // stored before the subscription below
            live.send(subscribe311(1, topic, 0));
            live.expect("90 03 00 01 00");
            live.expect(publish311(0, true, 0, topic, "there")); // retained, on subscribe
            pub.send(publish311(0, true, 0, topic, ""));
            live.expect("""
                    30 09                      // PUBLISH QoS 0, RETAIN 0: a live delivery
                    %s                         // topic "ret/c/" + tag, then the empty payload
                    """.formatted(utf8(topic)));
            try (RawConnection sub = Clients.v311(transport, id("retsubc", transport))) {
                sub.send(subscribe311(1, topic, 0));
                sub.expect("90 03 00 01 00");
                sub.expectNothing(Duration.ofMillis(300)); // nothing retained any more
            }
        }
    }

    @BothTransports
    @DisplayName("A message that matches an established subscription goes out with RETAIN = 0, whatever the"
            + " publisher set [MQTT-3.3.1-9] [MQTT-3.3.1-12]")
    void liveDeliveryRetainZero(String transport) throws Exception {
        String topic = id("ret/d/", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpubd", transport));
                RawConnection sub311 = Clients.v311(transport, id("retsubd", transport));
                RawConnection sub5 = Clients.v5Quiet(transport, id("retsubd5", transport))) {
            sub311.send(subscribe311(1, topic, 0));
            sub311.expect("90 03 00 01 00");
            sub5.send(Fixtures.subscribe5(1, "00", topic, 0x00)); // Retain As Published 0
            sub5.expect("90 04 00 01 00 00");
            pub.send(publish311(0, true, 0, topic, "live"));
            sub311.expect(publish311(0, false, 0, topic, "live")); // 30: RETAIN 0
            sub5.expect(Fixtures.publish5(0, false, 0, topic, "00", "live"));
            clear(pub, topic);
        }
    }

    @BothTransports
    @DisplayName("5.0 Retain As Published: live deliveries keep the publisher's RETAIN flag [MQTT-3.3.1-13]")
    void retainAsPublished(String transport) throws Exception {
        String topic = id("ret/e/", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpube", transport));
                RawConnection sub = Clients.v5Quiet(transport, id("retsube", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 0x08)); // options: QoS 0, Retain As Published
            sub.expect("90 04 00 01 00 00");
            pub.send(publish311(0, true, 0, topic, "kept"));
            sub.expect(Fixtures.publish5(0, true, 0, topic, "00", "kept")); // 31: RETAIN 1
            pub.send(publish311(0, false, 0, topic, "plain"));
            sub.expect(Fixtures.publish5(0, false, 0, topic, "00", "plain")); // 30
            clear(pub, topic);
        }
    }

    @BothTransports
    @DisplayName("5.0 Retain Handling 0 sends retained messages on every SUBSCRIBE, 1 only when the subscription is"
            + " new, 2 never [MQTT-3.3.1-9] [MQTT-3.3.1-10] [MQTT-3.3.1-11]")
    void retainHandling(String transport) throws Exception {
        String topic = id("ret/f/", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpubf", transport));
                RawConnection sub = Clients.v5Quiet(transport, id("retsubf", transport))) {
            pub.send(publish311(0, true, 0, topic, "r"));
            pub.send("c0 00");
            pub.expect("d0 00");
            String retained = Fixtures.publish5(0, true, 0, topic, "00", "r");
            sub.send(Fixtures.subscribe5(1, "00", topic, 0x00)); // retain handling 0
            sub.expect("90 04 00 01 00 00");
            sub.expect(retained);
            sub.send(Fixtures.subscribe5(2, "00", topic, 0x00)); // again, retain handling 0
            sub.expect("90 04 00 02 00 00");
            sub.expect(retained); // sent again
            sub.send(Fixtures.subscribe5(3, "00", topic, 0x10)); // retain handling 1, subscription exists
            sub.expect("90 04 00 03 00 00");
            sub.expectNothing(Duration.ofMillis(300));
            sub.send(Fixtures.subscribe5(4, "00", topic, 0x20)); // retain handling 2
            sub.expect("90 04 00 04 00 00");
            sub.expectNothing(Duration.ofMillis(300));
            sub.send(Fixtures.packet(0xA2, "00 05 00", utf8(topic))); // UNSUBSCRIBE
            sub.expect("b0 04 00 05 00 00");
            sub.send(Fixtures.subscribe5(6, "00", topic, 0x10)); // retain handling 1, new subscription
            sub.expect("90 04 00 06 00 00");
            sub.expect(retained);
            sub.send(Fixtures.packet(0xA2, "00 07 00", utf8(topic)));
            sub.expect("b0 04 00 07 00 00");
            sub.send(Fixtures.subscribe5(8, "00", topic, 0x20)); // retain handling 2, new subscription
            sub.expect("90 04 00 08 00 00");
            sub.expectNothing(Duration.ofMillis(300));
            clear(pub, topic);
        }
    }

    @BothTransports
    @DisplayName("A wildcard subscription gets the retained message of every matching topic, at the lower of its"
            + " stored QoS and the granted QoS [MQTT-3.8.4-8]")
    void wildcardAndQos(String transport) throws Exception {
        String base = id("ret/g", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpubg", transport));
                RawConnection sub = Clients.v311(transport, id("retsubg", transport))) {
            pub.send(publish311(2, true, 1, base + "/x", "two"));
            pub.expect("50 02 00 01");
            pub.send("62 02 00 01");
            pub.expect("70 02 00 01");
            sub.send(subscribe311(1, base + "/+", 1));
            sub.expect("90 03 00 01 01");
            sub.expect(publish311(1, true, 1, base + "/x", "two")); // stored QoS 2, granted 1: QoS 1
            sub.send("40 02 00 01");
            clear(pub, base + "/x");
        }
    }

    @BothTransports
    @DisplayName("A retained message keeps its 5.0 properties for later subscribers")
    void retainedProperties(String transport) throws Exception {
        String topic = id("ret/h/", transport);
        String properties = Fixtures.props(
                "01 01",                        // payload format indicator 1
                "03 " + utf8("text/plain"),     // content type
                "26 " + utf8("k") + " " + utf8("v")); // user property k=v
        try (RawConnection pub = Clients.v5Quiet(transport, id("retpubh", transport))) {
            pub.send(Fixtures.publish5(1, true, 1, topic, properties, "hello"));
            pub.expect("40 03 00 01 10");
            try (RawConnection sub = Clients.v5Quiet(transport, id("retsubh", transport))) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 0));
                sub.expect("90 04 00 01 00 00");
                sub.expect(Fixtures.publish5(0, true, 0, topic, properties, "hello"));
            }
            pub.send(Fixtures.publish5(0, true, 0, topic, "00", "")); // clear
            pub.send("c0 00");
            pub.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("5.0: a retained message sent for a new subscription carries that subscription's identifier"
            + " [MQTT-3.3.4-3]")
    void retainedWithSubscriptionIdentifier(String transport) throws Exception {
        String topic = id("ret/i/", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpubi", transport));
                RawConnection sub = Clients.v5Quiet(transport, id("retsubi", transport))) {
            pub.send(publish311(0, true, 0, topic, "r"));
            pub.send("c0 00");
            pub.expect("d0 00");
            sub.send(Fixtures.subscribe5(1, "02 0b 05", topic, 0)); // subscription identifier 5
            sub.expect("90 04 00 01 00 00");
            sub.expect(Fixtures.publish5(0, true, 0, topic, "02 0b 05", "r"));
            clear(pub, topic);
        }
    }

    @BothTransports
    @DisplayName("Retained messages on '$' topics are not matched by filters that start with a wildcard"
            + " [MQTT-4.7.2-1]")
    void dollarRetained(String transport) throws Exception {
        String topic = "$r/" + id("dollar", transport);
        try (RawConnection pub = Clients.v311(transport, id("retpubdollar", transport));
                RawConnection sub = Clients.v311(transport, id("retsubdollar", transport))) {
            pub.send(publish311(0, true, 0, topic, "system"));
            pub.send("c0 00");
            pub.expect("d0 00");
            sub.send(subscribe311(1, "+/" + id("dollar", transport), 0));
            sub.expect("90 03 00 01 00");
            sub.expectNothing(Duration.ofMillis(300));
            sub.send(subscribe311(2, "$r/+", 0));
            sub.expect("90 03 00 02 00");
            sub.expect(publish311(0, true, 0, topic, "system"));
            clear(pub, topic);
        }
    }

    /** Clears the retained message of a topic: an empty retained PUBLISH at QoS 0, then a ping to sync. */
    private static void clear(RawConnection pub, String topic) throws Exception {
        pub.send(publish311(0, true, 0, topic, ""));
        pub.send("c0 00");
        pub.expect("d0 00");
    }
}
