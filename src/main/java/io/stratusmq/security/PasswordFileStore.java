package io.stratusmq.security;

import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Users from a Mosquitto-format password file ({@code stratus.auth.password-file}), held in memory and reloaded
 * when the file changes. Lines that cannot be used are logged and left out, as Mosquitto does.
 *
 * <p>Thread-safe; lookups never block.
 */
public final class PasswordFileStore implements UserStore {

    private static final System.Logger LOG = System.getLogger(PasswordFileStore.class.getName());

    private final WatchedFile<Map<String, PasswordHash>> file;

    public PasswordFileStore(Path path) throws IOException {
        this.file = new WatchedFile<>(path, PasswordFileStore::load);
    }

    @Override
    public CompletionStage<PasswordHash> find(String username) {
        return CompletableFuture.completedFuture(file.current().get(username));
    }

    /** Reloads when the file changed; blocking I/O. */
    public boolean reloadIfChanged() {
        return file.reloadIfChanged();
    }

    public int size() {
        return file.current().size();
    }

    private static Map<String, PasswordHash> load(Path path) throws IOException {
        PasswordFile.Contents contents = PasswordFile.read(path);
        for (String problem : contents.problems()) {
            LOG.log(WARNING, "{0}: {1}; that entry is ignored", path, problem);
        }
        return contents.users();
    }
}
