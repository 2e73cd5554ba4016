package io.stratusmq.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the cluster tests write process logs (target/cluster-it/...), and their tails for failure messages. */
final class Logs {

    private Logs() {
    }

    static Path dir(String name) {
        Path dir = Path.of(System.getProperty("stratus.it.logs", "target/cluster-it"), name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    /** {@link #dir}, emptied of the logs of an earlier run. */
    static Path fresh(String name) {
        Path dir = dir(name);
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".log")).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
