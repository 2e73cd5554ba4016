package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.TcpProxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
@DisplayName("Clients that vanish without a goodbye: a closed browser tab, a lost network")
class VanishingClientTest extends ClientTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.stratusmq.client.Endpoint#all")
    @DisplayName("a connection dropped without DISCONNECT or WebSocket close is cleaned up quietly: the will goes"
            + " out, the client id is free again, and the broker logs nothing at WARN or above")
    void droppedConnectionIsCleanedUpQuietly(Endpoint e) throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue() && isBroker(r.getLoggerName())) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String willTopic = e.unique("vanish") + "/status";
            String id = e.unique("vanishing");
            TestClient watcher = connected(e, "watcher");
            watcher.subscribe(willTopic, 1);
            TcpProxy network = proxy(e);
            TestClient vanishing = track(e.clientVia(network, id));
            vanishing.connect(ConnectOptions.clean().withWill(Msg.of(willTopic, "gone", 1)));

            network.cut();

            assertThat(watcher.next().text()).isEqualTo("gone");
            TestClient again = client(e, id);
            assertThat(again.connect()).isFalse();
            again.disconnect();
        } finally {
            root.removeHandler(capture);
        }
        assertThat(warnings).extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
    }

    /** The broker's loggers, not those of the client libraries running in the same JVM. */
    private static boolean isBroker(String logger) {
        return logger != null && (logger.startsWith("io.stratusmq.") || logger.startsWith("io.quarkus.")
                || logger.startsWith("io.vertx."));
    }
}
