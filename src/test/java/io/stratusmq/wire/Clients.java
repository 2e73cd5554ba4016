package io.stratusmq.wire;

import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Hex;
import io.stratusmq.testing.RawConnection;
import java.io.IOException;

/** Connected raw clients for set-up, and checks for packets whose reason strings are free text. */
public final class Clients {

    /** CONNACK 3.1 / 3.1.1, session present 0, return code 0 (accepted). */
    public static final String CONNACK_311 = "20 02 00 00";

    /** CONNACK 3.1.1, session present 1, return code 0. */
    public static final String CONNACK_311_SESSION_PRESENT = "20 02 01 00";

    /** The CONNACK a 5.0 client gets from the broker with default settings: the limits it must know. */
    public static final String CONNACK_5 = """
            20 0e             // CONNACK, remaining length 14
            00                // session present 0
            00                // reason: success
            0b                // properties, 11 bytes
            21 00 80          //   receive maximum 128
            27 00 10 00 00    //   maximum packet size 1048576
            22 00 0a          //   topic alias maximum 10
            """;

    /** The same with session present 1. */
    public static final String CONNACK_5_SESSION_PRESENT = """
            20 0e 01 00 0b    // CONNACK, session present 1, success, 11 bytes of properties
            21 00 80 27 00 10 00 00 22 00 0a
            """;

    /** 5.0 CONNECT property: Request Problem Information 0, so no reason strings come back [MQTT-3.1.2-29]. */
    public static final String NO_PROBLEM_INFO = "17 00";

    private Clients() {
    }

    /** A 3.1.1 client, Clean Session 1, keep-alive off (fits every profile), connected. */
    public static RawConnection v311(String transport, String clientId) throws Exception {
        return v311(transport, clientId, true, CONNACK_311);
    }

    /** A 3.1.1 client, keep-alive off, with the Clean Session flag given, expecting exactly this CONNACK. */
    public static RawConnection v311(String transport, String clientId, boolean clean, String connack)
            throws Exception {
        RawConnection c = Broker.raw(transport);
        c.send(connect311(clientId, clean, 0));
        c.expect(connack);
        return c;
    }

    /** A 5.0 client, Clean Start 1, keep-alive 60 s, no properties, against the default broker. */
    public static RawConnection v5(String transport, String clientId) throws Exception {
        return v5(transport, clientId, true, props(), CONNACK_5);
    }

    /** A 5.0 client without reason strings: every packet the broker sends is predictable to the byte. */
    public static RawConnection v5Quiet(String transport, String clientId) throws Exception {
        return v5(transport, clientId, true, props(NO_PROBLEM_INFO), CONNACK_5);
    }

    /** A 5.0 client with the given CONNECT properties, expecting exactly this CONNACK. */
    public static RawConnection v5(String transport, String clientId, boolean cleanStart, String properties,
            String connack) throws Exception {
        return v5(transport, clientId, cleanStart, 60, properties, connack);
    }

    public static RawConnection v5(String transport, String clientId, boolean cleanStart, int keepAlive,
            String properties, String connack) throws Exception {
        RawConnection c = Broker.raw(transport);
        c.send(connect5(clientId, cleanStart, keepAlive, properties));
        c.expect(connack);
        return c;
    }

    /**
     * Asserts that the next packet is a 5.0 DISCONNECT with this reason code and, at most, a Reason String
     * (free text, so not compared), and that the broker then closes the connection.
     */
    public static void expectDisconnect(RawConnection c, int reasonCode) throws InterruptedException {
        byte[] p = c.receive();
        assertThat(p[0] & 0xFF).as("DISCONNECT in %s", Hex.hex(p)).isEqualTo(0xE0);
        assertThat(p[2] & 0xFF).as("reason code in %s", Hex.hex(p)).isEqualTo(reasonCode);
        assertOnlyReasonString(p, 3);
        c.expectClosed();
    }

    /** Asserts a 5.0 acknowledgement (PUBACK, PUBREC, ...) with this id, code and at most a Reason String. */
    public static void expectAck(RawConnection c, int type, int packetId, int reasonCode)
            throws InterruptedException {
        byte[] p = c.receive();
        assertThat(p[0] & 0xFF).as("packet type in %s", Hex.hex(p)).isEqualTo(type);
        assertThat(((p[2] & 0xFF) << 8) | (p[3] & 0xFF)).as("packet id in %s", Hex.hex(p)).isEqualTo(packetId);
        assertThat(p[4] & 0xFF).as("reason code in %s", Hex.hex(p)).isEqualTo(reasonCode);
        assertOnlyReasonString(p, 5);
    }

    /** From {@code at} (the property length, if any) the packet holds nothing but one Reason String. */
    private static void assertOnlyReasonString(byte[] p, int at) {
        assertThat(p[1] & 0x80).as("short packet expected: %s", Hex.hex(p)).isZero();
        if (at == p.length) {
            return;
        }
        int length = p[at] & 0xFF;
        assertThat(at + 1 + length).as("property length in %s", Hex.hex(p)).isEqualTo(p.length);
        if (length > 0) {
            assertThat(p[at + 1] & 0xFF).as("only a reason string in %s", Hex.hex(p)).isEqualTo(0x1F);
            int stringLength = ((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF);
            assertThat(3 + stringLength).as("one reason string in %s", Hex.hex(p)).isEqualTo(length);
        }
    }

    /** Sends and ignores I/O errors: for bytes sent to a connection the broker may already have closed. */
    public static void sendQuietly(RawConnection c, String hex) {
        try {
            c.send(hex);
        } catch (IOException e) {
            // closed already: what the test checks next
        }
    }
}
