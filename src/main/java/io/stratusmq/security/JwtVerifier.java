package io.stratusmq.security;

import static java.lang.System.Logger.Level.DEBUG;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Authenticates a client whose CONNECT password carries a JSON Web Token (RFC 7519) signed as a JWS (RFC 7515):
 * the signature with {@link JwtKeys}, then {@code exp} (required unless turned off), {@code nbf}, and, when
 * configured, {@code iss} and {@code aud}, allowing the configured clock skew.
 *
 * <p>The username comes from a claim ({@code sub} by default), never from the CONNECT packet, which is ignored
 * unless it must equal that claim. Up to three claims narrow the topics the client may use: one for publish and
 * subscribe, one for publish only, one for subscribe only; each holds a topic filter or an array of them. When
 * none of them is present the token does not narrow anything.
 *
 * <p>Thread-safe. Signature checks cost up to a millisecond (ES512): call off event loops.
 */
public final class JwtVerifier {

    private static final System.Logger LOG = System.getLogger(JwtVerifier.class.getName());

    /**
     * What a token must say.
     *
     * @param issuer required {@code iss}, or null to accept any
     * @param audiences accepted {@code aud} values (one must be in the token), or empty to accept any
     * @param clockSkew tolerance on {@code exp} and {@code nbf}
     * @param requireExpiration refuse tokens without {@code exp}
     * @param usernameClaim the claim naming the user
     * @param matchUsername the CONNECT username must equal the username claim
     * @param topicsClaim filters for publish and subscribe, or null
     * @param publishClaim filters for publish only, or null
     * @param subscribeClaim filters for subscribe only, or null
     */
    public record Options(String issuer, List<String> audiences, Duration clockSkew, boolean requireExpiration,
            String usernameClaim, boolean matchUsername, String topicsClaim, String publishClaim,
            String subscribeClaim) {

        public Options {
            audiences = List.copyOf(audiences);
            Objects.requireNonNull(clockSkew, "clockSkew");
            Objects.requireNonNull(usernameClaim, "usernameClaim");
        }
    }

    private final Supplier<JwtKeys> keys;
    private final Options options;
    private final Clock clock;

    /**
     * @param keys the current keys; read for every token, so a reloaded key file takes effect at once
     */
    public JwtVerifier(Supplier<JwtKeys> keys, Options options, Clock clock) {
        this.keys = keys;
        this.options = options;
        this.clock = clock;
    }

    /**
     * True when the password has the shape of a compact JWS ({@code header.payload.signature}, base64url), so a
     * broker with both passwords and tokens knows which check to run.
     */
    public static boolean looksLikeToken(byte[] password) {
        if (password == null || password.length < 5) {
            return false;
        }
        int dots = 0;
        for (byte b : password) {
            if (b == '.') {
                dots++;
            } else if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-'
                    || b == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    /** Checks the token in the password field; the denial never says which check failed. */
    public AuthResult verify(Credentials credentials) {
        if (credentials.password() == null) {
            return AuthResult.deny(AuthResult.Denial.BAD_CREDENTIALS);
        }
        String token = new String(credentials.password(), StandardCharsets.UTF_8);
        JwtClaims claims;
        try {
            claims = consumerBuilder().build().processToClaims(token);
        } catch (InvalidJwtException e) {
            LOG.log(DEBUG, "client {0}: token refused: {1}", credentials.clientId(), e.getOriginalMessage());
            return AuthResult.deny(AuthResult.Denial.BAD_CREDENTIALS);
        } catch (RuntimeException e) {
            LOG.log(DEBUG, "client {0}: token unreadable: {1}", credentials.clientId(), e.toString());
            return AuthResult.deny(AuthResult.Denial.BAD_CREDENTIALS);
        }
        Object user = claims.getClaimValue(options.usernameClaim());
        if (!(user instanceof String username) || username.isEmpty()) {
            LOG.log(DEBUG, "client {0}: token without a {1} claim", credentials.clientId(), options.usernameClaim());
            return AuthResult.deny(AuthResult.Denial.BAD_CREDENTIALS);
        }
        if (options.matchUsername() && !username.equals(credentials.username())) {
            LOG.log(DEBUG, "client {0}: username differs from the token''s {1}", credentials.clientId(),
                    options.usernameClaim());
            return AuthResult.deny(AuthResult.Denial.BAD_CREDENTIALS);
        }
        TopicPermissions grants;
        try {
            grants = grants(claims);
        } catch (IllegalArgumentException e) {
            LOG.log(DEBUG, "client {0}: token topic claims unusable: {1}", credentials.clientId(), e.getMessage());
            return AuthResult.deny(AuthResult.Denial.BAD_CREDENTIALS);
        }
        return AuthResult.allow(new ClientIdentity(credentials.clientId(), username, grants, null,
                expiresAtMillis(claims)));
    }

    private JwtConsumerBuilder consumerBuilder() {
        JwtKeys k = keys.get();
        JwtConsumerBuilder b = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, k.algorithms())
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setAllowedClockSkewInSeconds((int) Math.min(Integer.MAX_VALUE, options.clockSkew().toSeconds()));
        if (k.key() != null) {
            b.setVerificationKey(k.key());
        } else {
            b.setVerificationKeyResolver(k.resolver());
        }
        if (options.requireExpiration()) {
            b.setRequireExpirationTime();
        }
        if (options.issuer() != null) {
            b.setExpectedIssuer(options.issuer());
        }
        if (options.audiences().isEmpty()) {
            b.setSkipDefaultAudienceValidation();
        } else {
            b.setExpectedAudience(options.audiences().toArray(String[]::new));
        }
        return b;
    }

    /**
     * When the connection must end: {@code exp} plus the clock skew allowed at CONNECT, or 0 for a token without
     * {@code exp} (only accepted with require-expiration off).
     */
    private long expiresAtMillis(JwtClaims claims) {
        try {
            NumericDate exp = claims.getExpirationTime();
            if (exp == null) {
                return 0;
            }
            return Math.max(1, exp.getValueInMillis() + options.clockSkew().toMillis());
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            return 0; // cannot happen: the consumer checked exp already
        }
    }

    /** The token's topic claims as permissions, or null when it has none of them. */
    private TopicPermissions grants(JwtClaims claims) {
        List<AclRule> rules = new ArrayList<>();
        boolean present = addClaim(claims, options.topicsClaim(), Access.READWRITE, rules);
        present |= addClaim(claims, options.publishClaim(), Access.WRITE, rules);
        present |= addClaim(claims, options.subscribeClaim(), Access.READ, rules);
        return present ? TopicPermissions.of(rules) : null;
    }

    private static boolean addClaim(JwtClaims claims, String name, Access access, List<AclRule> rules) {
        if (name == null || !claims.hasClaim(name)) {
            return false;
        }
        Object value = claims.getClaimValue(name);
        if (value instanceof String s) {
            rules.add(AclRule.topic(access, s));
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("claim " + name + " holds something other than strings");
                }
                rules.add(AclRule.topic(access, s));
            }
        } else {
            throw new IllegalArgumentException("claim " + name + " is neither a string nor an array of strings");
        }
        return true;
    }
}
