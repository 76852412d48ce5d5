package org.camelmm7.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camel's per-route metrics on the routes an exchange enters by; the direct: routes inside them only when asked. */
class EntryRouteMetricsTest {

    @TempDir
    Path dir;

    @Test
    void theRoutesAnExchangeEntersByAreTimedAndTheDirectRoutesInsideAreNot() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            String metrics = afterOneDeliverReq(gw);
            assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"deliver-spooled-mail\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"receive-mm7-on-[^\"]*\"");
            assertThat(metrics).doesNotContain("routeId=\"spool-deliver-req-as-mail\"", "routeId=\"read-mm7-request-and-answer\"",
                    "routeId=\"deliver-mail\"");
        }
    }

    @Test
    void everyRouteIsTimedWhenAsked() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.management.metrics.direct-routes", "true"))) {
            String metrics = afterOneDeliverReq(gw);
            assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"spool-deliver-req-as-mail\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"deliver-spooled-mail\"[^}]*} 1\\.0");
        }
    }

    private static String afterOneDeliverReq(RunningGateway gw) {
        gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());
        await().atMost(Duration.ofSeconds(15)).until(() -> served(gw).matches("(?s).*camel_exchanges_total\\{[^}]*routeId=\"deliver-spooled-mail\"[^}]*} [1-9].*"));
        return served(gw);
    }

    private static String served(RunningGateway gw) {
        return RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).GET().build()).body();
    }
}
