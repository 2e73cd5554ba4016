package io.stratusmq.security;

import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ACL rules from a file in Mosquitto's syntax ({@code stratus.auth.acl-file}), reloaded when it changes. Unlike
 * the password file, a broken line stops the load: at start the broker does not start, on reload the rules
 * loaded before stay in force.
 *
 * <p>Thread-safe; lookups never block.
 */
public final class AclFileSource implements AclSource {

    private static final System.Logger LOG = System.getLogger(AclFileSource.class.getName());

    private final WatchedFile<Acl> file;

    public AclFileSource(Path path) throws IOException {
        this.file = new WatchedFile<>(path, AclFile::read);
    }

    @Override
    public CompletionStage<List<AclRule>> rulesFor(String clientId, String username) {
        return CompletableFuture.completedFuture(file.current().rulesFor(clientId, username));
    }

    /** Reloads when the file changed; blocking I/O. New rules apply to clients that connect afterwards. */
    public boolean reloadIfChanged() {
        return file.reloadIfChanged();
    }

    public Acl current() {
        return file.current();
    }

    /** Warns when user sections exist but no user store can vouch for usernames. */
    public void warnIfUsersUnverified(boolean userStoreConfigured) {
        if (!userStoreConfigured && !file.current().users().isEmpty()) {
            LOG.log(WARNING, "{0} has user sections but no password file, Redis users or JWT is configured: "
                    + "usernames cannot be verified, so clients are treated as anonymous and those sections "
                    + "never apply", file.path());
        }
    }
}
