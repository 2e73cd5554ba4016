package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordVerifierTest {

    private static final byte[] RIGHT = "right".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WRONG = "wrong".getBytes(StandardCharsets.UTF_8);

    /** A store in memory, whose hashes a test can change. */
    static final class MapStore implements UserStore {
        final Map<String, PasswordHash> users = new HashMap<>();

        MapStore with(String user, String password) {
            users.put(user, PasswordHash.create(password.getBytes(StandardCharsets.UTF_8), 3, new SecureRandom()));
            return this;
        }

        @Override
        public CompletionStage<PasswordHash> find(String username) {
            return CompletableFuture.completedFuture(users.get(username));
        }
    }

    /** Runs tasks on a thread of its own and counts them. */
    static final class CountingExecutor implements Executor {
        final AtomicInteger tasks = new AtomicInteger();
        volatile Thread lastThread;

        @Override
        public void execute(Runnable command) {
            tasks.incrementAndGet();
            Thread t = new Thread(() -> {
                lastThread = Thread.currentThread();
                command.run();
            }, "hashing-test");
            t.start();
        }
    }

    private final AtomicLong now = new AtomicLong();
    private final CountingExecutor hashing = new CountingExecutor();

    private boolean verify(PasswordVerifier v, String user, byte[] password) throws Exception {
        return v.verify(user, password).toCompletableFuture().get();
    }

    @Test
    @DisplayName("hashing runs on the given executor, never on the calling thread (an event loop)")
    void hashesOffTheCaller() throws Exception {
        PasswordVerifier v = new PasswordVerifier(List.of(new MapStore().with("alice", "right")), hashing,
                Duration.ZERO, now::get);
        assertThat(verify(v, "alice", RIGHT)).isTrue();
        assertThat(verify(v, "alice", WRONG)).isFalse();
        assertThat(hashing.tasks).hasValue(2);
        assertThat(hashing.lastThread.getName()).isEqualTo("hashing-test");
    }

    @Test
    @DisplayName("a successful check is cached: the same password again skips hashing; a wrong one does not")
    void cachesSuccess() throws Exception {
        PasswordVerifier v = new PasswordVerifier(List.of(new MapStore().with("alice", "right")), hashing,
                Duration.ofSeconds(60), now::get);
        assertThat(verify(v, "alice", RIGHT)).isTrue();
        assertThat(verify(v, "alice", RIGHT)).isTrue();
        assertThat(hashing.tasks).hasValue(1);
        assertThat(verify(v, "alice", WRONG)).isFalse();
        assertThat(verify(v, "alice", WRONG)).isFalse();
        assertThat(hashing.tasks).hasValue(3); // failures are never cached
    }

    @Test
    @DisplayName("a cached check expires after the TTL")
    void cacheExpires() throws Exception {
        PasswordVerifier v = new PasswordVerifier(List.of(new MapStore().with("alice", "right")), hashing,
                Duration.ofSeconds(60), now::get);
        verify(v, "alice", RIGHT);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        verify(v, "alice", RIGHT);
        assertThat(hashing.tasks).hasValue(1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(verify(v, "alice", RIGHT)).isTrue();
        assertThat(hashing.tasks).hasValue(2);
    }

    @Test
    @DisplayName("a cached check is bound to the stored hash: a changed password takes effect at once")
    void cacheBoundToHash() throws Exception {
        MapStore store = new MapStore().with("alice", "right");
        PasswordVerifier v = new PasswordVerifier(List.of(store), hashing, Duration.ofHours(1), now::get);
        assertThat(verify(v, "alice", RIGHT)).isTrue();
        store.with("alice", "changed");
        assertThat(verify(v, "alice", RIGHT)).isFalse();
        assertThat(verify(v, "alice", "changed".getBytes(StandardCharsets.UTF_8))).isTrue();
        store.users.remove("alice");
        assertThat(verify(v, "alice", "changed".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    @DisplayName("an unknown user fails after the same hashing work as a known one (no username oracle by timing)")
    void unknownUserCostsTheSame() throws Exception {
        PasswordVerifier v = new PasswordVerifier(List.of(new MapStore().with("alice", "right")), hashing,
                Duration.ZERO, now::get);
        assertThat(verify(v, "mallory", RIGHT)).isFalse();
        assertThat(hashing.tasks).hasValue(1);
    }

    @Test
    @DisplayName("no username or no password fails without hashing")
    void missingParts() throws Exception {
        PasswordVerifier v = new PasswordVerifier(List.of(new MapStore().with("alice", "right")), hashing,
                Duration.ZERO, now::get);
        assertThat(verify(v, "alice", null)).isFalse();
        assertThat(verify(v, null, RIGHT)).isFalse();
        assertThat(hashing.tasks).hasValue(0);
    }

    @Test
    @DisplayName("stores are asked in order and the first that knows the user decides")
    void firstStoreDecides() throws Exception {
        PasswordVerifier v = new PasswordVerifier(List.of(new MapStore().with("alice", "right"),
                new MapStore().with("alice", "other").with("bob", "right")), hashing, Duration.ZERO, now::get);
        assertThat(verify(v, "alice", RIGHT)).isTrue();
        assertThat(verify(v, "alice", "other".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(verify(v, "bob", RIGHT)).isTrue();
    }

    @Test
    @DisplayName("an unreachable store or a full hashing queue completes exceptionally (server unavailable)")
    void failures() {
        UserStore down = u -> CompletableFuture.failedFuture(new IOException("connection refused"));
        PasswordVerifier v = new PasswordVerifier(List.of(down), hashing, Duration.ZERO, now::get);
        assertThatThrownBy(() -> verify(v, "alice", RIGHT)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IOException.class);
        Executor full = r -> {
            throw new RejectedExecutionException("queue full");
        };
        PasswordVerifier busy = new PasswordVerifier(List.of(new MapStore().with("alice", "right")), full,
                Duration.ZERO, now::get);
        assertThatThrownBy(() -> verify(busy, "alice", RIGHT)).hasRootCauseInstanceOf(
                RejectedExecutionException.class);
    }
}
