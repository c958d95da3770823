package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.MetricsDoc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the Prometheus alert rules shipped in {@code docs/} parse, and every
 * Baton metric their expressions use is one {@code docs/metrics.md} lists as exposed (which {@code
 * MetricsReferenceIntegrationTest} checks against a real scrape).
 */
class MonitoringFilesTest {

  private static final Pattern METRIC = Pattern.compile("\\b((?:baton|jvm)_[a-z0-9_]+)\\b");

  /** JVM metrics of Spring Boot's Micrometer binders the dashboard may use. */
  private static final Set<String> JVM = Set.of("jvm_memory_used_bytes", "jvm_memory_max_bytes");

  @Test
  void theDashboardParsesAndUsesOnlyDocumentedMetrics() {
    JsonNode dashboard =
        JsonMapper.builder()
            .build()
            .readTree(MetricsDoc.read(Path.of("docs/grafana/baton-dashboard.json")));
    List<String> titles = new ArrayList<>();
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      titles.add(panel.get("title").asString());
      assertThat(panel.get("targets")).as("targets of %s", panel.get("title")).isNotEmpty();
      for (JsonNode target : panel.get("targets")) {
        expressions.add(target.get("expr").asString());
      }
    }
    assertThat(titles)
        .contains(
            "Webhooks received by outcome",
            "Inbox depth",
            "Inbox lag (mean and max)",
            "Deliveries by connector and outcome",
            "Delivery lag percentiles",
            "Dead letters",
            "Rate-limit waits",
            "Routing decisions by rule and outcome",
            "Routing decision latency",
            "Open work by team and state",
            "SLA at risk and breached",
            "JVM heap");
    assertUsesOnlyDocumentedMetrics(expressions);
  }

  @Test
  void theAlertRulesParseAndUseOnlyDocumentedMetrics() {
    Map<String, Object> file =
        new Yaml().load(MetricsDoc.read(Path.of("docs/prometheus/baton-alerts.yml")));
    List<String> alerts = new ArrayList<>();
    List<String> expressions = new ArrayList<>();
    for (Object group : (List<?>) Objects.requireNonNull(file.get("groups"))) {
      for (Object rule : (List<?>) Objects.requireNonNull(((Map<?, ?>) group).get("rules"))) {
        Map<?, ?> r = (Map<?, ?>) rule;
        alerts.add((String) r.get("alert"));
        expressions.add(String.valueOf(r.get("expr")));
        assertThat(r.get("labels")).as("labels of %s", r.get("alert")).isNotNull();
        assertThat(r.get("annotations")).as("annotations of %s", r.get("alert")).isNotNull();
      }
    }
    assertThat(alerts)
        .contains(
            "BatonDeadLettersGrowing",
            "BatonDeliveryLagHigh",
            "BatonWebhookRejectionsHigh",
            "BatonInboxLagHigh",
            "BatonSlaBreached");
    assertUsesOnlyDocumentedMetrics(expressions);
  }

  private static void assertUsesOnlyDocumentedMetrics(List<String> expressions) {
    Set<String> documented = MetricsDoc.exposed().keySet();
    assertThat(documented).isNotEmpty();
    for (String expression : expressions) {
      Set<String> used = metricsIn(expression);
      assertThat(used).as("metrics of %s", expression).isNotEmpty();
      for (String metric : used) {
        if (metric.startsWith("jvm_")) {
          assertThat(JVM).as("JVM metric in %s", expression).contains(metric);
        } else {
          assertThat(documented)
              .as("metric in %s", expression)
              .contains(familyOf(metric, documented));
        }
      }
    }
  }

  private static Set<String> metricsIn(String expression) {
    Set<String> metrics = new LinkedHashSet<>();
    Matcher m = METRIC.matcher(expression);
    while (m.find()) {
      metrics.add(m.group(1));
    }
    return metrics;
  }

  /** A summary's {@code _count}, {@code _sum} and {@code _max} samples belong to the summary. */
  private static String familyOf(String metric, Set<String> documented) {
    for (String suffix : List.of("_count", "_sum", "_max")) {
      if (metric.endsWith(suffix)) {
        String family = metric.substring(0, metric.length() - suffix.length());
        if (documented.contains(family)) {
          return family;
        }
      }
    }
    return metric;
  }
}
