package org.camelmm7.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camelmm7.RunningGateway;
import org.camelmm7.TestBroker;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard (tools/grafana/mm7-gateway.json) and the Prometheus alert rules
 * (tools/prometheus/mm7-alerts.yml) use only series the gateway serves: each metric name in their
 * expressions is on /observe/metrics of a gateway with an MM7 domain and a broker, after one request.
 */
class DashboardMetricsTest {

    /** A metric name in PromQL: a word not followed by "(" (a function) and not a label name, keyword or duration. */
    private static final Pattern NAME = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\b(?!\\s*\\()");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "le", "inf", "nan");

    @TempDir
    Path dir;

    /** The metric names of one PromQL expression (label matchers, durations and strings removed first). */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ").replaceAll("\"[^\"]*\"", " ")
                .replaceAll("(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group(1)) && m.group(1).contains("_")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static Set<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("tools/grafana/mm7-gateway.json").toFile());
        Set<String> exprs = new TreeSet<>();
        dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
        // the template variables' queries (label_values(metric, label))
        dashboard.findValues("definition").forEach(e -> exprs.add(e.asText()));
        return exprs;
    }

    @SuppressWarnings("unchecked")
    static Set<String> ruleExpressions() throws Exception {
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("tools/prometheus/mm7-alerts.yml")));
        Set<String> exprs = new TreeSet<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                exprs.add(rule.get("expr").toString());
            }
        }
        return exprs;
    }

    @Test
    void theNamesAreReadFromExpressions() {
        assertThat(metricNames("sum by (status) (rate(mm7_requests_total{status!=\"1000\"}[5m])) / ignoring(x) mm7_spool_depth > 0"))
                .containsExactly("mm7_requests_total", "mm7_spool_depth");
        assertThat(metricNames("histogram_quantile(0.99, rate(a_bucket[5m]))")).containsExactly("a_bucket");
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsServed() throws Exception {
        Set<String> used = new TreeSet<>();
        Set<String> exprs = new TreeSet<>(dashboardExpressions());
        exprs.addAll(ruleExpressions());
        assertThat(dashboardExpressions()).hasSizeGreaterThan(10);
        assertThat(ruleExpressions()).hasSizeGreaterThanOrEqualTo(5);
        exprs.forEach(e -> used.addAll(metricNames(e)));

        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.broker.url", broker.url(),
                     "mm7.client.domains", "operator", "mm7.client.domain.operator.mail-domain", "mms.example.com",
                     "mm7.client.domain.operator.url", "http://127.0.0.1:9/mm7"))) {
            gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());
            await().atMost(Duration.ofSeconds(15)).until(() -> served(gw).contains("mm7_dependency_up{dependency=\"broker\"} 1.0"));
            String metrics = served(gw);
            Set<String> missing = new TreeSet<>();
            for (String name : used) {
                if (!Pattern.compile("(?m)^" + name + "[{ ]").matcher(metrics).find()) {
                    missing.add(name);
                }
            }
            assertThat(missing).as("metrics used by the dashboard or the alert rules that the gateway does not serve").isEmpty();
            assertThat(metrics).contains("mm7_dependency_up{dependency=\"tracking-database\"} 1.0");
        }
    }

    private static String served(RunningGateway gw) {
        return RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).GET().build()).body();
    }
}
