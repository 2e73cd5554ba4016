package io.stratusmq.transport;

import io.smallrye.config.ConfigMapping;
import java.util.OptionalInt;

/** What the client listeners share: {@code stratus.io-threads}. */
@ConfigMapping(prefix = "stratus")
public interface TransportSettings {

    /**
     * Event loops that carry client connections, WebSocket and TCP alike (the HTTP server takes its
     * {@code quarkus.http.io-threads} from it); empty: one per core. A message between two clients on different
     * loops is handed from one thread to the other, which at moderate rates costs a wake-up per message; a pod of
     * one core or less gains nothing from a second loop.
     */
    OptionalInt ioThreads();

    /** The number of event loops for client connections: the setting, else {@link #defaultIoThreads}. */
    static int ioThreads(TransportSettings settings) {
        if (settings.ioThreads().isEmpty()) {
            return defaultIoThreads();
        }
        int n = settings.ioThreads().getAsInt();
        if (n < 1) {
            throw new IllegalStateException("stratus.io-threads must be at least 1, not " + n);
        }
        return n;
    }

    /** Without the setting: one event loop per core the JVM sees. */
    static int defaultIoThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
