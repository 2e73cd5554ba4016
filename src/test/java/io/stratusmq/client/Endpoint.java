package io.stratusmq.client;

import io.stratusmq.testing.TcpProxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One client library over one transport: what the tests are parameterized with. Client ids and topics made here
 * are unique within the test JVM, because the broker (and its retained messages) outlives each test.
 */
record Endpoint(Library library, Transport transport) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Every library over every transport. */
    static Stream<Endpoint> all() {
        return Arrays.stream(Library.values())
                .flatMap(l -> Arrays.stream(Transport.values()).map(t -> new Endpoint(l, t)));
    }

    /** The MQTT 5.0 libraries over every transport. */
    static Stream<Endpoint> v5() {
        return all().filter(e -> e.library().v5());
    }

    /** A client of this library connected to the broker over this transport; not yet connected. */
    TestClient client(String clientId) {
        return library.client(clientId, transport, transport.brokerPort());
    }

    /** A client that reaches the broker through a proxy, so the test can cut its connection abruptly. */
    TestClient clientVia(TcpProxy proxy, String clientId) {
        return library.client(clientId, transport, proxy.port());
    }

    /** A name unique in this test run: for client ids and topic levels. */
    String unique(String prefix) {
        return prefix + "-" + library.name().toLowerCase().replace("_", "") + "-"
                + (transport == Transport.TCP ? "tcp" : "ws") + "-" + SEQUENCE.incrementAndGet();
    }

    @Override
    public String toString() {
        return library + " over " + transport;
    }
}
