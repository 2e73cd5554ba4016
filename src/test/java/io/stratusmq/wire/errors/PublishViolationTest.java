package io.stratusmq.wire.errors;

import static io.stratusmq.wire.errors.Violations.closes311;
import static io.stratusmq.wire.errors.Violations.disconnects5;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Bystander;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/** PUBLISH and SUBSCRIBE packets that parse but break a rule: the reason code 5.0 names for each. */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class PublishViolationTest {

    @BothTransports
    @DisplayName("A '+' in a PUBLISH topic name: DISCONNECT 0x90 (topic name invalid) [MQTT-3.3.2-2]")
    void plusInTopicName(String transport) throws Exception {
        disconnects5(transport, """
                30 07                      // PUBLISH QoS 0, remaining length 7
                00 03 61 2f 2b             // topic "a/+"
                00                         // properties: none
                78                         // payload "x"
                """, "e0 01 90");
        closes311(transport, "30 06 00 03 61 2f 2b 78");
    }

    @BothTransports
    @DisplayName("A '#' in a PUBLISH topic name: DISCONNECT 0x90 [MQTT-3.3.2-2]")
    void hashInTopicName(String transport) throws Exception {
        disconnects5(transport, "30 07 00 03 61 2f 23 00 78", "e0 01 90"); // topic "a/#"
    }

    @BothTransports
    @DisplayName("PUBLISH QoS 1 with packet identifier 0: DISCONNECT 0x82 [MQTT-2.2.1-3]")
    void packetIdZeroQos1(String transport) throws Exception {
        disconnects5(transport, """
                32 09                      // PUBLISH QoS 1, remaining length 9
                00 03 61 2f 62             // topic "a/b"
                00 00                      // packet identifier 0
                00                         // properties: none
                78                         // payload "x"
                """, "e0 01 82");
        closes311(transport, "32 08 00 03 61 2f 62 00 00 78");
    }

    @BothTransports
    @DisplayName("PUBLISH QoS 2 with packet identifier 0: DISCONNECT 0x82 [MQTT-2.2.1-3]")
    void packetIdZeroQos2(String transport) throws Exception {
        disconnects5(transport, "34 09 00 03 61 2f 62 00 00 00 78", "e0 01 82");
    }

    @BothTransports
    @DisplayName("SUBSCRIBE with packet identifier 0: DISCONNECT 0x82 [MQTT-2.2.1-3]")
    void subscribePacketIdZero(String transport) throws Exception {
        disconnects5(transport, "82 09 00 00 00 00 03 61 2f 62 00", "e0 01 82");
    }

    @BothTransports
    @DisplayName("A Subscription Identifier in a PUBLISH from a client: DISCONNECT 0x82 [MQTT-3.3.4-6]")
    void subscriptionIdentifierFromClient(String transport) throws Exception {
        disconnects5(transport, """
                30 09                      // PUBLISH QoS 0, remaining length 9
                00 03 61 2f 62             // topic "a/b"
                02 0b 01                   // properties: subscription identifier 1
                78                         // payload "x"
                """, "e0 01 82");
    }

    @BothTransports
    @DisplayName("Topic Alias 0: DISCONNECT 0x94 (topic alias invalid) [MQTT-3.3.2-8]")
    void topicAliasZero(String transport) throws Exception {
        disconnects5(transport, """
                30 0a                      // PUBLISH QoS 0, remaining length 10
                00 03 61 2f 62             // topic "a/b"
                03 23 00 00                // properties: topic alias 0
                78                         // payload "x"
                """, "e0 01 94");
    }

    @BothTransports
    @DisplayName("A Topic Alias above the Topic Alias Maximum the server sent (10): DISCONNECT 0x94 [MQTT-3.3.2-9]")
    void topicAliasAboveMaximum(String transport) throws Exception {
        disconnects5(transport, """
                30 0a 00 03 61 2f 62       // PUBLISH QoS 0, topic "a/b"
                03 23 00 0b                // properties: topic alias 11
                78                         // payload "x"
                """, "e0 01 94");
    }

    @BothTransports
    @DisplayName("An empty topic with a Topic Alias never set on this connection: DISCONNECT 0x82"
            + " (5.0 section 3.3.2.3.4)")
    void unknownTopicAlias(String transport) throws Exception {
        disconnects5(transport, """
                30 07                      // PUBLISH QoS 0, remaining length 7
                00 00                      // topic: empty
                03 23 00 01                // properties: topic alias 1, not mapped yet
                78                         // payload "x"
                """, "e0 01 82");
    }

    @BothTransports
    @DisplayName("An empty topic without a Topic Alias: DISCONNECT 0x82 [MQTT-4.7.3-1]")
    void emptyTopicWithoutAlias(String transport) throws Exception {
        disconnects5(transport, "30 04 00 00 00 78", "e0 01 82"); // empty topic, no properties, "x"
        closes311(transport, "30 03 00 00 78");
    }

    @BothTransports
    @DisplayName("Payload Format Indicator 1 with a payload that is not UTF-8, QoS 1: PUBACK 0x99 and the"
            + " message is not forwarded; the connection stays (5.0 section 3.3.2.3.2)")
    void payloadFormatInvalidQos1(String transport) throws Exception {
        String topic = Fixtures.id("pfi/q1/", transport);
        try (RawConnection sub = Clients.v311(transport, Fixtures.id("pfisub1", transport));
                RawConnection c = Clients.v5Quiet(transport, Fixtures.id("pfi1", transport))) {
            sub.send(Fixtures.subscribe311(1, topic, 1));
            sub.expect("90 03 00 01 01");
            c.send(Fixtures.packet(0x32, Fixtures.utf8(topic),
                    "00 01",                   // packet identifier 1
                    "02 01 01",                // properties: payload format indicator 1 (UTF-8)
                    "ff fe"));                 // payload: not UTF-8
            c.expect("""
                    40 03                      // PUBACK, remaining length 3
                    00 01                      // packet identifier 1
                    99                         // reason code 0x99: payload format invalid
                    """);
            c.send("c0 00");
            c.expect("d0 00");
            sub.expectNothing(Duration.ofMillis(300));
        }
    }

    @BothTransports
    @DisplayName("Payload Format Indicator 1 with a payload that is not UTF-8, QoS 2: PUBREC 0x99, the flow ends"
            + " there")
    void payloadFormatInvalidQos2(String transport) throws Exception {
        try (RawConnection c = Clients.v5Quiet(transport, Fixtures.id("pfi2", transport))) {
            c.send("""
                    34 0c                      // PUBLISH QoS 2, remaining length 12
                    00 03 61 2f 62             // topic "a/b"
                    00 01                      // packet identifier 1
                    02 01 01                   // properties: payload format indicator 1
                    ff fe                      // payload: not UTF-8
                    """);
            c.expect("50 03 00 01 99"); // PUBREC 1, reason 0x99
            c.send("62 02 00 01"); // PUBREL 1 anyway
            c.expect("70 03 00 01 92"); // PUBCOMP 1, 0x92: nothing awaited PUBREL under that id
        }
    }

    @BothTransports
    @DisplayName("Payload Format Indicator 1 with a payload that is not UTF-8, QoS 0: DISCONNECT 0x99")
    void payloadFormatInvalidQos0(String transport) throws Exception {
        disconnects5(transport, """
                30 0a                      // PUBLISH QoS 0, remaining length 10
                00 03 61 2f 62             // topic "a/b"
                02 01 01                   // properties: payload format indicator 1
                ff fe                      // payload: not UTF-8
                """, "e0 01 99");
    }

    @BothTransports
    @DisplayName("Payload Format Indicator 2 is neither 0 nor 1: a protocol error, 0x82")
    void payloadFormatIndicatorTwo(String transport) throws Exception {
        disconnects5(transport, "30 0a 00 03 61 2f 62 02 01 02 78 79", "e0 01 82");
    }

    @BothTransports
    @DisplayName("No Local on a shared subscription: DISCONNECT 0x82 [MQTT-3.8.3-4]")
    void noLocalOnSharedSubscription(String transport) throws Exception {
        disconnects5(transport, """
                82 10                      // SUBSCRIBE, remaining length 16
                00 01                      // packet identifier 1
                00                         // properties: none
                00 0a 24 73 68 61 72 65 2f 67 2f 74 // filter "$share/g/t"
                04                         // options: QoS 0, No Local
                """, "e0 01 82");
    }

    @BothTransports
    @DisplayName("Subscription Identifier 0 in SUBSCRIBE is a protocol error: 0x82 (5.0 section 3.8.2.1.2)")
    void subscriptionIdentifierZero(String transport) throws Exception {
        disconnects5(transport, """
                82 0b 00 01                // SUBSCRIBE, packet identifier 1
                02 0b 00                   // properties: subscription identifier 0
                00 03 61 2f 62 00          // "a/b", QoS 0
                """, "e0 01 82");
    }

    @BothTransports
    @DisplayName("Two Subscription Identifiers in one SUBSCRIBE are a protocol error: 0x82 (5.0 section 3.8.2.1.2)")
    void twoSubscriptionIdentifiers(String transport) throws Exception {
        disconnects5(transport, """
                82 0d 00 01                // SUBSCRIBE, packet identifier 1
                04 0b 01 0b 02             // properties: subscription identifiers 1 and 2
                00 03 61 2f 62 00          // "a/b", QoS 0
                """, "e0 01 82");
    }

    @BothTransports
    @DisplayName("A wildcard in a Response Topic is a protocol error: 0x82 [MQTT-3.3.2-14]")
    void wildcardInResponseTopic(String transport) throws Exception {
        disconnects5(transport, """
                30 0b 00 03 61 2f 62       // PUBLISH QoS 0, topic "a/b"
                04 08 00 01 23             // properties: response topic "#"
                78                         // payload "x"
                """, "e0 01 82");
    }

    @BothTransports
    @DisplayName("A malformed PUBLISH from a client with a will publishes the will: abnormal close (3.1.2.5)")
    void violationPublishesWill(String transport) throws Exception {
        String willTopic = Fixtures.id("violation/will/", transport);
        try (Bystander other = Bystander.connect(transport);
                RawConnection sub = Clients.v311(transport, Fixtures.id("willwatch", transport));
                RawConnection c = io.stratusmq.testing.Broker.raw(transport)) {
            sub.send(Fixtures.subscribe311(1, willTopic, 0));
            sub.expect("90 03 00 01 00");
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQTT"), "04",
                    "06",                      // connect flags: will flag + clean session
                    "00 3c", Fixtures.utf8(Fixtures.id("violator", transport)),
                    Fixtures.utf8(willTopic),  // will topic
                    "00 04 64 65 61 64"));     // will payload "dead"
            c.expect(Clients.CONNACK_311);
            c.send("00 00"); // reserved packet type
            c.expectClosed();
            sub.expect(Fixtures.publish311(0, false, 0, willTopic, "dead"));
            other.assertStillServed();
        }
    }
}
