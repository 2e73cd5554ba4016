package io.stratusmq.wire.subscribe;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.subscribe311;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/** UNSUBSCRIBE and UNSUBACK (3.1.1 sections 3.10-3.11, 5.0 sections 3.10-3.11). */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class UnsubscribeTest {

    @BothTransports
    @DisplayName("3.1.1: UNSUBACK is the packet identifier only; no more messages for the filter [MQTT-3.10.4-4]"
            + " [MQTT-3.10.4-1]")
    void unsubscribe311(String transport) throws Exception {
        String topic = id("unsub/", transport);
        try (RawConnection sub = Clients.v311(transport, id("unsub311", transport));
                RawConnection pub = Clients.v311(transport, id("unsubpub", transport))) {
            sub.send(subscribe311(1, topic, 1));
            sub.expect("90 03 00 01 01");
            sub.send(Fixtures.unsubscribe311(2, topic));
            sub.expect("""
                    b0 02                      // UNSUBACK, remaining length 2
                    00 02                      // packet identifier 2
                    """);
            pub.send(publish311(1, false, 1, topic, "gone"));
            pub.expect("40 02 00 01");
            sub.expectNothing(Duration.ofMillis(300));
            sub.send(Fixtures.unsubscribe311(3, topic)); // nothing to remove: UNSUBACK all the same
            sub.expect("b0 02 00 03");
        }
    }

    @BothTransports
    @DisplayName("5.0: UNSUBACK has one reason code per filter: 0x00 removed, 0x11 no subscription existed"
            + " [MQTT-3.11.3-1]")
    void unsubscribe5(String transport) throws Exception {
        String t = Fixtures.tag(transport);
        try (RawConnection c = Clients.v5Quiet(transport, id("unsub5", transport))) {
            c.send("82 0a 00 01 00 00 04 75 35 2f %s 01".formatted(t)); // SUBSCRIBE "u5/"+tag QoS 1
            c.expect("90 04 00 01 00 01");
            c.send("""
                    a2 13                      // UNSUBSCRIBE, remaining length 19
                    00 02                      // packet identifier 2
                    00                         // properties: none
                    00 04 75 35 2f %s          // "u5/" + tag: subscribed
                    00 04 75 36 2f %s          // "u6/" + tag: never subscribed
                    00 02 61 23                // "a#": not a valid filter
                    """.formatted(t, t));
            c.expect("""
                    b0 06                      // UNSUBACK, remaining length 6
                    00 02                      // packet identifier 2
                    00                         // properties: none
                    00                         // success
                    11                         // no subscription existed
                    8f                         // topic filter invalid
                    """);
        }
    }

    @BothTransports
    @DisplayName("Unsubscribing one filter leaves the client's other subscriptions alone")
    void othersStay(String transport) throws Exception {
        String a = id("keepa/", transport);
        String b = id("keepb/", transport);
        try (RawConnection c = Clients.v311(transport, id("keep", transport))) {
            c.send(subscribe311(1, a, 0));
            c.expect("90 03 00 01 00");
            c.send(subscribe311(2, b, 0));
            c.expect("90 03 00 02 00");
            c.send(Fixtures.unsubscribe311(3, a));
            c.expect("b0 02 00 03");
            c.send(publish311(0, false, 0, a, "a"));
            c.send(publish311(0, false, 0, b, "b"));
            c.expect(publish311(0, false, 0, b, "b"));
            c.expectNothing(Duration.ofMillis(200));
        }
    }

    @BothTransports
    @DisplayName("UNSUBSCRIBE with flags 0000 is malformed: the connection closes [MQTT-3.10.1-1]")
    void reservedFlags(String transport) throws Exception {
        try (RawConnection c = Clients.v311(transport, id("unsubflags", transport))) {
            c.send("a0 07 00 01 00 03 61 2f 62");
            c.expectClosed();
        }
    }
}
