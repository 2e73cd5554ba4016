package io.stratusmq.security;

import java.util.concurrent.CompletionStage;

/**
 * Where users and their Mosquitto-format password hashes are kept: a password file, or Redis for a cluster.
 * Implementations never block the calling thread.
 */
public interface UserStore {

    /**
     * The user's password hash, or null when this store does not know the user. Completes exceptionally when the
     * store cannot be reached, which refuses the client with "server unavailable" rather than "bad password".
     */
    CompletionStage<PasswordHash> find(String username);
}
