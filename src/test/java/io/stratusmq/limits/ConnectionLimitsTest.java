package io.stratusmq.limits;

import static io.stratusmq.wire.Fixtures.connect311;
import static io.stratusmq.wire.Fixtures.connect5;
import static io.stratusmq.wire.Fixtures.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.stratusmq.protocol.AdmissionControl;
import io.stratusmq.protocol.ProtocolStats;
import io.stratusmq.protocol.ProtocolStats.RefusedConnect;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.Clients;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.Bystander;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Connection limits of one node ({@link Profiles.Admission}: 6 connections, 2 per address, CONNECT at 0.2/s per
 * address after a burst of 3). Answered in the CONNACK, where a client can read why: 5.0 gets 0x97 (quota
 * exceeded) for the node and 0x9F (connection rate exceeded) for its address, 3.1.1 gets 0x03 (server
 * unavailable). Addresses come from X-Forwarded-For, 127.0.0.1 being a trusted proxy.
 */
@QuarkusTest
@TestProfile(Profiles.Admission.class)
class ConnectionLimitsTest {

    /** 5.0 CONNACK refusing with this reason, no properties (the CONNECT asked for no problem information). */
    private static String refused5(int reason) {
        return String.format("20 03 00 %02x 00", reason);
    }

    private static final String SERVER_UNAVAILABLE_311 = "20 02 00 03"; // CONNACK 3.1.1, return code 3

    @Inject
    AdmissionControl admission;

    @Inject
    ProtocolStats stats;

    private final List<RawConnection> open = new ArrayList<>();

    @BeforeEach
    @AfterEach
    void nothingOpen() {
        open.forEach(RawConnection::close);
        open.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.open() == 0);
    }

    private RawConnection from(String address) throws Exception {
        RawConnection c = new ForwardedWebSocket(address);
        open.add(c);
        return c;
    }

    private RawConnection connected5(String address, String clientId) throws Exception {
        RawConnection c = from(address);
        c.send(connect5(clientId, true, 30, props("17 00")));
        assertThat(c.receive()[3]).as("CONNACK reason").isZero();
        return c;
    }

    @Test
    @DisplayName("5.0: a third connection from one address (limit 2) gets CONNACK 0x9F, others are unaffected")
    void perAddress5() throws Exception {
        long before = stats.count(RefusedConnect.MAX_CONNECTIONS_PER_ADDRESS);
        connected5("10.0.1.1", "pa5-1");
        connected5("10.0.1.1", "pa5-2");
        RawConnection third = from("10.0.1.1");
        third.send(connect5("pa5-3", true, 30, props("17 00")));
        third.expect(refused5(0x9F)); // connection rate exceeded
        third.expectClosed();
        connected5("10.0.1.2", "pa5-other"); // another address still gets in
        assertThat(stats.count(RefusedConnect.MAX_CONNECTIONS_PER_ADDRESS)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("3.1.1: a third connection from one address gets CONNACK 0x03 (server unavailable)")
    void perAddress311() throws Exception {
        for (int i = 1; i <= 2; i++) {
            RawConnection c = from("10.0.2.1");
            c.send(connect311("pa311-" + i, true, 30));
            c.expect("20 02 00 00");
        }
        RawConnection third = from("10.0.2.1");
        third.send(connect311("pa311-3", true, 30));
        third.expect(SERVER_UNAVAILABLE_311);
        third.expectClosed();
    }

    @Test
    @DisplayName("Closing a connection frees its place: the address may connect again")
    void placeFreedOnClose() throws Exception {
        RawConnection a = connected5("10.0.3.1", "free-1");
        connected5("10.0.3.1", "free-2");
        a.send("e0 00"); // DISCONNECT
        a.expectClosed();
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.open() == 1);
        connected5("10.0.3.1", "free-3");
    }

    @Test
    @DisplayName("5.0: CONNECTs from one address beyond its burst of 3 (then 0.2/s) get CONNACK 0x9F")
    void connectRate5() throws Exception {
        long before = stats.count(RefusedConnect.CONNECT_RATE);
        for (int i = 1; i <= Profiles.Admission.BURST; i++) {
            RawConnection c = connected5("10.0.4.1", "rate5-" + i);
            c.send("e0 00");
            c.expectClosed();
        }
        RawConnection c = from("10.0.4.1");
        c.send(connect5("rate5-4", true, 30, props("17 00")));
        c.expect(refused5(0x9F));
        c.expectClosed();
        assertThat(stats.count(RefusedConnect.CONNECT_RATE)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("3.1.1: CONNECTs from one address beyond its rate get CONNACK 0x03")
    void connectRate311() throws Exception {
        for (int i = 1; i <= Profiles.Admission.BURST; i++) {
            RawConnection c = from("10.0.5.1");
            c.send(connect311("rate311-" + i, true, 30));
            c.expect("20 02 00 00");
            c.send("e0 00");
            c.expectClosed();
        }
        RawConnection c = from("10.0.5.1");
        c.send(connect311("rate311-4", true, 30));
        c.expect(SERVER_UNAVAILABLE_311);
        c.expectClosed();
    }

    @Test
    @DisplayName("A node with 6 connections open refuses the next CONNECT: 5.0 CONNACK 0x97 (quota exceeded) to a"
            + " HiveMQ client, 0x03 to 3.1.1, and counts them in stratus_connects_refused_total")
    void perNode() throws Exception {
        for (int i = 0; i < Profiles.Admission.MAX_CONNECTIONS; i++) {
            connected5("10.0.6." + i, "node-" + i); // one per address: only the node limit applies
        }
        Mqtt5BlockingClient hive = Clients.v5("tcp", "node-hivemq");
        assertThat(Clients.connect(hive, null, null)).isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED);
        RawConnection v311 = from("10.0.6.100");
        v311.send(connect311("node-311", true, 30));
        v311.expect(SERVER_UNAVAILABLE_311);
        v311.expectClosed();
        assertThat(stats.count(RefusedConnect.MAX_CONNECTIONS)).isGreaterThanOrEqualTo(2);
        String metrics = RestAssured.given().port(Broker.httpPort()).get("/q/metrics").asString();
        assertThat(metrics).containsPattern("stratus_connects_refused_total\\{reason=\"max_connections\"} [1-9]");
    }

    @Test
    @DisplayName("Connections without CONNECT count too: a half-open flood from one address cannot take the node")
    void halfOpenCounted() throws Exception {
        from("10.0.7.1");
        from("10.0.7.1");
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.open() == 2);
        RawConnection third = from("10.0.7.1");
        third.send(connect5("half-3", true, 30, props("17 00")));
        third.expect(refused5(0x9F));
        try (Bystander other = Bystander.connect("tcp")) {
            other.assertStillServed();
        }
    }
}
