package org.camelmm7.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;

import org.camelmm7.LoopbackMail;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health and Prometheus metrics on the management port, as an operator reads them. */
class OperabilityTest {

    @TempDir
    Path dir;

    private static HttpResponse<String> get(RunningGateway gw, String path) {
        return RunningGateway.send(HttpRequest.newBuilder(gw.managementUri(path)).GET().build());
    }

    @Test
    void readyWhenTheSpoolAndOutboxCanBeWrittenAndMetricsCountRequests() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            // Camel's own consumer checks are up after the first poll
            await().atMost(Duration.ofSeconds(10)).until(() -> get(gw, "/observe/health/ready").statusCode() == 200);
            assertThat(get(gw, "/observe/health/ready").body()).contains("{\"name\":\"spool\",\"status\":\"UP\"}",
                    "{\"name\":\"set-aside\",\"status\":\"UP\"}",
                    "{\"name\":\"outbox\",\"status\":\"UP\"}", "{\"name\":\"mail-relay\",\"status\":\"UP\"}");
            assertThat(get(gw, "/observe/health/live").statusCode()).isEqualTo(200);

            gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());
            gw.post("/ringtones/", "text/xml", "<broken".getBytes());
            String metrics = get(gw, "/observe/metrics").body();
            assertThat(metrics).contains(
                    "mm7_requests_total{operation=\"DeliverReq\",path=\"/photo_contest/\",status=\"1000\"} 1.0",
                    "mm7_requests_total{operation=\"unreadable\",path=\"/ringtones/\",status=\"4004\"} 1.0",
                    "mm7_request_seconds_count{operation=\"DeliverReq\"} 1",
                    "mm7_spool_depth", "mm7_spool_set_aside 0.0", "mms_log_pending_lines", "mm7_connections_open");
            await().atMost(Duration.ofSeconds(10)).until(() -> get(gw, "/observe/metrics").body()
                    .contains("mm7_mail_deliveries_total{outcome=\"delivered\"} 1.0"));
        }
    }

    /** An alert on set-aside mail or failed deliveries has its series from the start, before any request. */
    @Test
    void everyGaugeAndTheMailOutcomesAreThereAtZeroBeforeTheFirstRequest() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            String metrics = get(gw, "/observe/metrics").body();
            assertThat(metrics).contains("mm7_spool_depth 0.0", "mm7_spool_set_aside 0.0", "mms_log_pending_lines", "mm7_connections_open",
                    "mm7_request_body_bytes 0.0", "mm7_spool_journal_segments", "mm7_mail_handed_over 0.0",
                    "mm7_mail_deliveries_total{outcome=\"delivered\"} 0.0", "mm7_mail_deliveries_total{outcome=\"deferred\"} 0.0",
                    "mm7_mail_deliveries_total{outcome=\"failed\"} 0.0");
        }
    }

    @Test
    void notReadyWhileTheSpoolCannotBeWritten() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.spool.uri", "file:" + blocker.resolve("spool")))) {
            HttpResponse<String> ready = get(gw, "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("{\"name\":\"spool\",\"status\":\"DOWN\"", "cannot be written");
        }
    }

    @Test
    void notReadyWhileTheMailRelayIsDown() {
        int smtp = RunningGateway.freePort();
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.mail.uri", "smtp://127.0.0.1:" + smtp))) {
            HttpResponse<String> down = get(gw, "/observe/health/ready");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("mail relay 127.0.0.1:" + smtp + " is not reachable");
            GreenMail relay = new GreenMail(LoopbackMail.setup(smtp, "smtp"));
            relay.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> get(gw, "/observe/health/ready").statusCode() == 200);
            } finally {
                relay.stop();
            }
        }
    }
}
