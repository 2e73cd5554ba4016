package io.stratusmq.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The broker Deployment of a rendered installation and the environment its container gets: literal values from the
 * ConfigMaps it loads with envFrom and from env, and references into Secrets.
 */
final class BrokerPod {

    static final String COMPONENT = "app.kubernetes.io/component";

    final Deployment deployment;
    final Container container;
    /** Every variable the container gets, by name: its literal value, or null when it comes from elsewhere. */
    final Map<String, String> environment = new LinkedHashMap<>();
    /** Variables taken from Secrets. */
    final Map<String, SecretKeySelector> fromSecrets = new LinkedHashMap<>();
    /** Variables taken from the pod's own fields (downward API): name to field path. */
    final Map<String, String> fromFields = new LinkedHashMap<>();

    private BrokerPod(Deployment deployment, Manifests manifests) {
        this.deployment = deployment;
        this.container = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("broker"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The broker Deployment has no container named broker"));
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null) {
                throw new AssertionError("envFrom other than a ConfigMap: " + source);
            }
            ConfigMap configMap = manifests.get(ConfigMap.class, source.getConfigMapRef().getName());
            environment.putAll(configMap.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), variable.getValue());
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                fromSecrets.put(variable.getName(), variable.getValueFrom().getSecretKeyRef());
            }
            if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null) {
                fromFields.put(variable.getName(), variable.getValueFrom().getFieldRef().getFieldPath());
            }
        }
    }

    /** The one Deployment whose pods are the broker (app.kubernetes.io/component: broker). */
    static BrokerPod of(Manifests manifests) {
        var brokers = manifests.all(Deployment.class).stream()
                .filter(d -> "broker".equals(d.getSpec().getTemplate().getMetadata().getLabels().get(COMPONENT)))
                .toList();
        if (brokers.size() != 1) {
            throw new AssertionError("Expected one broker Deployment, found " + brokers.size() + " among " + manifests.names());
        }
        return new BrokerPod(brokers.get(0), manifests);
    }

    /** A setting's literal value, by property name (for example {@code stratus.mqtt.max-keep-alive}). */
    Optional<String> setting(String property) {
        return Optional.ofNullable(environment.get(Settings.env(property)));
    }

    /** A duration setting, or the broker's default when the deployment leaves it out. */
    Duration duration(String property, String brokerDefault) {
        return Settings.duration(setting(property).orElse(brokerDefault));
    }

    /** A whole-number setting, or the broker's default when the deployment leaves it out. */
    long number(String property, long brokerDefault) {
        return setting(property).map(Long::parseLong).orElse(brokerDefault);
    }

    /** Pod labels. */
    Map<String, String> labels() {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }
}
