package io.stratusmq.wire;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class SmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"ws", "tcp"})
    void connectPingDisconnect(String transport) throws Exception {
        try (RawConnection c = Broker.raw(transport)) {
            c.send("""
                    10 0d             // CONNECT, remaining length 13
                    00 04 4d 51 54 54 // "MQTT"
                    04                // level 4: 3.1.1
                    02                // clean session
                    00 3c             // keep alive 60
                    00 01 61          // client id "a"
                    """);
            c.expect("20 02 00 00");
            c.send("c0 00");
            c.expect("d0 00");
            c.send("e0 00");
            c.expectClosed();
        }
    }
}
