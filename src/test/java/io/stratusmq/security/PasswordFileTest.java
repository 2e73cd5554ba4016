package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordFileTest {

    private static final String HASH = PasswordHash.create("pw".getBytes(StandardCharsets.UTF_8), 2,
            new SecureRandom()).encoded();

    @Test
    @DisplayName("mosquitto password_file: '#' comment lines and blank lines skipped, blanks around parts trimmed")
    void commentsAndBlanks() {
        PasswordFile.Contents c = PasswordFile.parse(List.of(
                "# users", "", "  alice : " + HASH + "  ", "\t", "bob:" + HASH));
        assertThat(c.users()).containsOnlyKeys("alice", "bob");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    @DisplayName("unusable lines are left out and reported by line number, never with the hash; the rest still load")
    void lenientLikeMosquitto() {
        PasswordFile.Contents c = PasswordFile.parse(List.of(
                "alice:" + HASH,
                "no-colon-here",
                ":" + HASH,
                "carol:plaintext-password",
                "dave:",
                "alice:" + HASH.replace("$7$2$", "$7$3$"),
                "erin:" + HASH));
        assertThat(c.users()).containsOnlyKeys("alice", "erin");
        assertThat(c.users().get("alice").encoded()).isEqualTo(HASH);
        assertThat(c.problems()).hasSize(5)
                .anySatisfy(p -> assertThat(p).startsWith("line 2:"))
                .anySatisfy(p -> assertThat(p).startsWith("line 3:"))
                .anySatisfy(p -> assertThat(p).startsWith("line 4: user \"carol\""))
                .anySatisfy(p -> assertThat(p).startsWith("line 5: user \"dave\""))
                .anySatisfy(p -> assertThat(p).startsWith("line 6: user \"alice\" appears again"))
                .allSatisfy(p -> assertThat(p).doesNotContain("plaintext-password").doesNotContain(HASH));
    }

    @Test
    @DisplayName("editing replaces or appends one user's line and keeps every other line as it was")
    void editKeepsOtherLines() {
        PasswordHash fresh = PasswordHash.create(new byte[] {1}, 2, new SecureRandom());
        List<String> lines = List.of("# keep me", "alice:" + HASH, "", "bob:" + HASH);
        assertThat(PasswordFile.withUser(lines, "alice", fresh))
                .containsExactly("# keep me", "alice:" + fresh.encoded(), "", "bob:" + HASH);
        assertThat(PasswordFile.withUser(lines, "carol", fresh))
                .containsExactly("# keep me", "alice:" + HASH, "", "bob:" + HASH, "carol:" + fresh.encoded());
        assertThat(PasswordFile.withoutUser(lines, "alice")).containsExactly("# keep me", "", "bob:" + HASH);
        assertThat(PasswordFile.withoutUser(List.of("#alice:" + HASH), "alice")).hasSize(1);
    }

    @Test
    @DisplayName("a new file is written readable by its owner only (0600); an existing one keeps its permissions")
    void permissions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFile.write(file, List.of("alice:" + HASH));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        PasswordFile.write(file, List.of("bob:" + HASH));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(PasswordFile.read(file).users()).containsOnlyKeys("bob");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:b", " lead", "trail ", "#comment", "tab\tinside"})
    @DisplayName("usernames the file format cannot hold are refused, as mosquitto_passwd refuses ':'")
    void badUsernames(String user) {
        assertThatThrownBy(() -> PasswordFile.checkUsername(user)).isInstanceOf(IllegalArgumentException.class);
    }
}
