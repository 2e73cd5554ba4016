package io.stratusmq.wire.subscribe;

import static io.stratusmq.wire.Fixtures.id;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/** 5.0 No Local: a client's own messages are not sent back on that subscription [MQTT-3.8.3-3]. */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class NoLocalTest {

    @BothTransports
    @DisplayName("With No Local the publisher does not get its own message; another client's message comes"
            + " [MQTT-3.8.3-3]")
    void noLocal(String transport) throws Exception {
        String topic = id("nolocal/", transport);
        try (RawConnection c = Clients.v5Quiet(transport, id("nolocal", transport));
                RawConnection other = Clients.v311(transport, id("nolocalother", transport))) {
            c.send("""
                    82 %s                      // SUBSCRIBE
                    00 01                      // packet identifier 1
                    00                         // properties: none
                    %s                         // the filter
                    05                         // options: QoS 1, No Local
                    """.formatted(Fixtures.varInt(3 + 2 + topic.length() + 1), Fixtures.utf8(topic)));
            c.expect("90 04 00 01 00 01");
            c.send(Fixtures.publish5(0, false, 0, topic, "00", "mine"));
            c.expectNothing(Duration.ofMillis(300));
            other.send(Fixtures.publish311(0, false, 0, topic, "theirs"));
            c.expect(Fixtures.publish5(0, false, 0, topic, "00", "theirs"));
        }
    }

    @BothTransports
    @DisplayName("Without No Local a client gets its own messages")
    void local(String transport) throws Exception {
        String topic = id("local/", transport);
        try (RawConnection c = Clients.v5Quiet(transport, id("local", transport))) {
            c.send(Fixtures.subscribe5(1, "00", topic, 0x01));
            c.expect("90 04 00 01 00 01");
            c.send(Fixtures.publish5(0, false, 0, topic, "00", "mine"));
            c.expect(Fixtures.publish5(0, false, 0, topic, "00", "mine"));
        }
    }
}
