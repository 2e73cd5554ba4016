package io.stratusmq.wire.connect;

import static io.stratusmq.wire.Clients.CONNACK_5;
import static io.stratusmq.wire.Clients.NO_PROBLEM_INFO;
import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Bystander;
import io.stratusmq.wire.Clients;
import org.junit.jupiter.api.DisplayName;

/** A client may send CONNECT only once per network connection [MQTT-3.1.0-2]. */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class SecondConnectTest {

    @BothTransports
    @DisplayName("3.1.1: a second CONNECT is a protocol violation: the server closes the connection [MQTT-3.1.0-2]")
    void secondConnect311(String transport) throws Exception {
        try (Bystander other = Bystander.connect(transport);
                RawConnection c = Clients.v311(transport, id("second311", transport))) {
            c.send(connect311(id("second311", transport), true, 60));
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("5.0: a second CONNECT gets DISCONNECT 0x82 (protocol error), then the connection closes"
            + " [MQTT-3.1.0-2]")
    void secondConnect5(String transport) throws Exception {
        String clientId = id("second5", transport);
        try (Bystander other = Bystander.connect(transport);
                RawConnection c = Clients.v5(transport, clientId, true, props(NO_PROBLEM_INFO), CONNACK_5)) {
            c.send(connect5(clientId, true, 60, props()));
            c.expect("""
                    e0 01                      // DISCONNECT, remaining length 1
                    82                         // reason code 0x82: protocol error
                    """);
            c.expectClosed();
            other.assertStillServed();
        }
    }

    @BothTransports
    @DisplayName("5.0: with problem information requested (the default) the DISCONNECT may add a Reason String")
    void secondConnect5WithReasonString(String transport) throws Exception {
        String clientId = id("second5r", transport);
        try (RawConnection c = Clients.v5(transport, clientId)) {
            c.send(connect5(clientId, true, 60, props()));
            Clients.expectDisconnect(c, 0x82);
        }
    }
}
