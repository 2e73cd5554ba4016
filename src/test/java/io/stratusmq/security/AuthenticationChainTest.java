package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratusmq.security.AuthResult.Denial;
import io.stratusmq.testing.Jwts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthenticationChainTest {

    private static final Executor DIRECT = Runnable::run;
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static PasswordVerifier passwords(UserStore store) {
        return new PasswordVerifier(List.of(store), DIRECT, Duration.ZERO, System::nanoTime);
    }

    private static final PasswordVerifier ALICE = passwords(
            new PasswordVerifierTest.MapStore().with("alice", "right"));

    private static JwtVerifier tokens() {
        JwtKeys keys = JwtKeys.hmacSecret(SECRET.getBytes(StandardCharsets.UTF_8));
        return new JwtVerifier(() -> keys, new JwtVerifier.Options(null, List.of(), Duration.ofSeconds(30), true, "sub",
                false, "mqtt_topics", null, null), Clock.systemUTC());
    }

    private static String token(String subject) {
        return Jwts.sign(Jwts.claims(subject, System.currentTimeMillis() / 1000), AlgorithmIdentifiers.HMAC_SHA256,
                Jwts.hmac(SECRET));
    }

    private static AuthResult auth(Authenticator a, String username, String password) {
        CompletableFuture<AuthResult> f = a.authenticate(new Credentials("c1", username,
                password == null ? null : password.getBytes(StandardCharsets.UTF_8), "127.0.0.1", null))
                .toCompletableFuture();
        assertThat(f).succeedsWithin(Duration.ofSeconds(10)); // never exceptionally: a denial instead
        return f.join();
    }

    @ParameterizedTest(name = "anonymous allowed {0}")
    @CsvSource({"true", "false"})
    @DisplayName("no username and no password: anonymous when allowed, else not authorized (CONNACK 0x87 / 0x05)")
    void anonymous(boolean allowed) {
        AuthResult r = auth(new AuthenticationChain(ALICE, null, allowed, null, DIRECT, TIMEOUT), null, null);
        assertThat(r.allowed()).isEqualTo(allowed);
        if (allowed) {
            assertThat(r.identity().username()).isNull();
        } else {
            assertThat(r.denial()).isEqualTo(Denial.NOT_AUTHORIZED);
        }
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource(nullValues = "null", value = {
        "alice, right, true",
        "alice, wrong, false",
        "alice, null, false",
        "mallory, right, false",
        "null, right, false"})
    @DisplayName("wrong credentials, whichever part, are 'bad username or password' (0x86 / 0x04), even with anonymous on")
    void passwords(String user, String password, boolean allowed) {
        AuthResult r = auth(new AuthenticationChain(ALICE, null, true, null, DIRECT, TIMEOUT), user, password);
        assertThat(r.allowed()).isEqualTo(allowed);
        if (allowed) {
            assertThat(r.identity().username()).isEqualTo("alice");
        } else {
            assertThat(r.denial()).isEqualTo(Denial.BAD_CREDENTIALS);
        }
    }

    @Test
    @DisplayName("with passwords and tokens, a token-shaped password goes to JWT and any other to the user stores")
    void dispatch() {
        Authenticator a = new AuthenticationChain(ALICE, tokens(), false, null, DIRECT, TIMEOUT);
        assertThat(auth(a, "ignored", token("bob")).identity().username()).isEqualTo("bob");
        assertThat(auth(a, "alice", "right").identity().username()).isEqualTo("alice");
        assertThat(auth(a, "alice", token("alice") + "x").denial()).isEqualTo(Denial.BAD_CREDENTIALS);
    }

    @Test
    @DisplayName("with tokens only, every password is taken for a token; a username without one is refused")
    void tokensOnly() {
        Authenticator a = new AuthenticationChain(null, tokens(), false, null, DIRECT, TIMEOUT);
        assertThat(auth(a, null, token("bob")).allowed()).isTrue();
        assertThat(auth(a, "bob", "right").denial()).isEqualTo(Denial.BAD_CREDENTIALS);
        assertThat(auth(a, "bob", null).denial()).isEqualTo(Denial.BAD_CREDENTIALS);
    }

    @Test
    @DisplayName("with no user store, credentials cannot be checked: anonymous (username not trusted) or refused")
    void noStore() {
        AuthResult r = auth(new AuthenticationChain(null, null, true, null, DIRECT, TIMEOUT), "admin", "x");
        assertThat(r.allowed()).isTrue();
        assertThat(r.identity().username()).isNull();
        assertThat(auth(new AuthenticationChain(null, null, false, null, DIRECT, TIMEOUT), "admin", "x").denial())
                .isEqualTo(Denial.BAD_CREDENTIALS);
    }

    @Test
    @DisplayName("the client's ACL is resolved into its identity after the credentials pass")
    void resolvesAcl() {
        AclSource source = (c, u) -> CompletableFuture.completedFuture(
                List.of(AclRule.topic(Access.READ, u + "/" + c + "/#")));
        Authenticator a = new AuthenticationChain(ALICE, null, false, new AclResolver(List.of(source)), DIRECT,
                TIMEOUT);
        ClientIdentity id = auth(a, "alice", "right").identity();
        assertThat(id.acl().mayRead("alice/c1/x")).isTrue();
        assertThat(id.acl().mayRead("bob/c1/x")).isFalse();
    }

    @Test
    @DisplayName("a store that cannot be reached, or answers too late, is 'server unavailable' (0x88 / 0x03)")
    void unavailable() {
        UserStore down = u -> CompletableFuture.failedFuture(new IOException("connection refused"));
        assertThat(auth(new AuthenticationChain(passwords(down), null, false, null, DIRECT, TIMEOUT), "a", "b")
                .denial()).isEqualTo(Denial.SERVER_UNAVAILABLE);
        UserStore silent = u -> new CompletableFuture<>();
        assertThat(auth(new AuthenticationChain(passwords(silent), null, false, null, DIRECT, Duration.ofMillis(50)),
                "a", "b").denial()).isEqualTo(Denial.SERVER_UNAVAILABLE);
        AclSource aclDown = (c, u) -> CompletableFuture.failedFuture(new IOException("down"));
        assertThat(auth(new AuthenticationChain(ALICE, null, false, new AclResolver(List.of(aclDown)), DIRECT,
                TIMEOUT), "alice", "right").denial()).isEqualTo(Denial.SERVER_UNAVAILABLE);
    }

    @Test
    @DisplayName("a full hashing queue is 'server unavailable', not 'bad password'")
    void busy() {
        Executor full = r -> {
            throw new RejectedExecutionException("full");
        };
        PasswordVerifier v = new PasswordVerifier(List.of(new PasswordVerifierTest.MapStore().with("alice", "right")),
                full, Duration.ZERO, System::nanoTime);
        assertThat(auth(new AuthenticationChain(v, null, false, null, full, TIMEOUT), "alice", "right").denial())
                .isEqualTo(Denial.SERVER_UNAVAILABLE);
        assertThat(auth(new AuthenticationChain(null, tokens(), false, null, full, TIMEOUT), "x", token("a"))
                .denial()).isEqualTo(Denial.SERVER_UNAVAILABLE);
    }

    @Test
    @DisplayName("broken ACL rules for a client refuse it as not authorized rather than letting it in with fewer rules")
    void brokenRules() {
        AclSource broken = (c, u) -> CompletableFuture.supplyAsync(() -> {
            throw new AclSyntaxException("Redis line 1: nonsense");
        });
        assertThat(auth(new AuthenticationChain(ALICE, null, false, new AclResolver(List.of(broken)), DIRECT,
                TIMEOUT), "alice", "right").denial()).isEqualTo(Denial.NOT_AUTHORIZED);
    }
}
