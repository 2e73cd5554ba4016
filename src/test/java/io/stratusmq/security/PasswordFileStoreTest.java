package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileStoreTest {

    @TempDir
    Path dir;

    private static String line(String user, String password) {
        return user + ":" + PasswordHash.create(password.getBytes(StandardCharsets.UTF_8), 2, new SecureRandom())
                .encoded();
    }

    private static void touch(Path file, int secondsLater) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    private PasswordHash find(PasswordFileStore store, String user) {
        return store.find(user).toCompletableFuture().join();
    }

    @Test
    @DisplayName("users are found by exact name; unknown ones are null")
    void lookup() throws Exception {
        Path file = dir.resolve("passwd");
        Files.write(file, List.of(line("alice", "a"), line("Bob", "b")));
        PasswordFileStore store = new PasswordFileStore(file);
        assertThat(find(store, "alice")).isNotNull();
        assertThat(find(store, "bob")).isNull();
        assertThat(find(store, "Bob")).isNotNull();
    }

    @Test
    @DisplayName("a changed file is reloaded; a file that cannot be read any more keeps the users loaded before")
    void reload() throws Exception {
        Path file = dir.resolve("passwd");
        Files.write(file, List.of(line("alice", "a")));
        PasswordFileStore store = new PasswordFileStore(file);
        assertThat(store.reloadIfChanged()).isFalse();
        Files.write(file, List.of(line("alice", "a"), line("bob", "b")));
        touch(file, 5);
        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(find(store, "bob")).isNotNull();
        Files.delete(file);
        assertThat(store.reloadIfChanged()).isFalse();
        assertThat(find(store, "bob")).isNotNull();
    }

    @Test
    @DisplayName("a missing file stops the start")
    void missing() {
        assertThatThrownBy(() -> new PasswordFileStore(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }
}
