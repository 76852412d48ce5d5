package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.camelmm7.GatewayProcess;
import org.camelmm7.RunningGateway;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A submission whose D line is in the log is tracked durably: stopped right after it, by SIGTERM or
 * SIGKILL, the gateway started again matches the delivery report (S with its latency, O, a bounce)
 * instead of calling its MessageID unknown. The gateway runs in its own JVM on the shipped H2 URL,
 * with H2's own write delay made longer than the test.
 */
class TrackingDurabilityTest {

    @TempDir
    Path dir;

    private Map<String, String> properties(int port) {
        Map<String, String> p = new HashMap<>();
        p.put("mm7.server.host", "127.0.0.1");
        p.put("mm7.server.port", Integer.toString(port));
        p.put("mm7.management.port", Integer.toString(RunningGateway.freePort()));
        p.put("mm7.simulator.enabled", "true");
        p.put("mm7.simulator.delivery-report-status", "");
        p.put("mm7.client.domains", "mmsc1");
        p.put("mm7.client.domain.mmsc1.mail-domain", "mms.example.com");
        p.put("mm7.client.domain.mmsc1.url", "http://127.0.0.1:" + port + "/mmsc/");
        p.put("mm7.client.domain.mmsc1.sender-address", "<ShortCode>28444</ShortCode>");
        p.put("mm7.client.from-uri", "file:pickup?antInclude=*.eml&delete=true&initialDelay=100&delay=200");
        p.put("mm7.mail.message-id-domain", "gw.test");
        p.put("mms.logger.heartbeat", "0");
        // H2 stores what is committed by itself half a second later: the MMS log's D line may come later still, so the
        // shipped URL with a delay no stop in this test outlasts; only the gateway's CHECKPOINT after a commit stores it
        p.put("mm7.client.tracking.jdbc-url", RunningGateway.shipped("mm7.client.tracking.jdbc-url") + ";WRITE_DELAY=60000");
        return p;
    }

    @ParameterizedTest(name = "stopped by {0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void aSubmissionTrackedBeforeAStopIsMatchedAfterIt(String signal) throws Exception {
        int port = RunningGateway.freePort();
        Path mmsLog = dir.resolve("log/mmslog.ec");
        try (GatewayProcess first = GatewayProcess.start(dir, "256m", properties(port), Map.of())) {
            Files.createDirectories(dir.resolve("pickup"));
            Files.write(dir.resolve("pickup/.mail"), ("From: ann@example.org\r\nTo: 15551234567@mms.example.com\r\nSubject: hi\r\n"
                    + "Message-ID: <orig-1@example.org>\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
            Files.move(dir.resolve("pickup/.mail"), dir.resolve("pickup/mail-1.eml"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> Files.exists(mmsLog) && !MmsLogRoutesTest.records(mmsLog, "D").isEmpty());
            if (signal.equals("SIGKILL")) {
                first.kill();
            } else {
                first.terminate();
            }
        }
        try (GatewayProcess second = GatewayProcess.start(dir, "256m", properties(port), Map.of())) {
            String report = Samples.envelope("dr-9", "<DeliveryReportReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<MessageID>sim-1</MessageID><Recipient><Number>+15551234567</Number></Recipient><Sender><ShortCode>28444</ShortCode></Sender>"
                    + "<Date>2026-12-01T10:00:00Z</Date><MMStatus>Rejected</MMStatus></DeliveryReportReq>");
            var answer = RunningGateway.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ringtones/"))
                    .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(report)).build());
            assertThat(answer.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(mmsLog, "S").isEmpty());
            String[] s = MmsLogRoutesTest.records(mmsLog, "S").get(0);
            assertThat(s[9]).as("delivery report latency: the submission was found (%s)", String.join("@", s)).isNotEmpty();
            await().atMost(Duration.ofSeconds(15)).until(() -> RunningGateway.files(dir.resolve("outbox")).size() == 1);
            assertThat(second.output()).doesNotContain("unknown MessageID");
        }
    }
}
