package io.stratusmq.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.tls.runtime.config.PemKeyCertConfig;
import io.quarkus.tls.runtime.config.TlsBucketConfig;
import io.quarkus.tls.runtime.config.TlsConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.redis.client.RedisClientType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The environment variables the chart writes for Quarkus's own settings (quarkus.redis.*, quarkus.tls.*), fed through
 * SmallRye Config's environment source into Quarkus's real configuration mappings: they must land on the intended
 * properties. Map-keyed settings are where environment names go wrong silently ({@code QUARKUS_TLS_KEY_STORE_PEM_0_CERT}
 * is ignored, for instance).
 */
class QuarkusEnvironmentTest {

    @Test
    @DisplayName("The certificate files reach the default TLS configuration (quarkus.tls.key-store.pem.*)")
    void defaultTlsConfiguration() {
        SmallRyeConfig config = config(Chart.render("redis.url", Chart.REDIS_URL, "tls.enabled", "true",
                "tls.secretName", "mqtt-tls", "tls.reloadPeriod", "30m"));

        TlsBucketConfig tls = config.getConfigMapping(TlsConfig.class).defaultCertificateConfig()
                .orElseThrow(() -> new AssertionError("no default TLS configuration"));
        assertPem(tls);
        assertThat(tls.reloadPeriod()).contains(Duration.ofMinutes(30));
    }

    @Test
    @DisplayName("With tls.configName the files reach the named TLS configuration (quarkus.tls.<name>.key-store.pem.*)")
    void namedTlsConfiguration() {
        SmallRyeConfig config = config(Chart.render("redis.url", Chart.REDIS_URL, "tls.enabled", "true",
                "tls.secretName", "mqtt-tls", "tls.configName", "mqtt"));

        TlsConfig tls = config.getConfigMapping(TlsConfig.class);
        assertThat(tls.defaultCertificateConfig().flatMap(TlsBucketConfig::keyStore).flatMap(k -> k.pem())).isEmpty();
        assertPem(tls.namedCertificateConfig().get("mqtt"));
    }

    @Test
    @DisplayName("Redis URL, password, topology and master name reach the default Redis client (quarkus.redis.*)")
    void redisClient() {
        Manifests manifests = Chart.render("redis.url", "redis://sentinel-0.example:26379,redis://sentinel-1.example:26379",
                "redis.password", "s3cret", "redis.clientType", "sentinel", "redis.masterName", "mymaster");
        SmallRyeConfig config = config(manifests);

        RedisClientConfig redis = config.getConfigMapping(RedisConfig.class).clients().get(RedisConfig.DEFAULT_CLIENT_NAME);
        assertThat(redis.hosts()).hasValueSatisfying(hosts -> assertThat(hosts)
                .containsExactlyInAnyOrder(URI.create("redis://sentinel-0.example:26379"), URI.create("redis://sentinel-1.example:26379")));
        assertThat(redis.password()).contains("s3cret");
        assertThat(redis.clientType()).isEqualTo(RedisClientType.SENTINEL);
        assertThat(redis.masterName()).contains("mymaster");
    }

    private static void assertPem(TlsBucketConfig tls) {
        PemKeyCertConfig pem = tls.keyStore().flatMap(k -> k.pem()).orElseThrow(() -> new AssertionError("no PEM key store"));
        assertThat(pem.keyCerts()).hasSize(1);
        PemKeyCertConfig.KeyCertConfig pair = pem.keyCerts().values().iterator().next();
        assertThat(pair.cert()).isEqualTo(Path.of("/etc/stratusmq/tls/tls.crt"));
        assertThat(pair.key()).isEqualTo(Path.of("/etc/stratusmq/tls/tls.key"));
    }

    /** Configuration built only from the broker container's environment, secrets resolved from the rendered Secret. */
    private static SmallRyeConfig config(Manifests manifests) {
        BrokerPod broker = BrokerPod.of(manifests);
        Map<String, String> environment = new HashMap<>();
        broker.environment.forEach((name, value) -> {
            if (value != null) {
                environment.put(name, value);
            }
        });
        for (Map.Entry<String, SecretKeySelector> reference : broker.fromSecrets.entrySet()) {
            Secret secret = manifests.get(Secret.class, reference.getValue().getName());
            environment.put(reference.getKey(), new String(
                    Base64.getDecoder().decode(secret.getData().get(reference.getValue().getKey())), StandardCharsets.UTF_8));
        }
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(TlsConfig.class)
                .withMapping(RedisConfig.class)
                .build();
    }
}
