package io.stratusmq.transport;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the HTTP server (MQTT over WebSocket) as many event loops as the TCP listeners: {@code stratus.io-threads},
 * else one per core. Without it Quarkus would spread WebSocket connections over every Vert.x event loop, twice
 * the cores by default, and hand more messages between threads. Its ordinal is below application.properties, so
 * a {@code quarkus.http.io-threads} set anywhere still wins.
 */
public final class IoThreadsConfigSource implements ConfigSource {

    static final String HTTP_IO_THREADS = "quarkus.http.io-threads";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(HTTP_IO_THREADS);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(HTTP_IO_THREADS, value());
    }

    @Override
    public String getValue(String propertyName) {
        return HTTP_IO_THREADS.equals(propertyName) ? value() : null;
    }

    private static String value() {
        return "${stratus.io-threads:" + TransportSettings.defaultIoThreads() + "}";
    }

    @Override
    public String getName() {
        return "stratus-io-threads";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
