package io.stratusmq.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The manifest check itself: it must catch what fabric8 alone lets through. */
class ManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broker
            spec:
              selector:
                matchLabels: {app: broker}
              template:
                metadata:
                  labels: {app: broker}
                spec:
                  containers:
                    - name: broker
                      image: example
                      %s
            """;

    @Test
    @DisplayName("A known field passes")
    void acceptsKnownFields() {
        Manifests manifests = Manifests.parse("---\n# a comment\n" + DEPLOYMENT.formatted("livenessProbe: {httpGet: {path: /q/health/live, port: http}}"));

        assertThat(manifests.names()).containsExactly("Deployment/broker");
    }

    @Test
    @DisplayName("A misspelt field deep inside an object is reported with its path")
    void rejectsUnknownNestedFields() {
        String yaml = DEPLOYMENT.formatted("livenesProbe: {httpGet: {path: /q/health/live, port: http}}");

        assertThatThrownBy(() -> Manifests.parse(yaml))
                .hasMessageContaining("containers[0]")
                .hasMessageContaining("livenesProbe");
    }

    @Test
    @DisplayName("A wrong type is refused")
    void rejectsWrongTypes() {
        String yaml = DEPLOYMENT.formatted("ports: [{containerPort: not-a-number}]");

        assertThatThrownBy(() -> Manifests.parse(yaml)).isInstanceOf(RuntimeException.class);
    }

    @Test
    @DisplayName("A kind the model does not know is refused unless it is an expected custom resource")
    void rejectsUnknownKinds() {
        String unknown = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n";
        String monitor = "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec: {}\n";

        assertThatThrownBy(() -> Manifests.parse(unknown)).hasMessageContaining("Widget");
        assertThat(Manifests.parse(monitor).custom("ServiceMonitor")).hasSize(1);
    }
}
