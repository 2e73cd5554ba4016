package io.stratusmq.security;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a CONNECT may proceed. May complete on any thread; the caller hops back to its event loop.
 * Implementations never block the calling thread.
 */
public interface Authenticator {

    /** Lets every client in, as an anonymous identity unless it named a user. */
    Authenticator ALLOW_ALL = c -> CompletableFuture.completedFuture(
            AuthResult.allow(new ClientIdentity(c.clientId(), c.username(), null)));

    CompletionStage<AuthResult> authenticate(Credentials credentials);
}
