package io.stratusmq.wire.subscribe;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** Shared subscriptions $share/{group}/{filter}: each message goes to one member of the group (5.0 section 4.8.2). */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class SharedSubscriptionTest {

    @BothTransports
    @DisplayName("Each message goes to exactly one member: two members, 10 messages, 10 deliveries, both got some;"
            + " a plain subscriber beside them gets all 10 (5.0 section 4.8.2)")
    void oneMemberPerMessage(String transport) throws Exception {
        String topic = id("shared/", transport);
        String share = "$share/g/" + topic;
        try (RawConnection m1 = Clients.v5Quiet(transport, id("member1", transport));
                RawConnection m2 = Clients.v5Quiet(transport, id("member2", transport));
                RawConnection plain = Clients.v311(transport, id("plain", transport));
                RawConnection pub = Clients.v311(transport, id("sharepub", transport))) {
            m1.send(Fixtures.subscribe5(1, "00", share, 1));
            m1.expect("90 04 00 01 00 01");
            m2.send(Fixtures.subscribe5(1, "00", share, 1));
            m2.expect("90 04 00 01 00 01");
            plain.send(Fixtures.subscribe311(1, topic, 0));
            plain.expect("90 03 00 01 00");
            for (int i = 0; i < 10; i++) {
                pub.send(publish311(1, false, i + 1, topic, "m" + i));
                pub.expect(String.format("40 02 00 %02x", i + 1));
            }
            for (int i = 0; i < 10; i++) {
                plain.expect(publish311(0, false, 0, topic, "m" + i));
            }
            List<String> got1 = drain(m1);
            List<String> got2 = drain(m2);
            assertThat(got1).isNotEmpty();
            assertThat(got2).isNotEmpty();
            List<String> all = new ArrayList<>(got1);
            all.addAll(got2);
            assertThat(all).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        }
    }

    @BothTransports
    @DisplayName("When a member leaves, the others get every message")
    void memberLeaves(String transport) throws Exception {
        String topic = id("sharedleave/", transport);
        String share = "$share/g/" + topic;
        try (RawConnection m1 = Clients.v311(transport, id("leave1", transport));
                RawConnection pub = Clients.v311(transport, id("leavepub", transport))) {
            try (RawConnection m2 = Clients.v311(transport, id("leave2", transport))) {
                m1.send(Fixtures.subscribe311(1, share, 0));
                m1.expect("90 03 00 01 00");
                m2.send(Fixtures.subscribe311(1, share, 0));
                m2.expect("90 03 00 01 00");
                m2.send("e0 00");
                m2.expectClosed();
            }
            for (int i = 0; i < 4; i++) {
                pub.send(publish311(0, false, 0, topic, "m" + i));
            }
            for (int i = 0; i < 4; i++) {
                m1.expect(publish311(0, false, 0, topic, "m" + i));
            }
        }
    }

    @BothTransports
    @DisplayName("Retained messages are not sent to a new shared subscription (5.0 section 4.8.2)")
    void noRetainedForShared(String transport) throws Exception {
        String topic = id("sharedretained/", transport);
        try (RawConnection pub = Clients.v311(transport, id("sharedretpub", transport));
                RawConnection m = Clients.v5Quiet(transport, id("sharedretsub", transport))) {
            pub.send(publish311(1, true, 1, topic, "retained"));
            pub.expect("40 02 00 01");
            m.send(Fixtures.subscribe5(1, "00", "$share/g/" + topic, 1));
            m.expect("90 04 00 01 00 01");
            m.expectNothing(Duration.ofMillis(300));
            pub.send(publish311(1, true, 2, topic, "")); // clear the retained message
            pub.expect("40 02 00 02");
        }
    }

    /** Reads and acknowledges whatever the member got, until it gets nothing for a while. */
    private static List<String> drain(RawConnection member) throws Exception {
        List<String> payloads = new ArrayList<>();
        while (true) {
            byte[] p;
            try {
                p = member.receive(Duration.ofMillis(500));
            } catch (AssertionError none) {
                return payloads;
            }
            Published m = Published.parse(p, true);
            payloads.add(m.payload());
            member.send(m.ack());
        }
    }
}
