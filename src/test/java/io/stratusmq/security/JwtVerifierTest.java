package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratusmq.security.AuthResult.Denial;
import io.stratusmq.testing.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwtVerifierTest {

    private static final long NOW = 1_900_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String SECRET = "0123456789abcdef0123456789abcdef"; // 32 bytes
    private static final HmacKey KEY = Jwts.hmac(SECRET);
    private static final KeyPair RSA = Jwts.rsa();
    private static final KeyPair EC = Jwts.ec("secp256r1");

    private static JwtVerifier.Options options(String issuer, List<String> audiences) {
        return new JwtVerifier.Options(issuer, audiences, Duration.ofSeconds(30), true, "sub", false,
                "mqtt_topics", "mqtt_publish", "mqtt_subscribe");
    }

    private static final JwtVerifier.Options PLAIN = options(null, List.of());

    private static AuthResult check(JwtVerifier v, String token) {
        return check(v, "jwt", token);
    }

    private static AuthResult check(JwtVerifier v, String username, String token) {
        return v.verify(new Credentials("client-1", username, token.getBytes(StandardCharsets.UTF_8), "127.0.0.1",
                null));
    }

    private static JwtVerifier hmac(JwtVerifier.Options options) {
        JwtKeys keys = JwtKeys.hmacSecret(SECRET.getBytes(StandardCharsets.UTF_8));
        return new JwtVerifier(() -> keys, options, CLOCK);
    }

    private static String hs256(JwtClaims claims) {
        return Jwts.sign(claims, AlgorithmIdentifiers.HMAC_SHA256, KEY);
    }

    @Test
    @DisplayName("a valid HS256 token lets the client in as the sub claim; the CONNECT username is ignored")
    void valid() {
        AuthResult r = check(hmac(PLAIN), "whatever", hs256(Jwts.claims("alice", NOW)));
        assertThat(r.allowed()).isTrue();
        assertThat(r.identity().username()).isEqualTo("alice");
        assertThat(r.identity().clientId()).isEqualTo("client-1");
        assertThat(r.identity().grants()).isNull();
    }

    @ParameterizedTest(name = "exp {0} s from now: {1}")
    @CsvSource({"60, true", "-29, true", "-31, false", "-3600, false"})
    @DisplayName("RFC 7519 4.1.4 exp: refused once past, allowing the clock skew (30 s)")
    void expiry(long expInSeconds, boolean allowed) {
        JwtClaims c = Jwts.claims("alice", NOW, x -> {
            x.setIssuedAt(NumericDate.fromSeconds(NOW - 7200)); // jose4j also refuses exp before iat
            x.setExpirationTime(NumericDate.fromSeconds(NOW + expInSeconds));
        });
        assertThat(check(hmac(PLAIN), hs256(c)).allowed()).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "nbf {0} s from now: {1}")
    @CsvSource({"-10, true", "29, true", "31, false"})
    @DisplayName("RFC 7519 4.1.5 nbf: refused before, allowing the clock skew")
    void notBefore(long nbfInSeconds, boolean allowed) {
        JwtClaims c = Jwts.claims("alice", NOW, x -> x.setNotBefore(NumericDate.fromSeconds(NOW + nbfInSeconds)));
        assertThat(check(hmac(PLAIN), hs256(c)).allowed()).isEqualTo(allowed);
    }

    @Test
    @DisplayName("a token without exp is refused unless expiration is not required")
    void missingExpiry() {
        String token = hs256(Jwts.claims("alice", NOW, c -> c.unsetClaim("exp")));
        assertThat(check(hmac(PLAIN), token).denial()).isEqualTo(Denial.BAD_CREDENTIALS);
        JwtVerifier.Options lax = new JwtVerifier.Options(null, List.of(), Duration.ZERO, false, "sub", false, null,
                null, null);
        assertThat(check(hmac(lax), token).allowed()).isTrue();
    }

    @Test
    @DisplayName("RFC 7515 signature: another secret, a changed payload and alg none are all refused")
    void badSignatures() {
        JwtVerifier v = hmac(PLAIN);
        String good = hs256(Jwts.claims("alice", NOW));
        assertThat(check(v, Jwts.sign(Jwts.claims("alice", NOW), AlgorithmIdentifiers.HMAC_SHA256,
                Jwts.hmac("another-secret-another-secret-xx"))).denial()).isEqualTo(Denial.BAD_CREDENTIALS);
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + hs256(Jwts.claims("admin", NOW)).split("\\.")[1] + "." + parts[2];
        assertThat(check(v, forged).denial()).isEqualTo(Denial.BAD_CREDENTIALS);
        assertThat(check(v, Jwts.unsigned(Jwts.claims("alice", NOW))).denial()).isEqualTo(Denial.BAD_CREDENTIALS);
        assertThat(check(v, "not-a-token").denial()).isEqualTo(Denial.BAD_CREDENTIALS);
    }

    @Test
    @DisplayName("algorithm confusion: an HS256 token keyed with the RSA public key is refused when RS256 is configured")
    void algorithmConfusion() {
        JwtKeys keys = JwtKeys.publicKeyPem(Jwts.pem(RSA.getPublic()));
        JwtVerifier v = new JwtVerifier(() -> keys, PLAIN, CLOCK);
        String confused = Jwts.sign(Jwts.claims("alice", NOW), AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey(Jwts.pem(RSA.getPublic()).getBytes(StandardCharsets.US_ASCII)));
        assertThat(check(v, confused).allowed()).isFalse();
        assertThat(check(v, Jwts.sign(Jwts.claims("alice", NOW), AlgorithmIdentifiers.RSA_USING_SHA256,
                RSA.getPrivate())).allowed()).isTrue();
    }

    @ParameterizedTest(name = "iss {0}, aud {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "https://idp|mqtt|true",
        "https://evil|mqtt|false",
        "null|mqtt|false",
        "https://idp|other|false",
        "https://idp|null|false"})
    @DisplayName("RFC 7519 4.1.1 iss and 4.1.3 aud: must match the configured issuer and one configured audience")
    void issuerAndAudience(String iss, String aud, boolean allowed) {
        JwtClaims c = Jwts.claims("alice", NOW, x -> {
            if (iss != null) {
                x.setIssuer(iss);
            }
            if (aud != null) {
                x.setAudience(aud, "unrelated");
            }
        });
        JwtVerifier v = hmac(options("https://idp", List.of("broker", "mqtt")));
        assertThat(check(v, hs256(c)).allowed()).isEqualTo(allowed);
    }

    @Test
    @DisplayName("with no audience configured, tokens with or without aud are accepted")
    void anyAudience() {
        assertThat(check(hmac(PLAIN), hs256(Jwts.claims("alice", NOW, c -> c.setAudience("x")))).allowed()).isTrue();
    }

    @Test
    @DisplayName("the username comes from the configured claim; it must be a non-empty string")
    void usernameClaim() {
        JwtVerifier.Options byEmail = new JwtVerifier.Options(null, List.of(), Duration.ZERO, true, "email", false,
                null, null, null);
        JwtVerifier v = hmac(byEmail);
        assertThat(check(v, hs256(Jwts.claims("alice", NOW, c -> c.setClaim("email", "a@x.org")))).identity()
                .username()).isEqualTo("a@x.org");
        assertThat(check(v, hs256(Jwts.claims("alice", NOW))).allowed()).isFalse();
        assertThat(check(v, hs256(Jwts.claims("alice", NOW, c -> c.setClaim("email", 42)))).allowed()).isFalse();
    }

    @Test
    @DisplayName("with match-username the CONNECT username must equal the claim")
    void matchUsername() {
        JwtVerifier.Options strict = new JwtVerifier.Options(null, List.of(), Duration.ZERO, true, "sub", true, null,
                null, null);
        String token = hs256(Jwts.claims("alice", NOW));
        assertThat(check(hmac(strict), "alice", token).allowed()).isTrue();
        assertThat(check(hmac(strict), "bob", token).denial()).isEqualTo(Denial.BAD_CREDENTIALS);
        assertThat(check(hmac(strict), null, token).allowed()).isFalse();
    }

    @Test
    @DisplayName("topic claims become grants: mqtt_topics both ways, mqtt_publish and mqtt_subscribe one way each")
    void topicClaims() {
        String token = hs256(Jwts.claims("alice", NOW, c -> {
            c.setStringListClaim("mqtt_topics", "shared/#");
            c.setClaim("mqtt_publish", "cmd/alice");
            c.setStringListClaim("mqtt_subscribe", "dash/+/status", "alerts/#");
        }));
        TopicPermissions g = check(hmac(PLAIN), token).identity().grants();
        assertThat(g.mayWrite("shared/x")).isTrue();
        assertThat(g.mayRead("shared/x")).isTrue();
        assertThat(g.mayWrite("cmd/alice")).isTrue();
        assertThat(g.mayRead("cmd/alice")).isFalse();
        assertThat(g.maySubscribe("dash/+/status")).isTrue();
        assertThat(g.mayWrite("dash/a/status")).isFalse();
        assertThat(g.maySubscribe("#")).isFalse();
    }

    @Test
    @DisplayName("any topic claim present limits both directions: a token with only mqtt_publish subscribes to nothing")
    void oneClaimLimitsAll() {
        String token = hs256(Jwts.claims("alice", NOW, c -> c.setClaim("mqtt_publish", "cmd/#")));
        TopicPermissions g = check(hmac(PLAIN), token).identity().grants();
        assertThat(g.mayWrite("cmd/x")).isTrue();
        assertThat(g.maySubscribe("cmd/#")).isFalse();
        assertThat(g.mayRead("anything")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"a/#/b", "''", "a+", "$share/g/a"})
    @DisplayName("a topic claim with an invalid filter refuses the token")
    void badTopicClaims(String filter) {
        String token = hs256(Jwts.claims("alice", NOW, c -> c.setStringListClaim("mqtt_topics", "ok/#", filter)));
        assertThat(check(hmac(PLAIN), token).allowed()).isFalse();
        String numbers = hs256(Jwts.claims("alice", NOW, c -> c.setClaim("mqtt_topics", List.of(1, 2))));
        assertThat(check(hmac(PLAIN), numbers).allowed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "RS256, RSA", "RS384, RSA", "RS512, RSA", "ES256, EC"})
    @DisplayName("RFC 7518 3.3 RSxxx and 3.4 ESxxx with a PEM public key")
    void publicKeys(String alg, String kind) {
        KeyPair pair = kind.equals("RSA") ? RSA : EC;
        JwtKeys keys = JwtKeys.publicKeyPem(Jwts.pem(pair.getPublic()));
        JwtVerifier v = new JwtVerifier(() -> keys, PLAIN, CLOCK);
        assertThat(check(v, Jwts.sign(Jwts.claims("alice", NOW), alg, pair.getPrivate())).allowed()).isTrue();
        KeyPair other = kind.equals("RSA") ? Jwts.rsa() : Jwts.ec("secp256r1");
        assertThat(check(v, Jwts.sign(Jwts.claims("alice", NOW), alg, other.getPrivate())).allowed()).isFalse();
    }

    @Test
    @DisplayName("RFC 7517 5 JWKS: the kid picks the key; an unknown kid is refused; tokens without kid try the keys")
    void jwks() throws Exception {
        PublicJsonWebKey rsa = PublicJsonWebKey.Factory.newPublicJwk(RSA.getPublic());
        rsa.setKeyId("r1");
        KeyPair ec384 = Jwts.ec("secp384r1");
        PublicJsonWebKey ec = PublicJsonWebKey.Factory.newPublicJwk(ec384.getPublic());
        ec.setKeyId("e1");
        JwtKeys keys = JwtKeys.jwks(new JsonWebKeySet(rsa, ec).toJson());
        JwtVerifier v = new JwtVerifier(() -> keys, PLAIN, CLOCK);
        JwtClaims c = Jwts.claims("alice", NOW);
        assertThat(check(v, Jwts.sign(c, "RS256", RSA.getPrivate(), "r1")).allowed()).isTrue();
        assertThat(check(v, Jwts.sign(c, "ES384", ec384.getPrivate(), "e1")).allowed()).isTrue();
        assertThat(check(v, Jwts.sign(c, "RS256", RSA.getPrivate(), "zz")).allowed()).isFalse();
        assertThat(check(v, Jwts.sign(c, "RS256", RSA.getPrivate())).allowed()).isTrue();
        assertThat(check(v, Jwts.sign(c, "RS256", Jwts.rsa().getPrivate(), "r1")).allowed()).isFalse();
    }

    @Test
    @DisplayName("a JWKS may hold public RSA and EC keys only: no private parts, no shared secrets")
    void jwksRefusals() throws Exception {
        PublicJsonWebKey withPrivate = PublicJsonWebKey.Factory.newPublicJwk(RSA.getPublic());
        withPrivate.setPrivateKey(RSA.getPrivate());
        String privateSet = new JsonWebKeySet(withPrivate).toJson(
                org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
        assertThatThrownBy(() -> JwtKeys.jwks(privateSet)).hasMessageContaining("private part");
        assertThatThrownBy(() -> JwtKeys.jwks("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}"))
                .hasMessageContaining("public keys only");
        assertThatThrownBy(() -> JwtKeys.jwks("{\"keys\":[]}")).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> JwtKeys.jwks("nope")).hasMessageContaining("not a JSON Web Key Set");
        assertThatThrownBy(() -> JwtKeys.publicKeyPem("garbage")).hasMessageContaining("BEGIN PUBLIC KEY");
    }

    @Test
    @DisplayName("RFC 7518 3.2: an HMAC secret shorter than the hash is refused; longer secrets allow HS384/HS512")
    void secretLength() {
        assertThatThrownBy(() -> JwtKeys.hmacSecret(new byte[31])).hasMessageContaining("at least 32");
        JwtKeys k32 = JwtKeys.hmacSecret(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(check(new JwtVerifier(() -> k32, PLAIN, CLOCK),
                Jwts.sign(Jwts.claims("a", NOW), "HS512", KEY)).allowed()).isFalse();
        String long64 = SECRET + SECRET;
        JwtKeys k64 = JwtKeys.hmacSecret(long64.getBytes(StandardCharsets.UTF_8));
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            assertThat(check(new JwtVerifier(() -> k64, PLAIN, CLOCK),
                    Jwts.sign(Jwts.claims("a", NOW), alg, Jwts.hmac(long64))).allowed()).as(alg).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln|true",
        "a.b.c|true",
        "ab.cd.|true",
        "password|false",
        "a.b|false",
        "a.b.c.d|false",
        "a b.c.d|false",
        "a+b.c.d|false"})
    @DisplayName("only a compact-JWS-shaped password is taken for a token")
    void shape(String password, boolean token) {
        assertThat(JwtVerifier.looksLikeToken(password.getBytes(StandardCharsets.UTF_8))).isEqualTo(token);
    }
}
