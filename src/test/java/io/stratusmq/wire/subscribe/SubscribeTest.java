package io.stratusmq.wire.subscribe;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.subscribe311;
import static io.stratusmq.wire.Fixtures.tag;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/** SUBSCRIBE and SUBACK (3.1.1 sections 3.8-3.9, 5.0 sections 3.8-3.9) and topic matching (section 4.7). */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class SubscribeTest {

    @BothTransports
    @DisplayName("3.1.1: SUBACK grants each filter the QoS asked for, in the order of the filters [MQTT-3.8.4-1]"
            + " [MQTT-3.9.3-1]")
    void grantedQos311(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection c = Clients.v311(transport, id("grant311", transport))) {
            c.send("""
                    82 1d                      // SUBSCRIBE, remaining length 29
                    00 07                      // packet identifier 7
                    00 04 67 2f 30 %s  00      // "g/0" + tag, QoS 0
                    00 04 67 2f 31 %s  01      // "g/1" + tag, QoS 1
                    00 04 67 2f 32 %s  02      // "g/2" + tag, QoS 2
                    00 03 67 2f 2b     01      // "g/+", QoS 1
                    """.formatted(t, t, t));
            c.expect("""
                    90 06                      // SUBACK, remaining length 6
                    00 07                      // packet identifier 7
                    00 01 02 01                // granted QoS 0, 1, 2, 1
                    """);
        }
    }

    @BothTransports
    @DisplayName("5.0: SUBACK has a property section, then one reason code per filter; an invalid filter gets 0x8F"
            + " and the others are still granted (5.0 section 3.9.3)")
    void invalidFilter5(String transport) throws Exception {
        try (RawConnection c = Clients.v5Quiet(transport, id("bad5", transport))) {
            c.send("""
                    82 16                      // SUBSCRIBE, remaining length 22
                    00 02                      // packet identifier 2
                    00                         // properties: none
                    00 05 61 2f 23 2f 62  01   // "a/#/b": '#' not last [MQTT-4.7.1-1], QoS 1
                    00 03 61 2f 62        02   // "a/b", QoS 2
                    00 02 61 2b           00   // "a+": '+' not a whole level [MQTT-4.7.1-2]
                    """);
            c.expect("""
                    90 06                      // SUBACK, remaining length 6
                    00 02                      // packet identifier 2
                    00                         // properties: none
                    8f 02 8f                   // topic filter invalid, granted QoS 2, topic filter invalid
                    """);
        }
    }

    @BothTransports
    @DisplayName("3.1.1: an invalid filter gets the failure code 0x80 in its place [MQTT-3.9.3-2]")
    void invalidFilter311(String transport) throws Exception {
        try (RawConnection c = Clients.v311(transport, id("bad311", transport))) {
            c.send("""
                    82 10                      // SUBSCRIBE, remaining length 16
                    00 03                      // packet identifier 3
                    00 05 61 2f 23 2f 62  01   // "a/#/b", QoS 1
                    00 03 61 2f 62        01   // "a/b", QoS 1
                    """);
            c.expect("""
                    90 04                      // SUBACK
                    00 03                      // packet identifier 3
                    80 01                      // failure, granted QoS 1
                    """);
        }
    }

    @BothTransports
    @DisplayName("3.1: SUBACK has no failure code in 3.1, so an invalid filter closes the connection, as Mosquitto"
            + " does")
    void invalidFilter31(String transport) throws Exception {
        try (RawConnection c = io.stratusmq.testing.Broker.raw(transport)) {
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQIsdp"), "03 02 00 3c",
                    Fixtures.utf8(id("bad31", transport))));
            c.expect("20 02 00 00");
            c.send("""
                    82 10 00 03                // SUBSCRIBE, packet identifier 3
                    00 05 61 2f 23 2f 62  01   // "a/#/b", QoS 1
                    00 03 61 2f 62        01   // "a/b", QoS 1
                    """);
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("5.0: an empty topic filter gets 0x8F [MQTT-4.7.3-1]; a share name without a filter gets 0x8F"
            + " [MQTT-4.8.2-1]")
    void emptyAndBadSharedFilter5(String transport) throws Exception {
        try (RawConnection c = Clients.v5Quiet(transport, id("empty5", transport))) {
            c.send(Fixtures.packet(0x82, "00 04 00", // packet identifier 4, no properties
                    "00 00 01",                       // "" QoS 1
                    Fixtures.utf8("$share/g") + " 01", // no filter after the share name
                    Fixtures.utf8("$share//t") + " 01")); // empty share name
            c.expect("90 06 00 04 00 8f 8f 8f");
        }
    }

    @BothTransports
    @DisplayName("'+' matches exactly one level, an empty one included [MQTT-4.7.1-2]")
    void singleLevelWildcard(String transport) throws Exception {
        String base = id("plus", transport);
        try (RawConnection sub = Clients.v311(transport, id("plussub", transport));
                RawConnection pub = Clients.v311(transport, id("pluspub", transport))) {
            sub.send(subscribe311(1, base + "/+/x", 0));
            sub.expect("90 03 00 01 00");
            for (String topic : new String[] {base + "/a/x", base + "/a/b/x", base + "//x", base + "/x",
                    base + "/b/x"}) {
                pub.send(publish311(0, false, 0, topic, topic));
            }
            sub.expect(publish311(0, false, 0, base + "/a/x", base + "/a/x"));
            sub.expect(publish311(0, false, 0, base + "//x", base + "//x"));
            sub.expect(publish311(0, false, 0, base + "/b/x", base + "/b/x"));
            sub.expectNothing(Duration.ofMillis(200));
        }
    }

    @BothTransports
    @DisplayName("'#' matches the parent level and any number of levels below [MQTT-4.7.1-2]")
    void multiLevelWildcard(String transport) throws Exception {
        String base = id("hash", transport);
        try (RawConnection sub = Clients.v311(transport, id("hashsub", transport));
                RawConnection pub = Clients.v311(transport, id("hashpub", transport))) {
            sub.send(subscribe311(1, base + "/s/#", 0));
            sub.expect("90 03 00 01 00");
            for (String topic : new String[] {base + "/s", base + "/s/a", base + "/s/a/b", base + "/t",
                    base + "/s/"}) {
                pub.send(publish311(0, false, 0, topic, "x"));
            }
            sub.expect(publish311(0, false, 0, base + "/s", "x"));
            sub.expect(publish311(0, false, 0, base + "/s/a", "x"));
            sub.expect(publish311(0, false, 0, base + "/s/a/b", "x"));
            sub.expect(publish311(0, false, 0, base + "/s/", "x"));
            sub.expectNothing(Duration.ofMillis(200));
        }
    }

    @BothTransports
    @DisplayName("Topic levels match exactly, case included [MQTT-4.7.3-4]")
    void caseSensitive(String transport) throws Exception {
        String base = id("case", transport);
        try (RawConnection sub = Clients.v311(transport, id("casesub", transport));
                RawConnection pub = Clients.v311(transport, id("casepub", transport))) {
            sub.send(subscribe311(1, base + "/ab", 0));
            sub.expect("90 03 00 01 00");
            pub.send(publish311(0, false, 0, base + "/AB", "upper"));
            pub.send(publish311(0, false, 0, base + "/ab", "lower"));
            sub.expect(publish311(0, false, 0, base + "/ab", "lower"));
        }
    }

    @BothTransports
    @DisplayName("Filters starting with a wildcard do not match topics starting with '$' [MQTT-4.7.2-1]; '$x/#'"
            + " does")
    void dollarTopics(String transport) throws Exception {
        String topic = "$x/" + id("dollar", transport);
        try (RawConnection wild = Clients.v5Quiet(transport, id("dollarwild", transport));
                RawConnection dollar = Clients.v5Quiet(transport, id("dollarsub", transport));
                RawConnection pub = Clients.v311(transport, id("dollarpub", transport))) {
            wild.send(Fixtures.packet(0x82, "00 01 00",
                    Fixtures.utf8("#") + " 20",      // "#", retain handling 2: no retained messages
                    Fixtures.utf8("+/" + id("dollar", transport)) + " 20")); // "+/dollarw"
            wild.expect("90 05 00 01 00 00 00");
            dollar.send(Fixtures.subscribe5(1, "00", "$x/#", 0x20));
            dollar.expect("90 04 00 01 00 00");
            pub.send(publish311(0, false, 0, topic, "dollar"));
            dollar.expect(Fixtures.publish5(0, false, 0, topic, "00", "dollar"));
            wild.expectNothing(Duration.ofMillis(300));
        }
    }

    @BothTransports
    @DisplayName("U+FEFF (bytes ef bb bf) is part of a topic, never stripped: it does not match the topic without it"
            + " [MQTT-1.5.4-3]")
    void byteOrderMarkKept(String transport) throws Exception {
        String plain = id("bom/", transport);
        String marked = "\uFEFF" + plain;
        try (RawConnection sub = Clients.v311(transport, id("bomsub", transport));
                RawConnection pub = Clients.v311(transport, id("bompub", transport))) {
            sub.send(subscribe311(1, marked, 0));
            sub.expect("90 03 00 01 00");
            pub.send(publish311(0, false, 0, plain, "plain"));
            pub.send("""
                    30 %s                      // PUBLISH QoS 0
                    00 %s ef bb bf %s          // topic: U+FEFF, then the plain topic
                    6d                         // payload "m"
                    """.formatted(Fixtures.varInt(2 + 3 + plain.length() + 1),
                    String.format("%02x", 3 + plain.length()), Fixtures.raw(plain)));
            sub.expect(publish311(0, false, 0, marked, "m")); // only the marked one, BOM included
        }
    }

    @BothTransports
    @DisplayName("SUBSCRIBE to a filter already subscribed replaces the subscription: one delivery, at the new QoS"
            + " [MQTT-3.8.4-3]")
    void replaceSubscription(String transport) throws Exception {
        String topic = id("replace/", transport);
        try (RawConnection sub = Clients.v311(transport, id("replacesub", transport));
                RawConnection pub = Clients.v311(transport, id("replacepub", transport))) {
            sub.send(subscribe311(1, topic, 2));
            sub.expect("90 03 00 01 02");
            sub.send(subscribe311(2, topic, 0));
            sub.expect("90 03 00 02 00");
            pub.send(publish311(2, false, 1, topic, "once"));
            sub.expect(publish311(0, false, 0, topic, "once"));
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @BothTransports
    @DisplayName("A subscription's messages start right after its SUBACK: a PUBLISH in the same write as the"
            + " SUBSCRIBE is delivered")
    void subscribeThenPublishInOneWrite(String transport) throws Exception {
        String topic = id("sameWrite/", transport);
        try (RawConnection c = Clients.v311(transport, id("samewrite", transport))) {
            c.send(subscribe311(1, topic, 0) + " " + publish311(0, false, 0, topic, "me"));
            c.expect("90 03 00 01 00");
            c.expect(publish311(0, false, 0, topic, "me"));
        }
    }

    @BothTransports
    @DisplayName("A 3.1.1 SUBSCRIBE asking for QoS 3 is malformed: the connection closes [MQTT-3.8.3-4]")
    void qos3(String transport) throws Exception {
        try (RawConnection c = Clients.v311(transport, id("qos3", transport))) {
            c.send("82 08 00 01 00 03 61 2f 62 03");
            c.expectClosed();
        }
    }
}
