package io.stratusmq.limits;

import io.stratusmq.testing.BrokerTestProfile;
import java.util.HashMap;
import java.util.Map;

/** Broker profiles with small limits, so each can be reached in a test; each profile is one broker start. */
final class Profiles {

    private Profiles() {
    }

    static Map<String, String> with(String... keyValues) {
        Map<String, String> m = new HashMap<>(new BrokerTestProfile().getConfigOverrides());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /**
     * Connection limits: 6 per node, 2 per address, CONNECT at 0.2/s per address after a burst of 3. 127.0.0.1
     * is a trusted proxy, so a test names each client's address in X-Forwarded-For.
     */
    public static class Admission extends BrokerTestProfile {
        static final int MAX_CONNECTIONS = 6;
        static final int PER_ADDRESS = 2;
        static final int BURST = 3;

        @Override
        public Map<String, String> getConfigOverrides() {
            return with("stratus.limits.max-connections", String.valueOf(MAX_CONNECTIONS),
                    "stratus.limits.max-connections-per-address", String.valueOf(PER_ADDRESS),
                    "stratus.limits.connect-rate-per-address", "0.2",
                    "stratus.limits.connect-burst-per-address", String.valueOf(BURST),
                    "stratus.proxy.trusted", "127.0.0.1");
        }
    }

    /**
     * Per-client limits: 3 subscriptions, 5 publishes/s after a burst of 5 (held back), keep-alive 5..100 s with 0
     * refused, slow consumers past 32 KiB unsent for 2 s, queues of 50 messages.
     */
    public static class PerClient extends BrokerTestProfile {
        static final int MAX_SUBSCRIPTIONS = 3;
        static final int PUBLISH_RATE = 5;
        static final int MIN_KEEP_ALIVE = 5;
        static final int MAX_KEEP_ALIVE = 100;

        @Override
        public Map<String, String> getConfigOverrides() {
            return with("stratus.limits.max-subscriptions-per-client", String.valueOf(MAX_SUBSCRIPTIONS),
                    "stratus.limits.publish-rate", String.valueOf(PUBLISH_RATE),
                    "stratus.limits.publish-burst", "5",
                    "stratus.mqtt.min-keep-alive", String.valueOf(MIN_KEEP_ALIVE),
                    "stratus.mqtt.max-keep-alive", String.valueOf(MAX_KEEP_ALIVE),
                    "stratus.mqtt.allow-zero-keep-alive", "false",
                    "stratus.limits.slow-consumer-bytes", "32768",
                    "stratus.limits.slow-consumer-timeout", "2s",
                    "stratus.limits.max-unread-bytes", "262144",
                    "stratus.mqtt.max-queued-messages", "50");
        }
    }

    /** Publish rate 5/s after a burst of 5, refused rather than held back for 5.0 clients. */
    public static class RefuseRate extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with("stratus.limits.publish-rate", "5",
                    "stratus.limits.publish-burst", "5",
                    "stratus.limits.publish-rate-action", "refuse");
        }
    }

    /** Slow consumers: past 32 KiB unsent no more is written, and after 2 s so the connection closes. */
    public static class SlowConsumer extends BrokerTestProfile {
        static final int MAX_QUEUED = 50;

        @Override
        public Map<String, String> getConfigOverrides() {
            return with("stratus.limits.slow-consumer-bytes", "32768",
                    "stratus.limits.slow-consumer-timeout", "2s",
                    "stratus.mqtt.max-queued-messages", String.valueOf(MAX_QUEUED));
        }
    }

    /** JWT with an HMAC secret and no clock skew, so that a token's exp ends its connection to the second. */
    public static class Jwt extends BrokerTestProfile {
        static final String SECRET = "limits-test-secret-for-hs256-32-bytes!";

        @Override
        public Map<String, String> getConfigOverrides() {
            return with("stratus.auth.jwt.secret", SECRET,
                    "stratus.auth.jwt.clock-skew", "0s");
        }
    }
}
