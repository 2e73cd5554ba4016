package io.stratusmq.wire.errors;

import static io.stratusmq.wire.Fixtures.id;

import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.Bystander;
import io.stratusmq.wire.Clients;

/**
 * One bad packet on one connection, with a well-behaved client beside it: the bad connection gets the reason
 * code and is closed, the bystander carries on [MQTT-4.13.1].
 */
final class Violations {

    private Violations() {
    }

    /** A 5.0 client (no reason strings) sends the packet and gets exactly this DISCONNECT, then the close. */
    static void disconnects5(String transport, String packet, String disconnect) throws Exception {
        try (Bystander other = Bystander.connect(transport);
                RawConnection c = Clients.v5Quiet(transport, id("bad5", transport))) {
            Clients.sendQuietly(c, packet);
            c.expect(disconnect);
            c.expectClosed();
            other.assertStillServed();
        }
    }

    /** A 3.1.1 client sends the packet and the broker closes the connection without a word [MQTT-4.8.0-1]. */
    static void closes311(String transport, String packet) throws Exception {
        try (Bystander other = Bystander.connect(transport);
                RawConnection c = Clients.v311(transport, id("bad311", transport))) {
            Clients.sendQuietly(c, packet);
            c.expectClosed();
            other.assertStillServed();
        }
    }
}
