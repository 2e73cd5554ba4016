package io.stratusmq.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** k8s/: the plain manifests for users without Helm, rendered with {@code kubectl kustomize} (offline). */
class KustomizeTest {

    static final Path BASE = Path.of("k8s", "base").toAbsolutePath();
    static final Path EXAMPLE = Path.of("k8s", "overlays", "example").toAbsolutePath();

    @Test
    @DisplayName("k8s/overlays/example renders objects that fit the Kubernetes model and hold the invariants")
    void exampleOverlay() {
        Manifests manifests = Manifests.parse(Kubectl.kustomize(EXAMPLE));

        DeploymentInvariants.check(manifests, "stratusmq");
        BrokerPod broker = BrokerPod.of(manifests);
        assertThat(manifests.all(Namespace.class)).extracting(n -> n.getMetadata().getName()).containsExactly("stratusmq");
        assertThat(broker.deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(broker.setting("stratus.websocket.allowed-origins")).contains("https://dashboard.example.com");
        Ingress ingress = manifests.get(Ingress.class, "stratusmq");
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        String secretName = broker.fromSecrets.get("QUARKUS_REDIS_HOSTS").getName();
        Secret secret = manifests.get(Secret.class, secretName);
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("redis-url")), StandardCharsets.UTF_8))
                .isEqualTo("redis://redis.example.internal:6379");
    }

    @Test
    @DisplayName("k8s/base renders on its own, with no namespace and no Redis address of its own")
    void base() {
        Manifests manifests = Manifests.parse(Kubectl.kustomize(BASE));

        DeploymentInvariants.check(manifests, null);
        assertThat(manifests.all(Secret.class)).isEmpty();
    }

    @Test
    @DisplayName("k8s/base sets what the chart sets by default: the same settings, grace period and probes")
    void baseMatchesChartDefaults() {
        BrokerPod base = BrokerPod.of(Manifests.parse(Kubectl.kustomize(BASE)));
        BrokerPod chart = BrokerPod.of(Chart.render("redis.url", Chart.REDIS_URL));

        assertThat(chart.environment).containsAllEntriesOf(base.environment);
        assertThat(base.deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isEqualTo(chart.deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
        assertThat(base.container.getReadinessProbe()).isEqualTo(chart.container.getReadinessProbe());
        assertThat(base.container.getLivenessProbe()).isEqualTo(chart.container.getLivenessProbe());
        assertThat(base.container.getStartupProbe()).isEqualTo(chart.container.getStartupProbe());
        assertThat(base.container.getSecurityContext()).isEqualTo(chart.container.getSecurityContext());
        assertThat(base.container.getResources()).isEqualTo(chart.container.getResources());
    }
}
