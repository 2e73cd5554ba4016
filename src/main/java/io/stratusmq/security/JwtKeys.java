package io.stratusmq.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * The keys tokens are verified with, and the signature algorithms those keys allow: HS256/384/512 for a shared
 * secret, RS256/384/512 for an RSA public key, ES256/384/512 for an EC public key. Only these are ever accepted,
 * so neither {@code alg: none} nor a token signed with HMAC under a public key (the algorithm-confusion attack)
 * gets through.
 *
 * <p>Immutable; thread-safe.
 */
public final class JwtKeys {

    private static final String[] HMAC = {AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384,
        AlgorithmIdentifiers.HMAC_SHA512};
    private static final String[] RSA = {AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
        AlgorithmIdentifiers.RSA_USING_SHA512};
    private static final String[] EC = {AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
        AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512};

    private final Key key;
    private final VerificationKeyResolver resolver;
    private final String[] algorithms;
    private final String description;

    private JwtKeys(Key key, VerificationKeyResolver resolver, String[] algorithms, String description) {
        this.key = key;
        this.resolver = resolver;
        this.algorithms = algorithms;
        this.description = description;
    }

    /**
     * A shared secret for HS256, HS384 and HS512. RFC 7518 section 3.2 asks for a key at least as long as the hash:
     * a secret of 32 bytes allows HS256, 48 bytes HS384 too, 64 bytes all three; shorter ones are refused.
     */
    public static JwtKeys hmacSecret(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException(
                    "the JWT secret is " + secret.length + " bytes; HS256 needs at least 32 (RFC 7518 section 3.2)");
        }
        int count = secret.length >= 64 ? 3 : secret.length >= 48 ? 2 : 1;
        String[] algs = new String[count];
        System.arraycopy(HMAC, 0, algs, 0, count);
        return new JwtKeys(new HmacKey(secret.clone()), null, algs, "HMAC secret");
    }

    /** A PEM public key ({@code BEGIN PUBLIC KEY}, RSA or EC) or a PEM X.509 certificate holding one. */
    public static JwtKeys publicKeyPem(String pem) {
        PublicKey key = parsePem(pem);
        if (key instanceof RSAPublicKey) {
            return new JwtKeys(key, null, RSA, "RSA public key");
        }
        if (key instanceof ECPublicKey) {
            return new JwtKeys(key, null, EC, "EC public key");
        }
        throw new IllegalArgumentException("the public key is " + key.getAlgorithm() + "; expected RSA or EC");
    }

    /**
     * A JSON Web Key Set (RFC 7517 section 5) of RSA and EC public keys; a token's {@code kid} picks its key.
     * Symmetric ({@code oct}) and private keys are refused: a key set is public material.
     */
    public static JwtKeys jwks(String json) {
        JsonWebKeySet set;
        try {
            set = new JsonWebKeySet(json);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JSON Web Key Set: " + e.getMessage(), e);
        }
        List<JsonWebKey> keys = set.getJsonWebKeys();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JSON Web Key Set holds no key");
        }
        List<String> algs = new ArrayList<>();
        for (JsonWebKey k : keys) {
            if (!(k instanceof PublicJsonWebKey pk) || pk.getPrivateKey() != null) {
                throw new IllegalArgumentException("the JSON Web Key Set may hold RSA and EC public keys only; "
                        + "key " + (k.getKeyId() == null ? "without kid" : k.getKeyId()) + " is " + k.getKeyType()
                        + (k instanceof PublicJsonWebKey ? " with its private part" : ""));
            }
            for (String a : pk.getPublicKey() instanceof RSAPublicKey ? RSA : EC) {
                if (!algs.contains(a)) {
                    algs.add(a);
                }
            }
        }
        JwksVerificationKeyResolver resolver = new JwksVerificationKeyResolver(keys);
        resolver.setDisambiguateWithVerifySignature(true); // tokens without kid: try the keys that fit
        return new JwtKeys(null, resolver, algs.toArray(String[]::new), keys.size() + " key(s) from a key set");
    }

    Key key() {
        return key;
    }

    VerificationKeyResolver resolver() {
        return resolver;
    }

    String[] algorithms() {
        return algorithms.clone();
    }

    @Override
    public String toString() {
        return description + ", algorithms " + String.join(", ", algorithms);
    }

    private static PublicKey parsePem(String pem) {
        try {
            if (pem.contains("-----BEGIN CERTIFICATE-----")) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey();
            }
            String begin = "-----BEGIN PUBLIC KEY-----";
            String end = "-----END PUBLIC KEY-----";
            int from = pem.indexOf(begin);
            int to = pem.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException(
                        "expected a PEM public key (BEGIN PUBLIC KEY) or certificate (BEGIN CERTIFICATE)");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
            X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
            try {
                return KeyFactory.getInstance("RSA").generatePublic(spec);
            } catch (GeneralSecurityException notRsa) {
                return KeyFactory.getInstance("EC").generatePublic(spec);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the public key: " + e.getMessage(), e);
        }
    }
}
