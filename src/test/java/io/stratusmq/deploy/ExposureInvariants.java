package io.stratusmq.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * How a rendered installation is reached and watched: Services select the right pods and name real ports, the
 * Ingress routes /mqtt to the http port with proxy timeouts above the MQTT keep-alive, the PodDisruptionBudget and
 * autoscaler point at the broker, and the ServiceMonitor (a custom resource, checked structurally) scrapes
 * /q/metrics.
 */
final class ExposureInvariants {

    static final String READ_TIMEOUT = "nginx.ingress.kubernetes.io/proxy-read-timeout";
    static final String SEND_TIMEOUT = "nginx.ingress.kubernetes.io/proxy-send-timeout";

    /** Fields of a ServiceMonitor's spec and endpoint this chart may use (monitoring.coreos.com/v1). */
    private static final Set<String> SERVICE_MONITOR_SPEC =
            Set.of("jobLabel", "namespaceSelector", "selector", "endpoints", "targetLabels", "podTargetLabels");
    private static final Set<String> SERVICE_MONITOR_ENDPOINT = Set.of("port", "path", "scheme", "interval",
            "scrapeTimeout", "relabelings", "metricRelabelings", "honorLabels", "tlsConfig");

    private ExposureInvariants() {}

    static void check(Manifests manifests, BrokerPod broker) {
        SoftAssertions softly = new SoftAssertions();
        services(softly, manifests);
        ingresses(softly, manifests, broker);
        disruptionBudgets(softly, manifests, broker);
        autoscalers(softly, manifests, broker);
        serviceMonitors(softly, manifests);
        softly.assertAll();
    }

    /** Each Service selects the pods of exactly one Deployment, and its target ports are named container ports. */
    static void services(SoftAssertions softly, Manifests manifests) {
        for (Service service : manifests.all(Service.class)) {
            String name = "Service " + service.getMetadata().getName();
            List<Deployment> selected = selectedDeployments(manifests, service.getSpec().getSelector());
            softly.assertThat(selected).as(name + " selects the pods of one Deployment").hasSize(1);
            if (selected.size() != 1) {
                continue;
            }
            Set<String> containerPorts = selected.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream())
                    .map(p -> p.getName())
                    .collect(Collectors.toSet());
            for (ServicePort port : service.getSpec().getPorts()) {
                softly.assertThat(port.getTargetPort().getStrVal()).as(name + " port " + port.getName() + " targets a named port")
                        .isNotNull().isIn(containerPorts);
            }
        }
    }

    /**
     * Each Ingress rule sends /mqtt to an existing Service port, and ingress-nginx gets read and send timeouts above
     * the broker's largest keep-alive, so it never closes an idle MQTT connection first.
     */
    static void ingresses(SoftAssertions softly, Manifests manifests, BrokerPod broker) {
        long keepAlive = broker.number("stratus.mqtt.max-keep-alive", 65535);
        for (Ingress ingress : manifests.all(Ingress.class)) {
            String name = "Ingress " + ingress.getMetadata().getName();
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            if ("nginx".equals(ingress.getSpec().getIngressClassName())) {
                for (String timeout : List.of(READ_TIMEOUT, SEND_TIMEOUT)) {
                    softly.assertThat(annotations).as(name).containsKey(timeout);
                    if (annotations != null && annotations.containsKey(timeout)) {
                        softly.assertThat(Long.parseLong(annotations.get(timeout)))
                                .as("%s %s above the max keep-alive %ds", name, timeout, keepAlive)
                                .isGreaterThan(keepAlive);
                    }
                }
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    softly.assertThat(path.getPath()).as(name + " routes only the WebSocket endpoint").isEqualTo("/mqtt");
                    var backend = path.getBackend().getService();
                    var service = manifests.find(Service.class, backend.getName());
                    softly.assertThat(service).as(name + " backend Service " + backend.getName()).isPresent();
                    service.ifPresent(s -> softly.assertThat(s.getSpec().getPorts()).as(name + " backend port")
                            .anyMatch(p -> p.getName().equals(backend.getPort().getName())
                                    || p.getPort().equals(backend.getPort().getNumber())));
                }
            }
            if (ingress.getSpec().getTls() != null) {
                Set<String> hosts = ingress.getSpec().getRules().stream().map(IngressRule::getHost).collect(Collectors.toSet());
                ingress.getSpec().getTls().forEach(tls -> {
                    softly.assertThat(tls.getSecretName()).as(name + " TLS secret").isNotBlank();
                    softly.assertThat(hosts).as(name + " TLS hosts are routed").containsAll(tls.getHosts());
                });
            }
        }
    }

    /** A PodDisruptionBudget protects the broker pods and nothing else. */
    static void disruptionBudgets(SoftAssertions softly, Manifests manifests, BrokerPod broker) {
        for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
            softly.assertThat(selectedDeployments(manifests, budget.getSpec().getSelector().getMatchLabels()))
                    .as("PodDisruptionBudget %s selects the broker pods only", budget.getMetadata().getName())
                    .containsExactly(broker.deployment);
        }
    }

    /** An autoscaler scales the broker Deployment, which then leaves replicas to it. */
    static void autoscalers(SoftAssertions softly, Manifests manifests, BrokerPod broker) {
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            softly.assertThat(target.getKind() + "/" + target.getName()).as("HPA target")
                    .isEqualTo("Deployment/" + broker.deployment.getMetadata().getName());
            softly.assertThat(broker.deployment.getSpec().getReplicas()).as("replicas left to the HPA").isNull();
            softly.assertThat(hpa.getSpec().getMinReplicas()).as("HPA min").isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            softly.assertThat(hpa.getSpec().getMetrics()).as("HPA scales on CPU")
                    .anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()));
            Container container = broker.container;
            softly.assertThat(container.getResources().getRequests()).as("CPU request for the HPA").containsKey("cpu");
        }
    }

    /**
     * ServiceMonitor is a custom resource the Kubernetes model does not know: check its shape by hand. It selects a
     * Service in the release namespace that has the named port, scrapes /q/metrics, and uses only known fields.
     */
    @SuppressWarnings("unchecked")
    static void serviceMonitors(SoftAssertions softly, Manifests manifests) {
        for (GenericKubernetesResource monitor : manifests.custom("ServiceMonitor")) {
            String name = "ServiceMonitor " + monitor.getMetadata().getName();
            softly.assertThat(monitor.getApiVersion()).as(name).isEqualTo("monitoring.coreos.com/v1");
            softly.assertThat(monitor.getAdditionalProperties()).as(name + " top-level fields").containsOnlyKeys("spec");
            Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
            softly.assertThat(spec).as(name + " spec").isNotNull();
            if (spec == null) {
                continue;
            }
            softly.assertThat(SERVICE_MONITOR_SPEC).as(name + " spec fields").containsAll(spec.keySet());
            Map<String, String> matchLabels =
                    (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
            List<String> namespaces =
                    (List<String>) ((Map<String, Object>) spec.get("namespaceSelector")).get("matchNames");
            List<Service> services = manifests.all(Service.class).stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(matchLabels.entrySet()))
                    .filter(s -> namespaces.contains(s.getMetadata().getNamespace()))
                    .toList();
            softly.assertThat(services).as(name + " selects a Service in the release namespace").isNotEmpty();
            List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
            softly.assertThat(endpoints).as(name + " endpoints").isNotEmpty();
            for (Map<String, Object> endpoint : endpoints) {
                softly.assertThat(SERVICE_MONITOR_ENDPOINT).as(name + " endpoint fields").containsAll(endpoint.keySet());
                softly.assertThat(endpoint.get("path")).as(name + " path").isEqualTo("/q/metrics");
                softly.assertThat(endpoint.get("interval").toString()).as(name + " interval").matches("\\d+(ms|s|m|h)");
                softly.assertThat(services).as(name + " port " + endpoint.get("port") + " exists on a selected Service")
                        .anyMatch(s -> s.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(endpoint.get("port"))));
            }
        }
    }

    /** Deployments whose pod labels include all of the selector's. */
    static List<Deployment> selectedDeployments(Manifests manifests, Map<String, String> selector) {
        return manifests.all(Deployment.class).stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /** The dashboard ConfigMaps (labelled for the Grafana sidecar). */
    static List<ConfigMap> dashboards(Manifests manifests) {
        return manifests.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getLabels() != null && c.getMetadata().getLabels().containsKey("grafana_dashboard"))
                .toList();
    }
}
