package io.stratusmq.loadtest.mqtt;

/** MQTT protocol versions the load generator speaks. */
public enum MqttVersion {
    V3_1_1("3.1.1", 4),
    V5("5", 5);

    private final String label;
    private final int protocolLevel;

    MqttVersion(String label, int protocolLevel) {
        this.label = label;
        this.protocolLevel = protocolLevel;
    }

    /** The version as users write it: {@code 3.1.1} or {@code 5}. */
    public String label() {
        return label;
    }

    /** The protocol level byte of CONNECT. */
    public int protocolLevel() {
        return protocolLevel;
    }

    public boolean isV5() {
        return this == V5;
    }

    /** Parses {@code 3.1.1}, {@code 4}, {@code 5} or {@code 5.0}. */
    public static MqttVersion parse(String text) {
        return switch (text.trim()) {
            case "3.1.1", "4", "311" -> V3_1_1;
            case "5", "5.0" -> V5;
            default -> throw new IllegalArgumentException("unsupported MQTT version '" + text + "' (use 3.1.1 or 5)");
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
