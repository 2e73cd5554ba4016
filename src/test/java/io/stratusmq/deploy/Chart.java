package io.stratusmq.deploy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * helm/stratusmq rendered through helm-java (Helm linked in as a native library: no helm binary, no cluster).
 * Values are given the way a user gives them: {@code --set key=value} pairs.
 */
final class Chart {

    static final Path DIRECTORY = Path.of("helm", "stratusmq").toAbsolutePath();
    static final String RELEASE = "stratus";
    static final String NAMESPACE = "mq";
    /** The minimal install: {@code helm install stratus ./helm/stratusmq --set redis.url=...}. */
    static final String REDIS_URL = "redis://redis.example.internal:6379";
    /**
     * The Kubernetes version rendered for. Without a cluster helm-java assumes v1.20, which the chart's kubeVersion
     * (>= 1.25) refuses.
     */
    static final String KUBE_VERSION = "v1.31.0";

    private Chart() {}

    /** {@code helm template stratus helm/stratusmq -n mq --set k=v ...}, given as k, v, k, v, ... */
    static String template(String... keysAndValues) {
        TemplateCommand command = new Helm(DIRECTORY).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        values(keysAndValues).forEach(command::set);
        return command.call();
    }

    /** The rendered templates, parsed and validated against the Kubernetes model. */
    static Manifests render(String... keysAndValues) {
        return Manifests.parse(template(keysAndValues));
    }

    /** {@code helm install --dry-run=client}: the release output, NOTES.txt included. */
    static String installNotes(String... keysAndValues) {
        InstallCommand command = new Helm(DIRECTORY).install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .clientOnly()
                .withDryRunOption(DryRun.CLIENT);
        values(keysAndValues).forEach(command::set);
        return command.call().getOutput();
    }

    private static Map<String, String> values(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }
}
