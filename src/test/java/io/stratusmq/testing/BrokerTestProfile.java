package io.stratusmq.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The broker as tests run it: loopback only, the HTTP/WebSocket port chosen by Quarkus, the TCP listener on a
 * free port picked once per test JVM.
 */
public class BrokerTestProfile implements QuarkusTestProfile {

    static final int TCP_PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.host", "127.0.0.1",
                "stratus.tcp.host", "127.0.0.1",
                "stratus.tcp.port", String.valueOf(TCP_PORT));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
