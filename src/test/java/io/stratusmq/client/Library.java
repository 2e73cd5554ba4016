package io.stratusmq.client;

/** The Java MQTT client libraries under test, each with the protocol version it speaks. */
enum Library {
    HIVEMQ_3("HiveMQ 3.1.1", false),
    HIVEMQ_5("HiveMQ 5.0", true),
    PAHO_3("Paho 3.1.1", false),
    PAHO_5("Paho 5.0", true);

    private final String label;
    private final boolean v5;

    Library(String label, boolean v5) {
        this.label = label;
        this.v5 = v5;
    }

    boolean v5() {
        return v5;
    }

    /** A client of this library with the given client id, not yet connected, to the host and port given. */
    TestClient client(String clientId, Transport transport, int port) {
        return switch (this) {
            case HIVEMQ_3 -> new HiveMq3Client(clientId, transport, port);
            case HIVEMQ_5 -> new HiveMq5Client(clientId, transport, port);
            case PAHO_3 -> new Paho3Client(clientId, transport, port);
            case PAHO_5 -> new Paho5Client(clientId, transport, port);
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
