package io.stratusmq.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;

/**
 * What every rendered installation must get right, whether it comes from the Helm chart or from kustomize: probes on
 * the broker's health endpoints, a grace period covering the drain, a locked-down container, only settings the
 * broker reads, Redis credentials from a Secret, and the rollout shape. {@link ExposureInvariants} covers Services,
 * Ingress and monitoring.
 */
final class DeploymentInvariants {

    private DeploymentInvariants() {}

    /** Runs every check; failures are collected and reported together. */
    static void check(Manifests manifests, String namespace) {
        BrokerPod broker = BrokerPod.of(manifests);
        SoftAssertions softly = new SoftAssertions();
        namespaces(softly, manifests, namespace);
        probes(softly, broker);
        gracePeriod(softly, broker);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            securityContext(softly, deployment);
            resources(softly, deployment);
        }
        temporaryDirectory(softly, broker);
        environment(softly, broker);
        redisCredentials(softly, broker, manifests);
        rollout(softly, broker);
        scheduling(softly, broker);
        softly.assertAll();
        ExposureInvariants.check(manifests, broker);
    }

    /** Every namespaced object lands in the install namespace: nothing is hard-coded elsewhere. */
    static void namespaces(SoftAssertions softly, Manifests manifests, String namespace) {
        for (HasMetadata object : manifests.all()) {
            if (!(object instanceof Namespace)) {
                softly.assertThat(object.getMetadata().getNamespace())
                        .as("namespace of %s/%s", object.getKind(), object.getMetadata().getName())
                        .isEqualTo(namespace);
            }
        }
    }

    /** Startup, liveness and readiness ask /q/health/started, /live and /ready on the container's http port. */
    static void probes(SoftAssertions softly, BrokerPod broker) {
        Container container = broker.container;
        ContainerPort http = container.getPorts().stream()
                .filter(port -> "http".equals(port.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The broker container has no port named http"));
        softly.assertThat(http.getContainerPort())
                .as("the http container port is the port the broker listens on (quarkus.http.port)")
                .isEqualTo((int) broker.number("quarkus.http.port", 8080));
        probe(softly, "startupProbe", container.getStartupProbe(), "/q/health/started");
        probe(softly, "livenessProbe", container.getLivenessProbe(), "/q/health/live");
        probe(softly, "readinessProbe", container.getReadinessProbe(), "/q/health/ready");
    }

    private static void probe(SoftAssertions softly, String name, Probe probe, String path) {
        softly.assertThat(probe).as(name).isNotNull();
        if (probe == null) {
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        softly.assertThat(get).as(name + " is an HTTP GET").isNotNull();
        if (get != null) {
            softly.assertThat(get.getPath()).as(name + " path").isEqualTo(path);
            softly.assertThat(get.getPort().getStrVal()).as(name + " port").isEqualTo("http");
        }
    }

    /**
     * The broker drains on SIGTERM by itself: readiness DOWN for the readiness delay, then clients disconnected
     * within the shutdown timeout. Kubernetes must not kill it before that, and nothing may delay SIGTERM.
     */
    static void gracePeriod(SoftAssertions softly, BrokerPod broker) {
        Duration drain = broker.duration("stratus.shutdown.readiness-delay", "5s")
                .plus(broker.duration("stratus.shutdown.timeout", "30s"));
        PodSpec pod = broker.deployment.getSpec().getTemplate().getSpec();
        softly.assertThat(pod.getTerminationGracePeriodSeconds())
                .as("terminationGracePeriodSeconds covers readiness delay + drain timeout (%ss)", drain.toSeconds())
                .isNotNull()
                .isGreaterThanOrEqualTo(drain.toSeconds());
        softly.assertThat(broker.container.getLifecycle() == null || broker.container.getLifecycle().getPreStop() == null)
                .as("no preStop hook: the broker drains on SIGTERM and a hook would eat into the grace period")
                .isTrue();
    }

    /** Non-root, read-only root filesystem, no capabilities, no privilege escalation, RuntimeDefault seccomp. */
    static void securityContext(SoftAssertions softly, Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        var podContext = pod.getSecurityContext();
        for (Container container : pod.getContainers()) {
            String name = deployment.getMetadata().getName() + "/" + container.getName();
            var context = container.getSecurityContext();
            softly.assertThat(context).as(name + " securityContext").isNotNull();
            if (context == null) {
                continue;
            }
            Boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot()
                    : podContext == null ? null : podContext.getRunAsNonRoot();
            softly.assertThat(nonRoot).as(name + " runAsNonRoot").isTrue();
            softly.assertThat(context.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
            softly.assertThat(context.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
            softly.assertThat(context.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
            softly.assertThat(context.getCapabilities()).as(name + " capabilities").isNotNull();
            if (context.getCapabilities() != null) {
                softly.assertThat(context.getCapabilities().getDrop()).as(name + " drops").contains("ALL");
                softly.assertThat(context.getCapabilities().getAdd()).as(name + " adds nothing").isNullOrEmpty();
            }
            var seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile()
                    : podContext == null ? null : podContext.getSeccompProfile();
            softly.assertThat(seccomp).as(name + " seccompProfile").isNotNull();
            if (seccomp != null) {
                softly.assertThat(seccomp.getType()).as(name + " seccomp").isEqualTo("RuntimeDefault");
            }
        }
    }

    /** Every container states CPU and memory requests, and a memory limit (the JVM sizes its heap from it). */
    static void resources(SoftAssertions softly, Deployment deployment) {
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            String name = deployment.getMetadata().getName() + "/" + container.getName();
            var resources = container.getResources();
            softly.assertThat(resources).as(name + " resources").isNotNull();
            if (resources != null) {
                softly.assertThat(resources.getRequests()).as(name + " requests").containsKeys("cpu", "memory");
                softly.assertThat(resources.getLimits()).as(name + " limits").containsKey("memory");
            }
        }
    }

    /** With a read-only root filesystem, /tmp must be a writable emptyDir. */
    static void temporaryDirectory(SoftAssertions softly, BrokerPod broker) {
        var tmp = broker.container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath())).findFirst();
        softly.assertThat(tmp).as("/tmp mount").isPresent();
        tmp.ifPresent(mount -> {
            Volume volume = broker.deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No volume " + mount.getName()));
            softly.assertThat(volume.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
            softly.assertThat(mount.getReadOnly()).as("/tmp is writable").isNotEqualTo(Boolean.TRUE);
        });
    }

    /**
     * Every variable the broker container gets is a setting the broker reads (or JAVA_OPTS for the JVM launcher),
     * and the node id is the pod name.
     */
    static void environment(SoftAssertions softly, BrokerPod broker) {
        for (String name : broker.environment.keySet()) {
            softly.assertThat(Settings.isKnownEnvironment(name))
                    .as("%s is a setting the broker reads", name)
                    .isTrue();
        }
        softly.assertThat(broker.fromFields).as("stratus.node-id from the downward API")
                .containsEntry("STRATUS_NODE_ID", "metadata.name");
        broker.setting("stratus.cluster.backend").ifPresent(backend ->
                softly.assertThat(backend).as("cluster backend").isIn("redis", "local"));
        softly.assertThat(broker.number("stratus.mqtt.max-keep-alive", 65535))
                .as("max keep-alive is a valid MQTT keep-alive").isBetween(1L, 65535L);
    }

    /**
     * With the Redis backend the Redis URL (and password, if any) come from a Secret, never a ConfigMap; a Secret
     * rendered alongside holds the keys referenced, and the URL is a redis:// or rediss:// URL.
     */
    static void redisCredentials(SoftAssertions softly, BrokerPod broker, Manifests manifests) {
        boolean redis = broker.setting("stratus.cluster.backend").orElse("redis").equals("redis");
        String hosts = Settings.env("quarkus.redis.hosts");
        String password = Settings.env("quarkus.redis.password");
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            softly.assertThat(configMap.getData()).as("ConfigMap %s holds no Redis credentials", configMap.getMetadata().getName())
                    .doesNotContainKeys(hosts, password);
        }
        if (!redis) {
            softly.assertThat(broker.environment).as("local backend: no Redis").doesNotContainKeys(hosts, password);
            return;
        }
        softly.assertThat(broker.fromSecrets).as("Redis URL from a Secret").containsKey(hosts);
        if (broker.environment.containsKey(password)) {
            softly.assertThat(broker.fromSecrets).as("Redis password from a Secret").containsKey(password);
        }
        for (Map.Entry<String, SecretKeySelector> reference : broker.fromSecrets.entrySet()) {
            manifests.find(Secret.class, reference.getValue().getName()).ifPresent(secret -> {
                String key = reference.getValue().getKey();
                softly.assertThat(secret.getData()).as("Secret %s holds %s", secret.getMetadata().getName(), key).containsKey(key);
                if (reference.getKey().equals(hosts) && secret.getData() != null && secret.getData().containsKey(key)) {
                    String url = new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
                    softly.assertThat(url).as("Redis URL").matches("rediss?://.+");
                }
            });
        }
    }

    /** One extra pod at a time and none taken away before its replacement is ready. */
    static void rollout(SoftAssertions softly, BrokerPod broker) {
        var spec = broker.deployment.getSpec();
        softly.assertThat(spec.getStrategy().getType()).as("strategy").isEqualTo("RollingUpdate");
        softly.assertThat(spec.getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).as("maxUnavailable").isZero();
        softly.assertThat(spec.getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).as("maxSurge").isEqualTo(1);
        softly.assertThat(spec.getMinReadySeconds()).as("minReadySeconds").isPositive();
        softly.assertThat(broker.labels()).as("Deployment selector matches its pods")
                .containsAllEntriesOf(spec.getSelector().getMatchLabels());
    }

    /** Broker pods prefer different nodes and spread over zones and nodes, selecting broker pods only. */
    static void scheduling(SoftAssertions softly, BrokerPod broker) {
        PodSpec pod = broker.deployment.getSpec().getTemplate().getSpec();
        softly.assertThat(pod.getAffinity()).as("affinity").isNotNull();
        if (pod.getAffinity() != null) {
            var antiAffinity = pod.getAffinity().getPodAntiAffinity();
            softly.assertThat(antiAffinity).as("pod anti-affinity").isNotNull();
            if (antiAffinity != null) {
                softly.assertThat(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution())
                        .as("preferred pod anti-affinity").isNotEmpty()
                        .allSatisfy(term -> assertThat(broker.labels())
                                .containsAllEntriesOf(term.getPodAffinityTerm().getLabelSelector().getMatchLabels()));
            }
        }
        softly.assertThat(pod.getTopologySpreadConstraints()).as("topology spread").isNotEmpty()
                .allSatisfy(constraint -> {
                    assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
                    assertThat(broker.labels()).containsAllEntriesOf(constraint.getLabelSelector().getMatchLabels());
                });
    }
}
