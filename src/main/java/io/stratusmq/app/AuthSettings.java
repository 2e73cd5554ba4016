package io.stratusmq.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Authentication and authorization: {@code stratus.auth.*}. Every entry also reads from the environment
 * (STRATUS_AUTH_...). Optional entries have no default: leaving them out turns the feature off.
 */
@ConfigMapping(prefix = "stratus.auth")
public interface AuthSettings {

    /**
     * Let clients in that send neither username nor password. Default: true when no user store (password file,
     * Redis users, JWT) is configured, false as soon as one is. Refused clients get CONNACK 0x87 / 0x05.
     */
    Optional<Boolean> allowAnonymous();

    /** A password file as written by {@code mosquitto_passwd} or {@code quarkus-run.jar passwd}; reloaded on change. */
    Optional<Path> passwordFile();

    /** Users in Redis (hash {@link #redisUsersKey()}), through the Quarkus Redis client ({@code quarkus.redis.hosts}). */
    @WithDefault("false")
    boolean redisUsers();

    /** The Redis hash holding users: field = username, value = a Mosquitto password hash. */
    @WithDefault("stratus:users")
    String redisUsersKey();

    /** An ACL file in Mosquitto's acl_file syntax; reloaded on change, applied at each client's CONNECT. */
    Optional<Path> aclFile();

    /** Per-user ACL rules in Redis (hash {@link #redisAclKey()}), read at CONNECT. */
    @WithDefault("false")
    boolean redisAcl();

    /** The Redis hash holding ACL rules: field = username, value = topic/pattern lines. */
    @WithDefault("stratus:acl")
    String redisAclKey();

    /** How long a successful password check is remembered (bound to the stored hash); 0s turns it off. */
    @WithDefault("60s")
    Duration cacheTtl();

    /** Threads that hash passwords and check token signatures, off the event loops. */
    @WithDefault("2")
    int hashThreads();

    /** Checks that may wait for a hashing thread; beyond it CONNECT gets "server unavailable" (0x88 / 0x03). */
    @WithDefault("1000")
    int hashQueue();

    /** The longest an authentication may take, stores included, before "server unavailable" (0x88 / 0x03). */
    @WithDefault("5s")
    Duration timeout();

    /** How often the password, ACL and key files are checked for changes; 0s never. */
    @WithDefault("10s")
    Duration reloadInterval();

    /** JSON Web Tokens in the password field. */
    Jwt jwt();

    /** {@code stratus.auth.jwt.*}: on when one key source (secret, public key file, JWKS file) is given. */
    interface Jwt {

        /** Shared secret for HS256/384/512, used as its UTF-8 bytes; at least 32 bytes. */
        Optional<String> secret();

        /** PEM public key (BEGIN PUBLIC KEY) or certificate, RSA (RS256/384/512) or EC (ES256/384/512). */
        Optional<Path> publicKeyFile();

        /** JSON Web Key Set file of RSA and EC public keys; a token's kid selects the key. Reloaded on change. */
        Optional<Path> jwksFile();

        /** Required {@code iss} claim; any issuer when not set. */
        Optional<String> issuer();

        /** Accepted audiences (comma-separated); the token's {@code aud} must hold one. Any when not set. */
        Optional<List<String>> audience();

        /** Tolerance on {@code exp} and {@code nbf} for clocks that drift. */
        @WithDefault("30s")
        Duration clockSkew();

        /** Refuse tokens without {@code exp}. */
        @WithDefault("true")
        boolean requireExpiration();

        /** The claim naming the user (for ACL user sections and %u). */
        @WithDefault("sub")
        String usernameClaim();

        /** The CONNECT username must equal the username claim; when false the CONNECT username is ignored. */
        @WithDefault("false")
        boolean matchUsername();

        /** Claim with topic filters the client may publish and subscribe to (string or array). */
        @WithDefault("mqtt_topics")
        String topicsClaim();

        /** Claim with topic filters the client may publish to. */
        @WithDefault("mqtt_publish")
        String publishClaim();

        /** Claim with topic filters the client may subscribe to and receive from. */
        @WithDefault("mqtt_subscribe")
        String subscribeClaim();
    }
}
