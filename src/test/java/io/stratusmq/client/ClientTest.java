package io.stratusmq.client;

import io.stratusmq.testing.TcpProxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the client tests share: clients and proxies they open are closed after each test, whatever its outcome.
 * Subclasses carry {@code @QuarkusTest} and the broker's test profile.
 */
abstract class ClientTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A client of the endpoint's library, closed after the test; not yet connected. */
    TestClient client(Endpoint e, String clientId) {
        return track(e.client(clientId));
    }

    /** A client with a fresh client id, connected with a clean session. */
    TestClient connected(Endpoint e, String role) throws Exception {
        TestClient c = client(e, e.unique(role));
        c.connect();
        return c;
    }

    /** A proxy in front of the endpoint's broker port, closed after the test. */
    TcpProxy proxy(Endpoint e) {
        return track(new TcpProxy(e.transport().brokerPort()));
    }

    <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
