package io.stratusmq.limits;

import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.protocol.ProtocolStats.RefusedConnect;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive bounds ({@link Profiles.PerClient}: stratus.mqtt.min-keep-alive = 5, max-keep-alive = 100,
 * allow-zero-keep-alive = false). 5.0 clients are told the value to use in Server Keep Alive [MQTT-3.2.2-21];
 * 3.1.1 clients cannot be, so they are refused with 0x02, as Mosquitto refuses a keep-alive above its maximum.
 */
@QuarkusTest
@TestProfile(Profiles.PerClient.class)
class KeepAliveBoundsTest {

    /** CONNACK 5.0, success, the default limits, then Server Keep Alive. */
    private static String connAckWithServerKeepAlive(int seconds) {
        return """
                20 11 00 00 0e             // CONNACK, session present 0, success, 14 bytes of properties
                21 00 80                   //   receive maximum 128
                27 00 10 00 00             //   maximum packet size 1048576
                22 00 0a                   //   topic alias maximum 10
                13 %s                      //   server keep alive
                """.formatted(String.format("%02x %02x", seconds >> 8, seconds & 0xFF));
    }

    @Inject
    ProtocolStats stats;

    @BothTransports
    @DisplayName("5.0: a keep-alive of 2 s, below the minimum of 5 s, is raised: Server Keep Alive 5")
    void raisedToMinimum(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5(id("kamin5", transport), true, 2, props()));
            c.expect(connAckWithServerKeepAlive(5));
        }
    }

    @BothTransports
    @DisplayName("5.0: keep-alive 0 while 0 is not allowed and a maximum is set: Server Keep Alive 100")
    void zeroReplaced(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect5(id("kazero5", transport), true, 0, props()));
            c.expect(connAckWithServerKeepAlive(100));
        }
    }

    @Test
    @DisplayName("5.0 through a HiveMQ client: it asks for 1 s and is told 5 s")
    void hiveMqClientTold() {
        Mqtt5BlockingClient client = Clients.v5("tcp", "kahive");
        Mqtt5ConnAck ack = client.connectWith().keepAlive(1).send();
        try {
            assertThat(ack.getServerKeepAlive()).hasValue(5);
        } finally {
            client.disconnect();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: a keep-alive of 2 s, below the minimum, is refused with CONNACK 0x02 and counted")
    void belowMinimum311(String transport) throws Exception {
        long before = stats.count(RefusedConnect.KEEP_ALIVE);
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("kamin311", transport), true, 2));
            c.expect("20 02 00 02"); // CONNACK, return code 2: identifier rejected, as Mosquitto answers
            c.expectClosed();
        }
        assertThat(stats.count(RefusedConnect.KEEP_ALIVE)).isEqualTo(before + 1);
    }

    @BothTransports
    @DisplayName("3.1.1: keep-alive 0 while 0 is not allowed is refused with CONNACK 0x02")
    void zero311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("kazero311", transport), true, 0));
            c.expect("20 02 00 02");
            c.expectClosed();
        }
    }

    @BothTransports
    @DisplayName("3.1.1: a keep-alive within 5..100 s is accepted")
    void within311(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send(connect311(id("kaok311", transport), true, 5));
            c.expect("20 02 00 00");
        }
    }
}
