package io.stratusmq.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a username and password against the user stores, in order: the first store that knows the user decides.
 *
 * <p>Hashing runs on the given executor, never on the caller's thread (an event loop). A successful check is
 * remembered for a while as an HMAC of the password under a key made at start, bound to the stored hash: a client
 * that reconnects with the same password skips the PBKDF2 work until the entry expires or the user's hash changes.
 * Failures are never cached. For an unknown user the same hashing work is done as for a known one, so response
 * times do not tell which usernames exist.
 *
 * <p>Thread-safe. Completes exceptionally when a store cannot be reached or the executor refuses the work
 * (its queue is full): the caller answers "server unavailable", not "bad password".
 */
public final class PasswordVerifier {

    /** Cached verifications beyond this many are not added until old ones expire. */
    static final int MAX_CACHED = 10_000;

    private final List<UserStore> stores;
    private final Executor hashing;
    private final long cacheTtlNanos;
    private final LongSupplier nanoTime;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Hashed against for unknown users; the last real hash checked, so the cost matches the store's. */
    private volatile PasswordHash decoy;

    private record Cached(String hash, byte[] mac, long expiresAt) {
    }

    /**
     * @param hashing where PBKDF2 runs: a small bounded pool, not an event loop
     * @param cacheTtl how long a successful check is remembered; zero turns the cache off
     * @param nanoTime {@link System#nanoTime} outside tests
     */
    public PasswordVerifier(List<UserStore> stores, Executor hashing, Duration cacheTtl, LongSupplier nanoTime) {
        this.stores = List.copyOf(stores);
        this.hashing = hashing;
        this.cacheTtlNanos = cacheTtl.toNanos();
        this.nanoTime = nanoTime;
        new SecureRandom().nextBytes(cacheKey);
        this.decoy = PasswordHash.create(new byte[] {0}, PasswordHash.DEFAULT_ITERATIONS, new SecureRandom());
    }

    /** Completes with true when a store knows the user and the password matches its hash. */
    public CompletionStage<Boolean> verify(String username, byte[] password) {
        if (username == null || password == null) {
            return CompletableFuture.completedFuture(false);
        }
        return find(username, 0).thenCompose(hash -> {
            if (hash == null) {
                PasswordHash d = decoy;
                return CompletableFuture.supplyAsync(() -> {
                    d.verify(password); // the same work as for a known user; the answer is no anyway
                    return false;
                }, hashing);
            }
            byte[] mac = cacheTtlNanos > 0 ? mac(password) : null;
            if (mac != null && isCached(username, hash, mac)) {
                return CompletableFuture.completedFuture(true);
            }
            return CompletableFuture.supplyAsync(() -> {
                boolean ok = hash.verify(password);
                decoy = hash;
                if (ok && mac != null) {
                    remember(username, hash, mac);
                }
                return ok;
            }, hashing);
        });
    }

    /** Forgets every cached verification, e.g. after the password file changed. */
    public void clearCache() {
        cache.clear();
    }

    int cachedCount() {
        return cache.size();
    }

    private CompletionStage<PasswordHash> find(String username, int index) {
        if (index >= stores.size()) {
            return CompletableFuture.completedFuture(null);
        }
        return stores.get(index).find(username)
                .thenCompose(hash -> hash != null ? CompletableFuture.completedFuture(hash) : find(username, index + 1));
    }

    private boolean isCached(String username, PasswordHash hash, byte[] mac) {
        Cached c = cache.get(username);
        if (c == null) {
            return false;
        }
        if (nanoTime.getAsLong() - c.expiresAt >= 0) {
            cache.remove(username, c);
            return false;
        }
        return c.hash.equals(hash.encoded()) && MessageDigest.isEqual(c.mac, mac);
    }

    private void remember(String username, PasswordHash hash, byte[] mac) {
        long now = nanoTime.getAsLong();
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(c -> now - c.expiresAt >= 0);
            if (cache.size() >= MAX_CACHED) {
                return;
            }
        }
        cache.put(username, new Cached(hash.encoded(), mac, now + cacheTtlNanos));
    }

    private byte[] mac(byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return mac.doFinal(password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
