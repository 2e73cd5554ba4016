package io.stratusmq.app;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.stratusmq.security.AclAuthorizer;
import io.stratusmq.security.AclFileSource;
import io.stratusmq.security.AclResolver;
import io.stratusmq.security.AclSource;
import io.stratusmq.security.AuthenticationChain;
import io.stratusmq.security.Authenticator;
import io.stratusmq.security.Authorizer;
import io.stratusmq.security.JwtKeys;
import io.stratusmq.security.JwtVerifier;
import io.stratusmq.security.PasswordFileStore;
import io.stratusmq.security.PasswordVerifier;
import io.stratusmq.security.UserStore;
import io.stratusmq.security.WatchedFile;
import io.stratusmq.security.redis.RedisAclSource;
import io.stratusmq.security.redis.RedisUserStore;
import io.vertx.redis.client.Redis;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds authentication and authorization from {@code stratus.auth.*}: user stores, token keys, ACL sources, the
 * hashing pool and the file reload timer. A setting that cannot be used stops the start with a message naming it.
 *
 * <p>Redis is reached through the Quarkus Redis client's low-level {@link Redis} bean ({@code quarkus.redis.*}),
 * looked up only when {@code redis-users} or {@code redis-acl} is on, so a broker without Redis never creates it.
 */
@Singleton
public class SecurityProducer {

    private static final System.Logger LOG = System.getLogger(SecurityProducer.class.getName());

    private final ThreadPoolExecutor hashing;
    private final ScheduledExecutorService reloader;
    private final Authenticator authenticator;
    private final Authorizer authorizer;

    SecurityProducer(AuthSettings settings, Instance<Redis> redis) {
        this.hashing = hashingPool(settings.hashThreads(), settings.hashQueue());
        List<String> summary = new ArrayList<>();
        List<Runnable> reloads = new ArrayList<>();

        List<UserStore> stores = new ArrayList<>();
        PasswordFileStore passwordFile = settings.passwordFile().map(p -> load("password-file", () -> {
            PasswordFileStore store = new PasswordFileStore(p);
            summary.add("password file " + p + " (" + store.size() + " users)");
            return store;
        })).orElse(null);
        if (passwordFile != null) {
            stores.add(passwordFile);
        }
        if (settings.redisUsers()) {
            stores.add(new RedisUserStore(redis.get(), settings.redisUsersKey()));
            summary.add("Redis users (hash " + settings.redisUsersKey() + ")");
        }
        PasswordVerifier passwords = stores.isEmpty() ? null
                : new PasswordVerifier(stores, hashing, settings.cacheTtl(), System::nanoTime);
        if (passwordFile != null) {
            reloads.add(() -> {
                if (passwordFile.reloadIfChanged()) {
                    passwords.clearCache();
                }
            });
        }

        JwtVerifier tokens = jwt(settings.jwt(), summary, reloads);
        boolean userStore = passwords != null || tokens != null;
        boolean allowAnonymous = settings.allowAnonymous().orElse(!userStore);
        summary.add("anonymous clients " + (allowAnonymous ? "allowed" : "refused")
                + (settings.allowAnonymous().isPresent() ? "" : " (default)"));

        List<AclSource> aclSources = new ArrayList<>();
        settings.aclFile().ifPresent(p -> {
            AclFileSource file = load("acl-file", () -> new AclFileSource(p));
            file.warnIfUsersUnverified(userStore);
            aclSources.add(file);
            reloads.add(file::reloadIfChanged);
            summary.add("ACL file " + p);
        });
        if (settings.redisAcl()) {
            aclSources.add(new RedisAclSource(redis.get(), settings.redisAclKey()));
            summary.add("Redis ACL (hash " + settings.redisAclKey() + ")");
        }
        if (aclSources.isEmpty()) {
            summary.add("no ACL: every topic allowed" + (tokens != null ? " (within token claims)" : ""));
        }

        this.authenticator = new AuthenticationChain(passwords, tokens, allowAnonymous,
                aclSources.isEmpty() ? null : new AclResolver(aclSources), hashing, settings.timeout());
        this.authorizer = new AclAuthorizer(!aclSources.isEmpty());
        this.reloader = reloads.isEmpty() || settings.reloadInterval().isZero() ? null
                : reloadTimer(reloads, settings.reloadInterval().toMillis());
        LOG.log(INFO, "Security: {0}", String.join("; ", summary));
        if (!userStore && allowAnonymous && !aclSources.isEmpty()) {
            LOG.log(WARNING, "an ACL is configured but no user store: every client is anonymous to it");
        }
    }

    @Produces
    @Singleton
    Authenticator authenticator() {
        return authenticator;
    }

    @Produces
    @Singleton
    Authorizer authorizer() {
        return authorizer;
    }

    @PreDestroy
    void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
        hashing.shutdownNow();
    }

    private static JwtVerifier jwt(AuthSettings.Jwt jwt, List<String> summary, List<Runnable> reloads) {
        int sources = (jwt.secret().isPresent() ? 1 : 0) + (jwt.publicKeyFile().isPresent() ? 1 : 0)
                + (jwt.jwksFile().isPresent() ? 1 : 0);
        if (sources == 0) {
            return null;
        }
        if (sources > 1) {
            throw new IllegalStateException("stratus.auth.jwt: give one of secret, public-key-file and jwks-file");
        }
        WatchedFile<JwtKeys> file = null;
        JwtKeys fixed = null;
        if (jwt.secret().isPresent()) {
            fixed = load("jwt.secret", () -> JwtKeys.hmacSecret(jwt.secret().get().getBytes(StandardCharsets.UTF_8)));
        } else if (jwt.publicKeyFile().isPresent()) {
            file = load("jwt.public-key-file",
                    () -> new WatchedFile<>(jwt.publicKeyFile().get(), p -> JwtKeys.publicKeyPem(Files.readString(p))));
        } else {
            file = load("jwt.jwks-file",
                    () -> new WatchedFile<>(jwt.jwksFile().get(), p -> JwtKeys.jwks(Files.readString(p))));
        }
        JwtVerifier.Options options = new JwtVerifier.Options(jwt.issuer().orElse(null),
                jwt.audience().orElse(List.of()), jwt.clockSkew(), jwt.requireExpiration(), jwt.usernameClaim(),
                jwt.matchUsername(), blankToNull(jwt.topicsClaim()), blankToNull(jwt.publishClaim()),
                blankToNull(jwt.subscribeClaim()));
        JwtKeys keys = fixed;
        WatchedFile<JwtKeys> watched = file;
        if (watched != null) {
            reloads.add(watched::reloadIfChanged);
        }
        summary.add("JWT (" + (keys != null ? keys : watched.current() + " from " + watched.path())
                + jwt.issuer().map(i -> ", issuer " + i).orElse("")
                + jwt.audience().map(a -> ", audience " + String.join("|", a)).orElse("") + ")");
        return new JwtVerifier(keys != null ? () -> keys : watched::current, options, Clock.systemUTC());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @FunctionalInterface
    private interface Loader<T> {
        T load() throws IOException;
    }

    /** Runs a loader, turning its failure into a start failure that names the setting. */
    private static <T> T load(String setting, Loader<T> loader) {
        try {
            return loader.load();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stratus.auth." + setting + ": " + e.getMessage(), e);
        }
    }

    private static ThreadPoolExecutor hashingPool(int threads, int queue) {
        if (threads < 1 || queue < 1) {
            throw new IllegalStateException("stratus.auth.hash-threads and hash-queue must be at least 1");
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "stratus-auth-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ScheduledExecutorService reloadTimer(List<Runnable> reloads, long periodMillis) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stratus-auth-reload");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            for (Runnable reload : reloads) {
                try {
                    reload.run();
                } catch (RuntimeException e) {
                    LOG.log(WARNING, "reloading security files: {0}", e.toString());
                }
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return timer;
    }
}
