package io.stratusmq.wire.v5;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
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
import org.junit.jupiter.api.DisplayName;

/** 5.0 Topic Aliases, from the client (up to the server's maximum, 10) and to it (up to its own). */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class TopicAliasTest {

    @BothTransports
    @DisplayName("Inbound: a PUBLISH with topic and alias sets the alias; later ones with an empty topic use it;"
            + " a new topic re-maps it [MQTT-3.3.2-12] (5.0 section 3.3.2.3.4)")
    void inbound(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection sub = Clients.v311(transport, id("aliassub", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("aliaspub", transport))) {
            sub.send(subscribe311(1, "al/#", 0));
            sub.expect("90 03 00 01 00");
            pub.send("""
                    30 0d                      // PUBLISH QoS 0, remaining length 13
                    00 04 61 6c 2f %s          // topic "al/" + tag
                    03 23 00 01                // properties: topic alias 1
                    6f 6e 65                   // payload "one"
                    """.formatted(t));
            sub.expect("30 09 00 04 61 6c 2f %s 6f 6e 65".formatted(t)); // "al/"+tag, "one"
            pub.send("""
                    30 09                      // PUBLISH QoS 0, remaining length 9
                    00 00                      // topic: empty, the alias stands for it
                    03 23 00 01                // properties: topic alias 1
                    74 77 6f                   // payload "two"
                    """);
            sub.expect("30 09 00 04 61 6c 2f %s 74 77 6f".formatted(t)); // the full topic, "two"
            pub.send("32 0d 00 04 61 6c 2f 78 00 01 03 23 00 01 33"); // QoS 1 "al/x", id 1, alias 1 -> "al/x"
            pub.expect("40 02 00 01");
            sub.expect("30 07 00 04 61 6c 2f 78 33");
            pub.send("30 06 00 00 03 23 00 01"); // empty topic, alias 1, no payload
            sub.expect("30 06 00 04 61 6c 2f 78"); // now "al/x"
        }
    }

    @BothTransports
    @DisplayName("Inbound: the Topic Alias Maximum itself (10) is a valid alias [MQTT-3.3.2-9]")
    void inboundAtMaximum(String transport) throws Exception {
        String t = tag(transport);
        try (RawConnection sub = Clients.v311(transport, id("alias10sub", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("alias10pub", transport))) {
            sub.send(subscribe311(1, "am/" + (transport.equals("ws") ? "w" : "t"), 0));
            sub.expect("90 03 00 01 00");
            pub.send("30 0b 00 04 61 6d 2f %s 03 23 00 0a 31".formatted(t)); // "am/"+tag, alias 10, "1"
            pub.send("30 07 00 00 03 23 00 0a 32"); // alias 10, "2"
            sub.expect("30 07 00 04 61 6d 2f %s 31".formatted(t));
            sub.expect("30 07 00 04 61 6d 2f %s 32".formatted(t));
        }
    }

    @BothTransports
    @DisplayName("Inbound aliases belong to one connection: a new connection cannot use them [MQTT-3.3.2-7]")
    void inboundPerConnection(String transport) throws Exception {
        try (RawConnection pub = Clients.v5Quiet(transport, id("aliasconn1", transport))) {
            pub.send("30 0d 00 04 61 6c 2f 7a 03 23 00 02 6f 6e 65"); // "al/z" as alias 2
            pub.send("c0 00");
            pub.expect("d0 00");
        }
        try (RawConnection pub = Clients.v5Quiet(transport, id("aliasconn2", transport))) {
            pub.send("30 09 00 00 03 23 00 02 74 77 6f"); // alias 2, unknown here
            pub.expect("e0 01 82");
            pub.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("Outbound: to a client with Topic Alias Maximum 2, the first message on a topic carries topic and"
            + " alias, later ones an empty topic and the alias; the least recently used alias is reassigned"
            + " [MQTT-3.3.2-8] (5.0 section 3.3.2.3.4)")
    void outbound(String transport) throws Exception {
        String t = tag(transport);
        String a = "oa/" + (transport.equals("ws") ? "w" : "t");
        String b = "ob/" + (transport.equals("ws") ? "w" : "t");
        String c = "oc/" + (transport.equals("ws") ? "w" : "t");
        try (RawConnection sub = Clients.v5(transport, id("aliasout", transport), true,
                props(Clients.NO_PROBLEM_INFO, "22 00 02"), // topic alias maximum 2
                Clients.CONNACK_5);
                RawConnection pub = Clients.v311(transport, id("aliasoutpub", transport))) {
            sub.send(Fixtures.packet(0x82, "00 01 00", Fixtures.utf8(a) + " 00", Fixtures.utf8(b) + " 00",
                    Fixtures.utf8(c) + " 00"));
            sub.expect("90 06 00 01 00 00 00 00");
            pub.send(publish311(0, false, 0, a, "1"));
            sub.expect("""
                    30 0b                      // PUBLISH QoS 0, remaining length 11
                    00 04 6f 61 2f %s          // topic "oa/" + tag
                    03 23 00 01                // properties: topic alias 1, new
                    31                         // payload "1"
                    """.formatted(t));
            pub.send(publish311(0, false, 0, a, "2"));
            sub.expect("""
                    30 07                      // PUBLISH QoS 0, remaining length 7
                    00 00                      // topic: empty
                    03 23 00 01                // properties: topic alias 1, known
                    32                         // payload "2"
                    """);
            pub.send(publish311(0, false, 0, b, "3"));
            sub.expect("30 0b 00 04 6f 62 2f %s 03 23 00 02 33".formatted(t)); // "ob/"+tag takes alias 2
            pub.send(publish311(0, false, 0, b, "4"));
            sub.expect("30 07 00 00 03 23 00 02 34"); // alias 2 alone
            pub.send(publish311(0, false, 0, c, "5"));
            sub.expect("30 0b 00 04 6f 63 2f %s 03 23 00 01 35".formatted(t)); // "oc": alias 1, least recent
            pub.send(publish311(0, false, 0, a, "6"));
            sub.expect("30 0b 00 04 6f 61 2f %s 03 23 00 02 36".formatted(t)); // "oa" again: alias 2
            pub.send(publish311(0, false, 0, c, "7"));
            sub.expect("30 07 00 00 03 23 00 01 37"); // "oc" still has alias 1
        }
    }

    @BothTransports
    @DisplayName("Outbound: the alias goes with the other properties, QoS 1 included; a client without Topic Alias"
            + " Maximum gets none (5.0 section 3.1.2.11.5)")
    void outboundWithProperties(String transport) throws Exception {
        String topic = id("oprop/", transport);
        try (RawConnection sub = Clients.v5(transport, id("aliasprop", transport), true,
                props(Clients.NO_PROBLEM_INFO, "22 00 05"), Clients.CONNACK_5);
                RawConnection plain = Clients.v5Quiet(transport, id("aliasplain", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("aliaspropub", transport))) {
            sub.send(Fixtures.subscribe5(1, "02 0b 07", topic, 1)); // subscription identifier 7, QoS 1
            sub.expect("90 04 00 01 00 01");
            plain.send(Fixtures.subscribe5(1, "00", topic, 1));
            plain.expect("90 04 00 01 00 01");
            String user = "26 " + Fixtures.utf8("k") + " " + Fixtures.utf8("v"); // user property k=v
            pub.send(Fixtures.publish5(1, false, 1, topic, props(user), "x"));
            pub.expect("40 02 00 01");
            sub.expect(Fixtures.publish5(1, false, 1, topic, props(
                    "0b 07",                   // subscription identifier 7
                    "23 00 01",                // topic alias 1
                    user), "x"));              // user property, unchanged
            sub.send("40 02 00 01");
            plain.expect(Fixtures.publish5(1, false, 1, topic, props(user), "x"));
            plain.send("40 02 00 01");
            pub.send(Fixtures.publish5(1, false, 2, topic, props(user), "y"));
            pub.expect("40 02 00 02");
            sub.expect(Fixtures.packet(0x32,
                    "00 00",                   // topic: empty, the alias stands for it
                    "00 02",                   // packet identifier 2
                    props("0b 07", "23 00 01", user), Fixtures.raw("y")));
            plain.expect(Fixtures.publish5(1, false, 2, topic, props(user), "y"));
        }
    }

    @BothTransports
    @DisplayName("Outbound aliases start afresh on a new connection: topic and alias again (5.0 section 3.3.2.3.4)")
    void outboundPerConnection(String transport) throws Exception {
        String topic = id("onew/", transport);
        String clientId = id("aliasnew", transport);
        String connect = props(Clients.NO_PROBLEM_INFO, "22 00 02", "11 00 00 00 3c"); // alias max 2, expiry 60
        try (RawConnection pub = Clients.v311(transport, id("aliasnewpub", transport))) {
            try (RawConnection sub = Clients.v5(transport, clientId, true, connect, Clients.CONNACK_5)) {
                sub.send(Fixtures.subscribe5(1, "00", topic, 0));
                sub.expect("90 04 00 01 00 00");
                pub.send(publish311(0, false, 0, topic, "1"));
                sub.expect(Fixtures.publish5(0, false, 0, topic, props("23 00 01"), "1"));
            }
            try (RawConnection sub = Clients.v5(transport, clientId, false, connect,
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                pub.send(publish311(0, false, 0, topic, "2"));
                sub.expect(Fixtures.publish5(0, false, 0, topic, props("23 00 01"), "2")); // topic again
                sub.send("e0 07 00 05 11 00 00 00 00"); // end the session
            }
        }
    }
}
