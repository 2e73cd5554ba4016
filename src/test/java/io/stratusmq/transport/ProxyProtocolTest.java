package io.stratusmq.transport;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.testing.TcpRawConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The PROXY protocol on the TCP listener, accepted from trusted proxies only. */
class ProxyProtocolTest {

    private static final String CONNECT = "10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 70"; // 3.1.1, client id "p"

    public static class TrustedLoopback extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("stratus.tcp.proxy-protocol", "true");
            m.put("stratus.proxy.trusted", "127.0.0.1");
            return m;
        }
    }

    public static class TrustedElsewhere extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("stratus.tcp.proxy-protocol", "true");
            m.put("stratus.proxy.trusted", "10.0.0.0/8");
            return m;
        }
    }

    @QuarkusTest
    @TestProfile(TrustedLoopback.class)
    static class FromTrustedProxy {
        @Test
        @DisplayName("a trusted proxy's PROXY header names the client, and MQTT goes on behind it")
        void accepted() throws Exception {
            try (RawConnection c = new TcpRawConnection("127.0.0.1", Broker.tcpPort())) {
                c.send("PROXY TCP4 203.0.113.7 127.0.0.1 50000 1883\r\n".getBytes(StandardCharsets.US_ASCII));
                c.send(CONNECT);
                c.expect("20 02 00 00");
            }
        }
    }

    @QuarkusTest
    @TestProfile(TrustedElsewhere.class)
    static class FromUntrustedPeer {
        @Test
        @DisplayName("a PROXY header from a peer that is not a trusted proxy closes the connection")
        void refused() throws Exception {
            try (RawConnection c = new TcpRawConnection("127.0.0.1", Broker.tcpPort())) {
                c.send("PROXY TCP4 203.0.113.7 127.0.0.1 50000 1883\r\n".getBytes(StandardCharsets.US_ASCII));
                c.send(CONNECT);
                c.expectClosed();
            }
        }
    }
}
