package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordHashTest {

    /** Written by mosquitto_passwd 2.0.11; see mosquitto-2.0.11.passwd.README.md. */
    static final Path MOSQUITTO_FILE = Path.of("src/test/resources/security/mosquitto-2.0.11.passwd");

    static Stream<Arguments> mosquittoUsers() {
        return Stream.of(
                Arguments.of("alice", "alice-secret", PasswordHash.Algorithm.PBKDF2_SHA512, 101),
                Arguments.of("bob", "pässwörd ünïcode ✓", PasswordHash.Algorithm.PBKDF2_SHA512, 101),
                Arguments.of("carol", "carol: with colon and spaces", PasswordHash.Algorithm.PBKDF2_SHA512, 1000),
                Arguments.of("dave", "legacy-sha512", PasswordHash.Algorithm.SHA512, 1),
                Arguments.of("erin.device-01", "x", PasswordHash.Algorithm.PBKDF2_SHA512, 101),
                Arguments.of("frank", "long".repeat(40), PasswordHash.Algorithm.PBKDF2_SHA512, 101),
                Arguments.of("gina", "", PasswordHash.Algorithm.PBKDF2_SHA512, 101));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mosquittoUsers")
    @DisplayName("hashes written by mosquitto_passwd 2.0.11 ($7$ PBKDF2-SHA512, $6$ SHA-512) verify the right password only")
    void mosquittoHashes(String user, String password, PasswordHash.Algorithm algorithm, int iterations)
            throws IOException {
        PasswordHash hash = PasswordFile.read(MOSQUITTO_FILE).users().get(user);
        assertThat(hash.algorithm()).isEqualTo(algorithm);
        assertThat(hash.iterations()).isEqualTo(iterations);
        assertThat(hash.verify(password.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(hash.verify((password + "x").getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(hash.verify(new byte[0])).isEqualTo(password.isEmpty());
    }

    @Test
    @DisplayName("a hash this broker writes verifies its password and no other (round trip)")
    void roundTrip() {
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        PasswordHash written = PasswordHash.create(password, 1000, new SecureRandom());
        PasswordHash read = PasswordHash.parse(written.encoded());
        assertThat(read.encoded()).startsWith("$7$1000$").isEqualTo(written.encoded());
        assertThat(read.verify(password)).isTrue();
        assertThat(read.verify("correct horse battery stapl".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    @DisplayName("new hashes get 12 random salt bytes and the default iteration count, as mosquitto_passwd")
    void newHashShape() {
        PasswordHash a = PasswordHash.create(new byte[] {1}, PasswordHash.DEFAULT_ITERATIONS, new SecureRandom());
        PasswordHash b = PasswordHash.create(new byte[] {1}, PasswordHash.DEFAULT_ITERATIONS, new SecureRandom());
        String[] parts = a.encoded().split("\\$");
        assertThat(parts[2]).isEqualTo(String.valueOf(PasswordHash.DEFAULT_ITERATIONS));
        assertThat(java.util.Base64.getDecoder().decode(parts[3])).hasSize(12);
        assertThat(java.util.Base64.getDecoder().decode(parts[4])).hasSize(64);
        assertThat(a.encoded()).isNotEqualTo(b.encoded());
    }

    @ParameterizedTest(name = "{0} iterations")
    @CsvSource({"1", "2", "101", "4096"})
    @DisplayName("PBKDF2 over password bytes equals the JDK's PBKDF2WithHmacSHA512 for ASCII passwords (RFC 8018 5.2)")
    void matchesJdkPbkdf2(int iterations) throws Exception {
        byte[] salt = "NaCl-salt-12".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec("password".toCharArray(), salt, iterations, 512)).getEncoded();
        assertThat(PasswordHash.pbkdf2("password".getBytes(StandardCharsets.US_ASCII), salt, iterations))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''|no password hash",
        "plain-text|not a Mosquitto password hash",
        "$5$c2FsdA==$aGFzaA==|unknown hash type $5$",
        "$7$abc$c2FsdA==$aGFzaA==|not a number",
        "$7$0$c2FsdA==$aGFzaA==|iteration count outside",
        "$7$99999999$c2FsdA==$aGFzaA==|iteration count outside",
        "$7$101$c2FsdA==|$7$iterations$salt$hash",
        "$6$c2FsdA==|$6$salt$hash",
        "$7$101$!!!$aGFzaA==|salt is not valid base64",
        "$7$101$c2FsdA==$aGFzaA==|the hash is 4 bytes, not 64",
        "$7$101$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==|empty salt"})
    @DisplayName("malformed hashes are refused with a reason that never echoes the hash")
    void malformed(String encoded, String reason) {
        assertThatThrownBy(() -> PasswordHash.parse(encoded)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    @DisplayName("toString names algorithm and cost only")
    void toStringHidesHash() {
        PasswordHash hash = PasswordHash.create(new byte[] {1}, 7, new SecureRandom());
        assertThat(hash.toString()).isEqualTo("$7$7$...");
        assertThat(Map.of("h", hash).toString()).doesNotContain(hash.encoded().substring(8));
    }
}
