package io.stratusmq.wire.session;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static io.stratusmq.wire.Fixtures.publish311;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import io.stratusmq.wire.LimitsProfile;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * An online subscriber whose queue passes stratus.mqtt.max-queued-messages (3) slows its publishers down
 * instead of losing what they were told was received (README: flow control instead of loss).
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class BackpressureTest {

    @BothTransports
    @DisplayName("A slow online subscriber gets every acknowledged QoS 1 message, in order; the publisher waits for"
            + " its PUBACKs meanwhile")
    void slowSubscriberLosesNothing(String transport) throws Exception {
        String topic = id("slow/", transport);
        try (RawConnection sub = Clients.v5(transport, id("slowsub", transport), true, LimitsProfile.MAX_KEEP_ALIVE,
                props(Clients.NO_PROBLEM_INFO, "21 00 01"), // receive maximum 1
                LimitsProfile.CONNACK_5);
                RawConnection pub = Clients.v311(transport, id("slowpub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 1));
            sub.expect("90 04 00 01 00 01");
            StringBuilder burst = new StringBuilder();
            for (int i = 1; i <= 10; i++) {
                burst.append(publish311(1, false, i, topic, "m" + i)).append(' ');
            }
            pub.send(burst.toString()); // ten QoS 1 messages in one write
            sub.expect(Fixtures.publish5(1, false, 1, topic, "00", "m1"));
            // one in flight and three queued: the publisher is held back before all ten are acknowledged
            int acked = 0;
            while (acked < 10) {
                try {
                    pub.receive(Duration.ofMillis(300));
                    acked++;
                } catch (AssertionError heldBack) {
                    break;
                }
            }
            org.assertj.core.api.Assertions.assertThat(acked).isLessThan(10);
            sub.send("40 02 00 01");
            for (int i = 2; i <= 10; i++) {
                sub.expect(Fixtures.publish5(1, false, i, topic, "00", "m" + i));
                sub.send(String.format("40 02 00 %02x", i));
            }
            for (int i = acked + 1; i <= 10; i++) {
                pub.receive(); // the rest of the PUBACKs, once the queue drained
            }
            pub.send("c0 00");
            pub.expect("d0 00");
        }
    }

    @BothTransports
    @DisplayName("Two clients that publish bursts to each other both get everything: a paused publisher still has"
            + " its acknowledgements read, so neither waits on the other for ever")
    void mutualBurstsDoNotDeadlock(String transport) throws Exception {
        String toA = id("mutual/a/", transport);
        String toB = id("mutual/b/", transport);
        String receiveMaximum1 = props(Clients.NO_PROBLEM_INFO, "21 00 01");
        try (RawConnection a = Clients.v5(transport, id("mutuala", transport), true, LimitsProfile.MAX_KEEP_ALIVE,
                receiveMaximum1, LimitsProfile.CONNACK_5);
                RawConnection b = Clients.v5(transport, id("mutualb", transport), true, LimitsProfile.MAX_KEEP_ALIVE,
                        receiveMaximum1, LimitsProfile.CONNACK_5)) {
            a.send(Fixtures.subscribe5(1, "00", toA, 1));
            a.expect("90 04 00 01 00 01");
            b.send(Fixtures.subscribe5(1, "00", toB, 1));
            b.expect("90 04 00 01 00 01");
            StringBuilder fromA = new StringBuilder();
            StringBuilder fromB = new StringBuilder();
            for (int i = 1; i <= 10; i++) {
                fromA.append(Fixtures.publish5(1, false, i, toB, "00", "a" + i)).append(' ');
                fromB.append(Fixtures.publish5(1, false, i, toA, "00", "b" + i)).append(' ');
            }
            a.send(fromA.toString());
            b.send(fromB.toString());
            int[] got = {0, 0};
            int[] acked = {0, 0};
            RawConnection[] peers = {a, b};
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((got[0] < 10 || got[1] < 10 || acked[0] < 10 || acked[1] < 10) && System.nanoTime() < deadline) {
                for (int k = 0; k < 2; k++) {
                    byte[] p;
                    try {
                        p = peers[k].receive(Duration.ofMillis(50));
                    } catch (AssertionError nothingYet) {
                        continue;
                    }
                    if ((p[0] & 0xF0) == 0x40) {
                        acked[k]++;
                    } else {
                        io.stratusmq.wire.Published m = io.stratusmq.wire.Published.parse(p, true);
                        org.assertj.core.api.Assertions.assertThat(m.payload())
                                .isEqualTo((k == 0 ? "b" : "a") + (got[k] + 1)); // in order
                        got[k]++;
                        peers[k].send(m.ack());
                    }
                }
            }
            org.assertj.core.api.Assertions.assertThat(got).containsExactly(10, 10);
            org.assertj.core.api.Assertions.assertThat(acked).containsExactly(10, 10);
        }
    }
}
