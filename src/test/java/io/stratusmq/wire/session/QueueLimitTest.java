package io.stratusmq.wire.session;

import static io.stratusmq.wire.Clients.CONNACK_311;
import static io.stratusmq.wire.Clients.CONNACK_311_SESSION_PRESENT;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.publish311;
import static io.stratusmq.wire.Fixtures.subscribe311;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.LimitsProfile;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/** An offline session's queue is bounded by stratus.mqtt.max-queued-messages (3 here); the excess is dropped. */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class QueueLimitTest {

    @BothTransports
    @DisplayName("An offline session queues at most max-queued-messages (3) messages; later ones are dropped, as"
            + " Mosquitto's max_queued_messages does")
    void boundedOfflineQueue(String transport) throws Exception {
        String clientId = id("bounded", transport);
        String topic = id("bounded/", transport);
        try (RawConnection pub = Clients.v311(transport, id("boundedpub", transport))) {
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311)) {
                sub.send(subscribe311(1, topic, 1));
                sub.expect("90 03 00 01 01");
                sub.send("e0 00");
                sub.expectClosed();
            }
            for (int i = 1; i <= 5; i++) {
                pub.send(publish311(1, false, i, topic, "m" + i));
                pub.expect(String.format("40 02 00 %02x", i)); // the publisher is acknowledged all the same
            }
            try (RawConnection sub = Clients.v311(transport, clientId, false, CONNACK_311_SESSION_PRESENT)) {
                for (int i = 1; i <= 3; i++) {
                    sub.expect(publish311(1, false, i, topic, "m" + i)); // the first three, oldest first
                    sub.send(String.format("40 02 00 %02x", i));
                }
                sub.expectNothing(Duration.ofMillis(300)); // m4 and m5 were dropped
                pub.send(publish311(1, false, 6, topic, "m6"));
                sub.expect(publish311(1, false, 4, topic, "m6")); // the queue has room again
                sub.send("40 02 00 04");
                sub.send("e0 00");
            }
            try (RawConnection sub = Clients.v311(transport, clientId, true, CONNACK_311)) {
                sub.send("e0 00");
            }
        }
    }
}
