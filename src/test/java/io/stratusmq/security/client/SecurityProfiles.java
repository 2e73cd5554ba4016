package io.stratusmq.security.client;

import io.stratusmq.testing.BrokerTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Broker test profiles with stratus.auth.* settings; each one is a broker start. */
public final class SecurityProfiles {

    static final String RESOURCES = "src/test/resources/security/";
    static final String PASSWORD_FILE = RESOURCES + "mosquitto-2.0.11.passwd";
    static final String ACL_FILE = RESOURCES + "acl.conf";
    static final String JWT_SECRET = "test-secret-for-hs256-at-least-32-bytes";
    static final String JWT_ISSUER = "https://issuer.test";
    static final String JWT_AUDIENCE = "stratusmq";

    private SecurityProfiles() {
    }

    private static Map<String, String> with(BrokerTestProfile base, String... keyValues) {
        Map<String, String> m = new HashMap<>(base.getConfigOverrides());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The password file mosquitto_passwd wrote and the test ACL; anonymous access left to its default (off). */
    public static class PasswordsAndAcl extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(new BrokerTestProfile(),
                    "stratus.auth.password-file", PASSWORD_FILE,
                    "stratus.auth.acl-file", ACL_FILE);
        }
    }

    /** The same with anonymous access turned on explicitly. */
    public static class AnonymousAndAcl extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(new BrokerTestProfile(),
                    "stratus.auth.password-file", PASSWORD_FILE,
                    "stratus.auth.acl-file", ACL_FILE,
                    "stratus.auth.allow-anonymous", "true");
        }
    }

    /** JWT with an HMAC secret, issuer and audience; no ACL, so only token claims narrow topics. */
    public static class Jwt extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(new BrokerTestProfile(),
                    "stratus.auth.jwt.secret", JWT_SECRET,
                    "stratus.auth.jwt.issuer", JWT_ISSUER,
                    "stratus.auth.jwt.audience", JWT_AUDIENCE);
        }
    }

    /** Users and ACL rules in a real redis-server started for the profile. */
    public static class RedisUsers extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return with(new BrokerTestProfile(),
                    "stratus.auth.redis-users", "true",
                    "stratus.auth.redis-acl", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisTestResource.class));
        }
    }
}
