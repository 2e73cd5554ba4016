package io.stratusmq.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** helm/stratusmq linted and rendered with several value combinations, each validated against the Kubernetes model. */
class HelmChartTest {

    static final String FULLNAME = Chart.RELEASE + "-stratusmq";

    static Stream<Arguments> installations() {
        return Stream.of(
                Arguments.of("defaults (redis.url only)", new String[] {"redis.url", Chart.REDIS_URL}),
                Arguments.of("ingress with TLS", new String[] {"redis.url", Chart.REDIS_URL, "ingress.enabled", "true",
                        "ingress.tls[0].secretName", "mqtt-example-tls", "ingress.tls[0].hosts[0]", "mqtt.example.com"}),
                Arguments.of("in-chart Redis with a password", new String[] {"redis.internal.enabled", "true",
                        "redis.password", "s3cret"}),
                Arguments.of("native flavor", new String[] {"redis.url", Chart.REDIS_URL, "image.flavor", "native"}),
                Arguments.of("HPA, ServiceMonitor and dashboard", new String[] {"redis.url", Chart.REDIS_URL,
                        "autoscaling.enabled", "true", "metrics.serviceMonitor.enabled", "true",
                        "metrics.dashboard.enabled", "true"}),
                Arguments.of("TCP and TLS through a LoadBalancer", new String[] {"redis.url", Chart.REDIS_URL,
                        "mqttService.enabled", "true", "tls.enabled", "true", "tls.secretName", "mqtt-tls"}),
                Arguments.of("existing Secret, Redis Sentinel", new String[] {"redis.existingSecret", "my-redis",
                        "redis.existingSecretPasswordKey", "password", "redis.clientType", "sentinel",
                        "redis.masterName", "mymaster"}),
                Arguments.of("local backend, one replica", new String[] {"cluster.backend", "local", "replicaCount", "1"}),
                Arguments.of("long keep-alive, slow drain, extra settings", new String[] {"redis.url", Chart.REDIS_URL,
                        "mqtt.maxKeepAlive", "1200", "shutdown.readinessDelay", "20s", "shutdown.timeout", "2m",
                        "ingress.enabled", "true", "extraConfig.stratus\\.mqtt\\.queue-qos0-offline", "true",
                        "tls.enabled", "true", "tls.secretName", "mqtt-tls", "tls.configName", "mqtt"}));
    }

    @Test
    @DisplayName("helm lint --strict passes with no warning")
    void lintsStrictly() {
        LintResult result = new Helm(Chart.DIRECTORY).lint().strict().call();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installations")
    @DisplayName("Every rendered object fits the Kubernetes model and the installation holds its invariants")
    void rendersValidInstallations(String name, String[] values) {
        Manifests manifests = Chart.render(values);

        DeploymentInvariants.check(manifests, Chart.NAMESPACE);
        for (HasMetadata object : manifests.all()) {
            assertThat(object.getMetadata().getLabels())
                    .as("labels of %s/%s", object.getKind(), object.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/name", "stratusmq")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsKeys("helm.sh/chart", "app.kubernetes.io/version", "app.kubernetes.io/component");
        }
        assertThat(BrokerPod.of(manifests).deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .as("pods roll when the configuration changes")
                .hasEntrySatisfying("checksum/config", sum -> assertThat(sum).matches("[0-9a-f]{64}"));
    }

    @Test
    @DisplayName("The minimal install runs the JVM image of the app version with the Redis URL from a Secret")
    void minimalInstall() {
        Manifests manifests = Chart.render("redis.url", Chart.REDIS_URL);
        BrokerPod broker = BrokerPod.of(manifests);

        assertThat(manifests.names()).containsExactlyInAnyOrder("ServiceAccount/" + FULLNAME, "Secret/" + FULLNAME + "-redis",
                "ConfigMap/" + FULLNAME, "Service/" + FULLNAME, "Deployment/" + FULLNAME, "PodDisruptionBudget/" + FULLNAME);
        assertThat(broker.container.getImage()).isEqualTo("ghcr.io/stratusmq/stratusmq:" + appVersion());
        assertThat(broker.deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(broker.setting("stratus.mqtt.max-keep-alive")).contains("300");
        assertThat(broker.setting("stratus.cluster.backend")).contains("redis");
        assertThat(broker.setting("stratus.tls.port")).contains("0");
        assertThat(broker.environment.get("JAVA_OPTS")).contains("-XX:MaxRAMPercentage=", "-XX:+UseContainerSupport");
        assertThat(broker.deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("10s readiness delay + 30s drain + 15s margin").isEqualTo(55);
        assertThat(secretValue(manifests.get(Secret.class, FULLNAME + "-redis"), "redis-url")).isEqualTo(Chart.REDIS_URL);
        assertThat(manifests.get(Service.class, FULLNAME).getSpec().getPorts()).extracting(ServicePort::getName)
                .containsExactly("http", "mqtt");
    }

    @Test
    @DisplayName("terminationGracePeriodSeconds follows the drain settings")
    void gracePeriodFollowsDrain() {
        BrokerPod broker = BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL,
                "shutdown.readinessDelay", "20s", "shutdown.timeout", "2m", "shutdown.gracePeriodMarginSeconds", "5"));

        assertThat(broker.deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(20 + 120 + 5);
    }

    @Test
    @DisplayName("The ingress proxy timeouts exceed the MQTT keep-alive by half again, TLS hosts carried over")
    void ingressTimeoutsFollowKeepAlive() {
        Ingress ingress = Chart.render("redis.url", Chart.REDIS_URL, "ingress.enabled", "true", "mqtt.maxKeepAlive", "600",
                "ingress.tls[0].secretName", "mqtt-example-tls", "ingress.tls[0].hosts[0]", "mqtt.example.com")
                .get(Ingress.class, FULLNAME);

        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry(ExposureInvariants.READ_TIMEOUT, "930")
                .containsEntry(ExposureInvariants.SEND_TIMEOUT, "930");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly("mqtt.example.com");
    }

    @Test
    @DisplayName("The in-chart Redis runs redis:7 and the broker reaches it through the chart's Secret")
    void inChartRedis() {
        Manifests manifests = Chart.render("redis.internal.enabled", "true", "redis.password", "s3cret");
        BrokerPod broker = BrokerPod.of(manifests);
        Deployment redis = manifests.get(Deployment.class, FULLNAME + "-redis");
        Secret secret = manifests.get(Secret.class, FULLNAME + "-redis");

        assertThat(redis.getSpec().getReplicas()).isEqualTo(1);
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("redis:7");
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSequence("--requirepass", "$(REDIS_PASSWORD)");
        assertThat(secretValue(secret, "redis-url")).isEqualTo("redis://" + FULLNAME + "-redis:6379");
        assertThat(secretValue(secret, "redis-password")).isEqualTo("s3cret");
        assertThat(broker.fromSecrets.get("QUARKUS_REDIS_PASSWORD").getKey()).isEqualTo("redis-password");
        assertThat(ExposureInvariants.selectedDeployments(manifests,
                manifests.get(Service.class, FULLNAME + "-redis").getSpec().getSelector())).containsExactly(redis);
    }

    @Test
    @DisplayName("image.flavor=native runs the -native tag without JVM options; tag and digest override")
    void nativeFlavor() {
        BrokerPod nativeBroker = BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL, "image.flavor", "native"));
        BrokerPod tagged = BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL, "image.flavor", "native",
                "image.tag", "1.2.3-native", "image.nativeRepository", "registry.example/stratusmq-native"));
        String digest = "sha256:" + "ab".repeat(32);
        BrokerPod pinned = BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL, "image.digest", digest));

        assertThat(nativeBroker.container.getImage()).isEqualTo("ghcr.io/stratusmq/stratusmq:" + appVersion() + "-native");
        assertThat(nativeBroker.environment).doesNotContainKey("JAVA_OPTS");
        assertThat(tagged.container.getImage()).isEqualTo("registry.example/stratusmq-native:1.2.3-native");
        assertThat(pinned.container.getImage()).isEqualTo("ghcr.io/stratusmq/stratusmq@" + digest);
    }

    @Test
    @DisplayName("A pod carries its clients on one event loop unless ioThreads says otherwise; null leaves it to the cores")
    void ioThreads() {
        assertThat(BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL)).environment)
                .containsEntry("STRATUS_IO_THREADS", "1");
        assertThat(BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL, "ioThreads", "4")).environment)
                .containsEntry("STRATUS_IO_THREADS", "4");
        assertThat(BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL, "ioThreads", "null")).environment)
                .doesNotContainKey("STRATUS_IO_THREADS");
    }

    @Test
    @DisplayName("A separate LoadBalancer Service carries MQTT over TCP and TLS; the certificate comes from the Secret")
    void mqttLoadBalancer() {
        Manifests manifests = Chart.render("redis.url", Chart.REDIS_URL, "mqttService.enabled", "true",
                "tls.enabled", "true", "tls.secretName", "mqtt-tls", "mqttService.externalTrafficPolicy", "Local");
        Service mqtt = manifests.get(Service.class, FULLNAME + "-mqtt");
        BrokerPod broker = BrokerPod.of(manifests);

        assertThat(mqtt.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(mqtt.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(mqtt.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
                .containsExactly(tuple("mqtt", 1883), tuple("mqtts", 8883));
        assertThat(broker.setting("stratus.tls.port")).contains("8883");
        assertThat(broker.environment).containsEntry("QUARKUS_TLS_KEY_STORE_PEM_SERVER_CERT", "/etc/stratusmq/tls/tls.crt")
                .containsEntry("QUARKUS_TLS_KEY_STORE_PEM_SERVER_KEY", "/etc/stratusmq/tls/tls.key");
        assertThat(broker.deployment.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && "mqtt-tls".equals(v.getSecret().getSecretName()));
    }

    @Test
    @DisplayName("The autoscaler owns replicas; the ServiceMonitor and the dashboard ConfigMap ship when asked")
    void autoscalingAndMonitoring() throws IOException {
        Manifests manifests = Chart.render("redis.url", Chart.REDIS_URL, "autoscaling.enabled", "true",
                "metrics.serviceMonitor.enabled", "true", "metrics.dashboard.enabled", "true");

        assertThat(BrokerPod.of(manifests).deployment.getSpec().getReplicas()).isNull();
        assertThat(manifests.custom("ServiceMonitor")).hasSize(1);
        List<ConfigMap> dashboards = ExposureInvariants.dashboards(manifests);
        assertThat(dashboards).hasSize(1);
        assertThat(dashboards.get(0).getData().get("stratusmq.json"))
                .isEqualTo(Files.readString(Chart.DIRECTORY.resolve("dashboards/stratusmq.json")).strip());
    }

    @Test
    @DisplayName("A configuration change changes the pod template, so the pods roll")
    void configChangeRollsPods() {
        String before = checksum(Chart.render("redis.url", Chart.REDIS_URL));
        String after = checksum(Chart.render("redis.url", Chart.REDIS_URL, "mqtt.maxPacketSize", "2097152"));
        String otherRedis = BrokerPod.of(Chart.render("redis.url", "redis://other:6379"))
                .deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/secret");

        assertThat(after).isNotEqualTo(before);
        assertThat(otherRedis).isNotEqualTo(BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL))
                .deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/secret"));
    }

    @Test
    @DisplayName("extraConfig entries become environment variables named the way Quarkus reads them")
    void extraConfig() {
        BrokerPod broker = BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL,
                "extraConfig.stratus\\.mqtt\\.max-topic-levels", "16"));

        assertThat(broker.environment).containsEntry("STRATUS_MQTT_MAX_TOPIC_LEVELS", "16");
    }

    @Test
    @DisplayName("NOTES.txt tells how to connect with MQTT.js, through the ingress or a port-forward, and how to scale")
    void notes() {
        String portForward = Chart.installNotes("redis.url", Chart.REDIS_URL);
        String ingress = Chart.installNotes("redis.url", Chart.REDIS_URL, "ingress.enabled", "true",
                "ingress.tls[0].secretName", "mqtt-example-tls", "ingress.tls[0].hosts[0]", "mqtt.example.com");

        assertThat(portForward).contains("kubectl -n mq port-forward svc/" + FULLNAME + " 8080:8080",
                "mqtt.connect('ws://localhost:8080/mqtt'", "--set replicaCount=", "terminationGracePeriodSeconds is 55");
        assertThat(ingress).contains("mqtt.connect('wss://mqtt.example.com/mqtt'");
    }

    private static String checksum(Manifests manifests) {
        return BrokerPod.of(manifests).deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    private static String secretValue(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String appVersion() {
        Matcher matcher;
        try {
            matcher = Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?")
                    .matcher(Files.readString(Chart.DIRECTORY.resolve("Chart.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(matcher.find()).as("Chart.yaml has an appVersion").isTrue();
        return matcher.group(1);
    }
}
