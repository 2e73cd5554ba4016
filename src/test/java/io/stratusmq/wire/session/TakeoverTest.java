package io.stratusmq.wire.session;

import static io.stratusmq.wire.Clients.CONNACK_311;
import static io.stratusmq.wire.Clients.CONNACK_311_SESSION_PRESENT;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
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

/**
 * A CONNECT with the client id of a connected client takes the session over: the old connection is closed
 * (5.0: after DISCONNECT 0x8E) and the new one carries on the session [MQTT-3.1.4-3].
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class TakeoverTest {

    @BothTransports
    @DisplayName("5.0: the old connection gets DISCONNECT 0x8E (session taken over) and is closed; the new one gets"
            + " session present 1 [MQTT-3.1.4-3] [MQTT-3.2.2-2]")
    void takeover5(String transport) throws Exception {
        String clientId = id("takeover5", transport);
        String expiry = props("11 00 00 00 3c"); // session expiry 60 s
        try (RawConnection old = Clients.v5(transport, clientId, true, expiry, Clients.CONNACK_5);
                RawConnection now = Clients.v5(transport, clientId, false, expiry,
                        Clients.CONNACK_5_SESSION_PRESENT)) {
            old.expect("""
                    e0 01                      // DISCONNECT, remaining length 1
                    8e                         // reason code 0x8E: session taken over
                    """);
            old.expectClosed();
            now.send("c0 00");
            now.expect("d0 00");
            now.send("e0 07 00 05 11 00 00 00 00"); // DISCONNECT, session expiry 0: ends the session
        }
    }

    @BothTransports
    @DisplayName("3.1.1: the old connection is closed, the new one resumes the session with session present 1"
            + " [MQTT-3.1.4-2]")
    void takeover311(String transport) throws Exception {
        String clientId = id("takeover311", transport);
        try (RawConnection old = Clients.v311(transport, clientId, false, CONNACK_311);
                RawConnection now = Clients.v311(transport, clientId, false, CONNACK_311_SESSION_PRESENT)) {
            old.expectClosed();
            now.send("c0 00");
            now.expect("d0 00");
        }
        try (RawConnection c = Clients.v311(transport, clientId, true, CONNACK_311)) {
            c.send("e0 00");
        }
    }

    @BothTransports
    @DisplayName("The new connection takes the subscriptions and the messages in flight: unacknowledged ones come"
            + " again with DUP [MQTT-4.4.0-1]")
    void takeoverCarriesInFlight(String transport) throws Exception {
        String clientId = id("takeoverfly", transport);
        String topic = id("takeoverfly/", transport);
        try (RawConnection pub = Clients.v311(transport, id("takeoverflypub", transport));
                RawConnection old = Clients.v311(transport, clientId, false, CONNACK_311)) {
            old.send(subscribe311(1, topic, 1));
            old.expect("90 03 00 01 01");
            pub.send(publish311(1, false, 1, topic, "first"));
            old.expect(publish311(1, false, 1, topic, "first")); // never acknowledged
            try (RawConnection now = Clients.v311(transport, clientId, false, CONNACK_311_SESSION_PRESENT)) {
                old.expectClosed();
                now.expect(Fixtures.publish311Dup(1, false, 1, topic, "first"));
                now.send("40 02 00 01");
                pub.send(publish311(1, false, 2, topic, "second"));
                now.expect(publish311(1, false, 2, topic, "second"));
                now.send("40 02 00 02");
                now.send("e0 00");
            }
        }
        try (RawConnection c = Clients.v311(transport, clientId, true, CONNACK_311)) {
            c.send("e0 00");
        }
    }

    @BothTransports
    @DisplayName("Clean Start on takeover discards the old session: session present 0, no old subscriptions"
            + " [MQTT-3.1.2-4]")
    void cleanStartTakeover(String transport) throws Exception {
        String clientId = id("takeoverclean", transport);
        String topic = id("takeoverclean/", transport);
        try (RawConnection pub = Clients.v311(transport, id("takeovercleanpub", transport));
                RawConnection old = Clients.v5(transport, clientId, true, props("11 00 00 00 3c"),
                        Clients.CONNACK_5)) {
            old.send(Fixtures.subscribe5(1, "00", topic, 1));
            old.expect("90 04 00 01 00 01");
            try (RawConnection now = Clients.v5(transport, clientId, true, props(), Clients.CONNACK_5)) {
                old.expect("e0 01 8e");
                old.expectClosed();
                pub.send(publish311(1, false, 1, topic, "to the old session"));
                pub.expect("40 02 00 01");
                now.expectNothing(Duration.ofMillis(300));
            }
        }
    }

    @BothTransports
    @DisplayName("A 3.1.1 connection taken over by a 5.0 one is closed without DISCONNECT: 3.1.1 has none from"
            + " servers")
    void takeoverAcrossVersions(String transport) throws Exception {
        String clientId = id("takeovermix", transport);
        try (RawConnection old = Clients.v311(transport, clientId, true, CONNACK_311);
                RawConnection now = Clients.v5(transport, clientId, true, props(), Clients.CONNACK_5)) {
            old.expectClosed();
            now.send("c0 00");
            now.expect("d0 00");
        }
    }
}
