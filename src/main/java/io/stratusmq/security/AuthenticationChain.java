package io.stratusmq.security;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.security.AuthResult.Denial;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The configured authentication, Mosquitto's way:
 *
 * <ol>
 * <li>A TLS client certificate verified by the listener's trust store: its CN is the username, as Mosquitto's
 * {@code use_identity_as_username} does; the password is not looked at.
 * <li>No username and no password: anonymous, let in only when anonymous access is on, else "not authorized"
 * (CONNACK 0x87 / 0x05).
 * <li>A password shaped like a token while JWT is configured (or any password when tokens are the only user
 * store): {@link JwtVerifier}.
 * <li>Otherwise the user stores ({@link PasswordVerifier}).
 * <li>No user store at all: the credentials cannot be checked, so the client counts as anonymous (its username
 * is not trusted for ACL sections) when anonymous access is on, and is refused otherwise.
 * </ol>
 *
 * Every credential failure is "bad username or password" (CONNACK 0x86 / 0x04), whichever part was wrong. Then,
 * when an ACL is configured, the client's rules are resolved into its identity ({@link AclResolver}).
 * A store that cannot be reached, or an answer slower than the timeout, gives "server unavailable".
 *
 * <p>Thread-safe; never blocks the caller: token checks and hashing run on the given executor.
 */
public final class AuthenticationChain implements Authenticator {

    private static final System.Logger LOG = System.getLogger(AuthenticationChain.class.getName());

    private final PasswordVerifier passwords;
    private final JwtVerifier tokens;
    private final boolean allowAnonymous;
    private final AclResolver acl;
    private final Executor work;
    private final long timeoutMillis;

    /**
     * @param passwords the user stores, or null when there are none
     * @param tokens the token check, or null when JWT is off
     * @param acl the ACL, or null when none is configured (everything allowed)
     * @param work where token checks run (the hashing pool)
     * @param timeout the longest an answer may take, stores included
     */
    public AuthenticationChain(PasswordVerifier passwords, JwtVerifier tokens, boolean allowAnonymous, AclResolver acl,
            Executor work, Duration timeout) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.allowAnonymous = allowAnonymous;
        this.acl = acl;
        this.work = work;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public CompletionStage<AuthResult> authenticate(Credentials c) {
        CompletableFuture<AuthResult> result;
        try {
            result = withAcl(credentials(c)).toCompletableFuture();
        } catch (RuntimeException e) { // e.g. the executor refused the work: its queue is full
            return CompletableFuture.completedFuture(unavailable(c, e));
        }
        if (result.isDone()) {
            return result.exceptionally(e -> failed(c, e));
        }
        return result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).exceptionally(e -> failed(c, e));
    }

    private CompletionStage<AuthResult> credentials(Credentials c) {
        if (c.certificateSubject() != null) {
            return done(AuthResult.allow(new ClientIdentity(c.clientId(), c.certificateSubject(), null)));
        }
        if (c.username() == null && c.password() == null) {
            return done(allowAnonymous ? AuthResult.allow(ClientIdentity.anonymous(c.clientId()))
                    : AuthResult.deny(Denial.NOT_AUTHORIZED));
        }
        if (tokens != null && c.password() != null && (passwords == null || JwtVerifier.looksLikeToken(c.password()))) {
            return CompletableFuture.supplyAsync(() -> tokens.verify(c), work);
        }
        if (passwords != null) {
            return passwords.verify(c.username(), c.password()).thenApply(ok -> ok
                    ? AuthResult.allow(new ClientIdentity(c.clientId(), c.username(), null))
                    : AuthResult.deny(Denial.BAD_CREDENTIALS));
        }
        if (tokens != null) { // tokens only, and no password to check
            return done(AuthResult.deny(Denial.BAD_CREDENTIALS));
        }
        return done(allowAnonymous ? AuthResult.allow(ClientIdentity.anonymous(c.clientId()))
                : AuthResult.deny(Denial.BAD_CREDENTIALS));
    }

    private CompletionStage<AuthResult> withAcl(CompletionStage<AuthResult> stage) {
        if (acl == null) {
            return stage;
        }
        return stage.thenCompose(r -> {
            if (!r.allowed()) {
                return done(r);
            }
            ClientIdentity id = r.identity();
            return acl.resolve(id.clientId(), id.username()).thenApply(p -> AuthResult.allow(id.withAcl(p)));
        });
    }

    private AuthResult failed(Credentials c, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AclSyntaxException) {
            LOG.log(ERROR, "client {0}: its ACL rules cannot be read, so it is refused: {1}", c.clientId(),
                    cause.getMessage());
            return AuthResult.deny(Denial.NOT_AUTHORIZED);
        }
        return unavailable(c, cause);
    }

    private static AuthResult unavailable(Credentials c, Throwable cause) {
        String why = cause instanceof TimeoutException ? "no answer in time" : cause.toString();
        LOG.log(WARNING, "client {0}: authentication unavailable: {1}", c.clientId(), why);
        return AuthResult.deny(Denial.SERVER_UNAVAILABLE);
    }

    private static CompletionStage<AuthResult> done(AuthResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
