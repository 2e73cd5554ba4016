package io.stratusmq.wire;

import io.stratusmq.testing.BrokerTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The broker with small limits, so that each one can be reached in a test: one profile for all of them, since
 * every distinct profile restarts Quarkus. Tests under it connect 5.0 clients with a keep-alive of at most
 * {@link #MAX_KEEP_ALIVE} seconds, or they get a Server Keep Alive.
 */
public class LimitsProfile extends BrokerTestProfile {

    public static final int MAX_KEEP_ALIVE = 10;
    public static final int MAX_PACKET_SIZE = 128;
    public static final int RECEIVE_MAXIMUM = 2;
    public static final int MAX_QUEUED_MESSAGES = 3;

    /**
     * The CONNACK a 5.0 client gets here: the limits a client must know, in the broker's property order.
     */
    public static final String CONNACK_5 = """
            20 0e             // CONNACK, remaining length 14
            00                // session present 0
            00                // reason: success
            0b                // properties, 11 bytes
            21 00 02          //   receive maximum 2
            27 00 00 00 80    //   maximum packet size 128
            22 00 0a          //   topic alias maximum 10
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("stratus.mqtt.max-keep-alive", String.valueOf(MAX_KEEP_ALIVE));
        config.put("stratus.mqtt.connect-timeout", "1s");
        config.put("stratus.mqtt.max-packet-size", String.valueOf(MAX_PACKET_SIZE));
        config.put("stratus.mqtt.receive-maximum", String.valueOf(RECEIVE_MAXIMUM));
        config.put("stratus.mqtt.max-queued-messages", String.valueOf(MAX_QUEUED_MESSAGES));
        return config;
    }
}
