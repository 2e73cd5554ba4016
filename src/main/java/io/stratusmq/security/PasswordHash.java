package io.stratusmq.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A password hash in the format of Mosquitto's password files, as {@code mosquitto_passwd} writes them
 * (Mosquitto 2.0, src/password_mosq.c):
 *
 * <ul>
 * <li>{@code $7$<iterations>$<base64 salt>$<base64 hash>}: PBKDF2-HMAC-SHA512 (RFC 8018 section 5.2), one
 * 64-byte block, Mosquitto 2.0's default (101 iterations unless {@code -I} is given);
 * <li>{@code $6$<base64 salt>$<base64 hash>}: one SHA-512 over the password then the salt, Mosquitto 1.6 and
 * earlier. Accepted so that old files keep working; never written.
 * </ul>
 *
 * <p>The password is the raw bytes of the CONNECT password field, so any UTF-8 password hashes as Mosquitto hashes
 * it. Verification compares in constant time.
 *
 * <p>Immutable and thread-safe. Verifying a {@code $7$} hash costs about 2 us per iteration: never call
 * {@link #verify} on an event loop.
 */
public final class PasswordHash {

    /** The hash functions Mosquitto password files use. */
    public enum Algorithm {
        /** {@code $6$}: SHA-512 over password then salt. */
        SHA512,
        /** {@code $7$}: PBKDF2-HMAC-SHA512. */
        PBKDF2_SHA512
    }

    /** Iterations for hashes this broker writes: 100 times Mosquitto 2.0's default, about 20 ms per check. */
    public static final int DEFAULT_ITERATIONS = 10_000;

    /** More iterations than this in a stored hash is taken for a broken or hostile entry (seconds per CONNECT). */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final int SALT_BYTES = 12; // as mosquitto_passwd
    private static final int HASH_BYTES = 64; // SHA-512 output
    private static final String HMAC = "HmacSHA512";

    private final Algorithm algorithm;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;
    private final String encoded;

    private PasswordHash(Algorithm algorithm, int iterations, byte[] salt, byte[] hash, String encoded) {
        this.algorithm = algorithm;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
        this.encoded = encoded;
    }

    /**
     * Reads a hash as it appears after the {@code user:} in a password file.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the hash
     */
    public static PasswordHash parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalArgumentException("no password hash");
        }
        String[] parts = encoded.split("\\$", -1);
        // "$7$101$salt$hash" splits into "", "7", "101", "salt", "hash"
        if (parts.length < 2 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("not a Mosquitto password hash (expected $6$ or $7$)");
        }
        Algorithm algorithm;
        int iterations;
        int saltIndex;
        switch (parts[1]) {
            case "6" -> {
                if (parts.length != 4) {
                    throw new IllegalArgumentException("a $6$ hash has the form $6$salt$hash");
                }
                algorithm = Algorithm.SHA512;
                iterations = 1;
                saltIndex = 2;
            }
            case "7" -> {
                if (parts.length != 5) {
                    throw new IllegalArgumentException("a $7$ hash has the form $7$iterations$salt$hash");
                }
                algorithm = Algorithm.PBKDF2_SHA512;
                try {
                    iterations = Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the iteration count of a $7$ hash is not a number");
                }
                if (iterations < 1 || iterations > MAX_ITERATIONS) {
                    throw new IllegalArgumentException("iteration count outside 1.." + MAX_ITERATIONS);
                }
                saltIndex = 3;
            }
            default -> throw new IllegalArgumentException("unknown hash type $" + parts[1] + "$ (expected $6$ or $7$)");
        }
        byte[] salt = decode(parts[saltIndex], "salt");
        byte[] hash = decode(parts[saltIndex + 1], "hash");
        if (salt.length == 0) {
            throw new IllegalArgumentException("empty salt");
        }
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash is " + hash.length + " bytes, not " + HASH_BYTES);
        }
        return new PasswordHash(algorithm, iterations, salt, hash, encoded);
    }

    /** Hashes a new password the way {@code mosquitto_passwd -I iterations} does: $7$ with a random 12-byte salt. */
    public static PasswordHash create(byte[] password, int iterations, SecureRandom random) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be within 1.." + MAX_ITERATIONS);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        String encoded = "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        return new PasswordHash(Algorithm.PBKDF2_SHA512, iterations, salt, hash, encoded);
    }

    /** True when the password hashes to this hash. CPU-heavy for $7$; constant-time comparison. */
    public boolean verify(byte[] password) {
        byte[] computed = algorithm == Algorithm.PBKDF2_SHA512 ? pbkdf2(password, salt, iterations)
                : sha512(password, salt);
        return MessageDigest.isEqual(computed, hash);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public int iterations() {
        return iterations;
    }

    /** The text as stored in a password file, e.g. {@code $7$101$salt$hash}. */
    public String encoded() {
        return encoded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash other && other.encoded.equals(encoded);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    /** Names the algorithm and cost only: a hash is not something to print. */
    @Override
    public String toString() {
        return algorithm == Algorithm.PBKDF2_SHA512 ? "$7$" + iterations + "$..." : "$6$...";
    }

    /**
     * PBKDF2-HMAC-SHA512 with one output block (dkLen = hLen = 64), RFC 8018 section 5.2. Written out on
     * {@link Mac} rather than through {@code SecretKeyFactory("PBKDF2WithHmacSHA512")} because that takes the
     * password as {@code char[]}, while Mosquitto hashes the password's bytes, whatever they are.
     */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // HMAC pads a short key with zero bytes (RFC 2104), so an empty key equals a single zero byte;
            // SecretKeySpec refuses an empty key.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, HMAC));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1}); // INT(1): the first and only block
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            return t;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every Java platform", e);
        }
    }

    private static byte[] sha512(byte[] password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(password);
            md.update(salt);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is part of every Java platform", e);
        }
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not valid base64");
        }
    }
}
