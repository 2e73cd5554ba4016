package io.stratusmq.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** helm/stratusmq/dashboards/stratusmq.json: a Grafana dashboard over the metrics the broker publishes. */
class DashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:stratus|jvm|process)_[a-z0-9_]+)\\b");
    private static final List<String> TIMER_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    private static JsonNode dashboard;
    private static List<JsonNode> panels;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper().readTree(Chart.DIRECTORY.resolve("dashboards/stratusmq.json").toFile());
        panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
    }

    @Test
    @DisplayName("Every query uses only metrics the broker and Micrometer publish")
    void queriesKnownMetrics() {
        for (String metric : metricsQueried()) {
            assertThat(Settings.METRICS.contains(baseName(metric)) || Settings.RUNTIME_METRICS.contains(metric))
                    .as("%s is a published metric", metric)
                    .isTrue();
        }
    }

    @Test
    @DisplayName("Every broker metric appears on the dashboard")
    void showsEveryBrokerMetric() {
        Set<String> shown = new HashSet<>();
        metricsQueried().forEach(metric -> shown.add(baseName(metric)));

        assertThat(shown).containsAll(Settings.METRICS).containsAll(Settings.RUNTIME_METRICS);
    }

    @Test
    @DisplayName("Panels have unique ids and a place on the grid, and query the data source picked in the dashboard")
    void wellFormed() {
        assertThat(dashboard.get("uid").asText()).isNotBlank();
        assertThat(dashboard.get("title").asText()).isEqualTo("StratusMQ");
        assertThat(panels).extracting(p -> p.get("id").asInt()).doesNotHaveDuplicates();
        assertThat(panels).allSatisfy(p -> assertThat(p.get("gridPos").get("w").asInt()).isBetween(1, 24));
        for (JsonNode panel : panels) {
            if (panel.has("targets")) {
                assertThat(panel.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo("${datasource}");
            }
        }
    }

    private static List<String> metricsQueried() {
        List<String> metrics = new ArrayList<>();
        for (JsonNode panel : panels) {
            if (!panel.has("targets")) {
                continue;
            }
            for (JsonNode target : panel.get("targets")) {
                Matcher matcher = METRIC.matcher(target.get("expr").asText());
                while (matcher.find()) {
                    metrics.add(matcher.group(1));
                }
            }
        }
        assertThat(metrics).isNotEmpty();
        return metrics;
    }

    /** A timer's series (name_count, name_sum, ...) counted as the timer. */
    private static String baseName(String metric) {
        for (String suffix : TIMER_SUFFIXES) {
            String base = metric.endsWith(suffix) ? metric.substring(0, metric.length() - suffix.length()) : metric;
            if (Settings.TIMERS.contains(base)) {
                return base;
            }
        }
        return metric;
    }
}
