package io.stratusmq.wire.session;

import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;

/** 5.0 Session Expiry Interval: the session outlives its connection by that many seconds (3.1.2.11.2). */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class SessionExpiryTest {

    private static final String EXPIRY_1S = props("11 00 00 00 01"); // session expiry interval 1 s

    @BothTransports
    @DisplayName("A session with expiry 1 s is present right after the connection closes, and gone (with its"
            + " queued messages) after 1 s [MQTT-4.1.0-2]")
    void expires(String transport) throws Exception {
        String clientId = id("expiry", transport);
        String topic = id("expiry/", transport);
        try (RawConnection pub = Clients.v5Quiet(transport, id("expirypub", transport))) {
            try (RawConnection c = Clients.v5(transport, clientId, true, EXPIRY_1S, Clients.CONNACK_5)) {
                c.send(Fixtures.subscribe5(1, "00", topic, 1));
                c.expect("90 04 00 01 00 01");
                c.send("e0 00");
                c.expectClosed();
            }
            try (RawConnection c = Clients.v5(transport, clientId, false, EXPIRY_1S,
                    Clients.CONNACK_5_SESSION_PRESENT)) {
                c.send("e0 00"); // within the second: still there
                c.expectClosed();
            }
            long closed = System.nanoTime();
            // The session's subscription is the sign of its life: the broker answers 0x10 (no matching
            // subscribers) once the session has expired and taken the subscription with it.
            int[] packetId = {0};
            Awaitility.await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(3)).until(() -> {
                int id = ++packetId[0];
                pub.send(Fixtures.publish5(1, false, id, topic, "00", "queued " + id));
                byte[] ack = pub.receive();
                return ack.length == 5 && (ack[4] & 0xFF) == 0x10;
            });
            assertThat((System.nanoTime() - closed) / 1_000_000).isBetween(900L, 3_000L);
            try (RawConnection c = Broker.raw(transport)) {
                c.send(connect5(clientId, false, 60, props()));
                c.expect(Clients.CONNACK_5); // session present 0: it expired [MQTT-3.2.2-3]
                c.expectNothing(Duration.ofMillis(300)); // and the messages queued for it with it
            }
        }
    }

    @BothTransports
    @DisplayName("DISCONNECT may set a new Session Expiry Interval: 0 ends the session at once (3.14.2.2.2)")
    void disconnectEndsSession(String transport) throws Exception {
        String clientId = id("discexp", transport);
        try (RawConnection c = Clients.v5(transport, clientId, true, props("11 00 00 00 3c"), Clients.CONNACK_5)) {
            c.send("""
                    e0 07                      // DISCONNECT, remaining length 7
                    00                         // reason: normal disconnection
                    05 11 00 00 00 00          // properties: session expiry interval 0
                    """);
            c.expectClosed();
        }
        try (RawConnection c = Clients.v5(transport, clientId, false, props(), Clients.CONNACK_5)) {
            c.send("e0 00"); // session present 0
        }
    }

    @BothTransports
    @DisplayName("DISCONNECT setting a non-zero expiry after CONNECT said 0 is a protocol error: 0x82"
            + " [MQTT-3.14.2-2]")
    void disconnectCannotRevive(String transport) throws Exception {
        try (RawConnection c = Clients.v5Quiet(transport, id("revive", transport))) {
            c.send("e0 07 00 05 11 00 00 00 3c"); // DISCONNECT, session expiry 60
            c.expect("e0 01 82");
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("A session whose expiry is 0xFFFFFFFF does not expire (3.1.2.11.2)")
    void neverExpires(String transport) throws Exception {
        String clientId = id("forever", transport);
        try (RawConnection c = Clients.v5(transport, clientId, true, props("11 ff ff ff ff"), Clients.CONNACK_5)) {
            c.send("e0 00");
            c.expectClosed();
        }
        try (RawConnection watch = Clients.v5Quiet(transport, id("foreverwatch", transport))) {
            watch.expectNothing(Duration.ofMillis(1_500)); // longer than any short expiry
        }
        try (RawConnection c = Clients.v5(transport, clientId, false, props(), Clients.CONNACK_5_SESSION_PRESENT)) {
            c.send("e0 00");
        }
    }
}
