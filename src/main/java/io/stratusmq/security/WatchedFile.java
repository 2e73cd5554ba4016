package io.stratusmq.security;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A configuration file parsed at start and again whenever its modification time or size changes (a Kubernetes
 * Secret or ConfigMap volume swaps the file in place). The first load fails loudly; a later load that fails keeps
 * the last good contents and logs why, so a half-edited file never opens or closes the broker.
 *
 * <p>Thread-safe: {@link #current()} from any thread; {@link #reloadIfChanged()} does blocking I/O and belongs
 * on a worker or timer thread, one at a time.
 */
public final class WatchedFile<T> {

    private static final System.Logger LOG = System.getLogger(WatchedFile.class.getName());

    /** Reads the file; throws with a message naming the line when the contents are wrong. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(Path path) throws IOException, IllegalArgumentException;
    }

    private final Path path;
    private final Parser<T> parser;
    private volatile T current;
    private Object version;

    /** Loads the file now. */
    public WatchedFile(Path path, Parser<T> parser) throws IOException {
        this.path = Objects.requireNonNull(path, "path");
        this.parser = parser;
        this.version = version();
        this.current = parser.parse(path);
    }

    public T current() {
        return current;
    }

    public Path path() {
        return path;
    }

    /** Parses the file again if it changed since the last load; true when new contents are in use. */
    public boolean reloadIfChanged() {
        Object now;
        try {
            now = version();
        } catch (IOException e) {
            if (version != null) {
                LOG.log(ERROR, "{0} cannot be read ({1}); keeping the contents loaded before", path, e.toString());
                version = null;
            }
            return false;
        }
        if (now.equals(version)) {
            return false;
        }
        version = now;
        try {
            current = parser.parse(path);
            LOG.log(INFO, "{0} reloaded", path);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(ERROR, "{0} changed but cannot be used ({1}); keeping the contents loaded before", path,
                    e.getMessage());
            return false;
        }
    }

    private Object version() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return a.lastModifiedTime().toMillis() + ":" + a.size() + ":" + a.fileKey();
    }
}
