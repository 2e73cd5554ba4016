package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswdCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return new PasswdCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), null,
                new SecureRandom()).run(args);
    }

    private PasswordHash hashOf(Path file, String user) throws Exception {
        return PasswordFile.read(file).users().get(user);
    }

    @Test
    @DisplayName("passwd -c FILE USER creates the file; the password comes from stdin without a terminal")
    void createFromStdin() throws Exception {
        Path file = dir.resolve("passwd");
        assertThat(run("s3cret\n", "-c", "-I", "50", file.toString(), "alice")).isZero();
        PasswordHash hash = hashOf(file, "alice");
        assertThat(hash.iterations()).isEqualTo(50);
        assertThat(hash.verify("s3cret".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    @DisplayName("without -I a hash gets the default iteration count")
    void defaultIterations() throws Exception {
        Path file = dir.resolve("passwd");
        assertThat(run("", "-c", "-b", file.toString(), "alice", "pw")).isZero();
        assertThat(hashOf(file, "alice").iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
    }

    @Test
    @DisplayName("-b adds and changes users in a file mosquitto_passwd wrote, keeping the other entries intact")
    void editMosquittoFile() throws Exception {
        Path file = dir.resolve("passwd");
        Files.copy(PasswordHashTest.MOSQUITTO_FILE, file);
        List<String> before = Files.readAllLines(file);
        assertThat(run("", "-b", "-I", "10", file.toString(), "alice", "new-alice")).isZero();
        assertThat(run("", "-b", "-I", "10", file.toString(), "zoe", "zoe-pw")).isZero();
        List<String> after = Files.readAllLines(file);
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after.subList(1, before.size())).isEqualTo(before.subList(1, before.size()));
        assertThat(hashOf(file, "alice").verify("new-alice".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(hashOf(file, "zoe").verify("zoe-pw".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(hashOf(file, "dave").verify("legacy-sha512".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    @DisplayName("-D deletes a user; deleting one that is not there fails")
    void delete() throws Exception {
        Path file = dir.resolve("passwd");
        Files.copy(PasswordHashTest.MOSQUITTO_FILE, file);
        assertThat(run("", "-D", file.toString(), "bob")).isZero();
        assertThat(PasswordFile.read(file).users()).doesNotContainKey("bob").containsKey("alice");
        assertThat(run("", "-D", file.toString(), "bob")).isEqualTo(1);
    }

    @Test
    @DisplayName("a missing file without -c, an empty password, or no password on stdin fail with status 1")
    void failures() {
        Path file = dir.resolve("missing");
        assertThat(run("pw\n", file.toString(), "alice")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("-c creates it");
        assertThat(run("\n", "-c", file.toString(), "alice")).isEqualTo(1);
        assertThat(run("", "-c", file.toString(), "alice")).isEqualTo(1);
        assertThat(run("pw\n", "-c", file.toString(), "a:b")).isEqualTo(1);
        assertThat(file).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-c -D f u", "-x f u", "-I", "-I abc f u", "-I 0 f u", "f", "-b f u", "f u extra", "-D -b f u p"})
    @DisplayName("wrong usage exits with status 2 and prints the usage")
    void usage(String args) {
        assertThat(run("", args.split(" "))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: passwd");
    }
}
