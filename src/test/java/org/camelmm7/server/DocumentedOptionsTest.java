package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options of the server and the logs that no other test would notice being ignored. */
class DocumentedOptionsTest {

    @TempDir
    Path dir;

    private static final byte[] REJECTED = Samples.deliveryReport("Rejected").getBytes(StandardCharsets.UTF_8);

    private static String version(String answer) {
        int start = answer.indexOf("<MM7Version>");
        return start < 0 ? null : answer.substring(start + 12, answer.indexOf("</MM7Version>", start));
    }

    /** mm7_server_version: the version answered when the request has none; with force-version, always. */
    @Test
    void theServerVersionIsAnsweredWhenForcedOrWhenTheRequestHasNone() {
        byte[] withoutVersion = Samples.deliveryReport("Retrieved").replace("<MM7Version>6.8.0</MM7Version>", "")
                .getBytes(StandardCharsets.UTF_8);
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.version", "6.5.0"))) {
            assertThat(version(gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8)).body()))
                    .as("the request's own").isEqualTo("6.8.0");
            assertThat(version(gw.post("/ringtones/", "text/xml", withoutVersion).body())).isEqualTo("6.5.0");
        }
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.version", "5.3.0", "mm7.server.force-version", "true"))) {
            assertThat(version(gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8)).body()))
                    .isEqualTo("5.3.0");
        }
    }

    /** Not loading mms_logger or mms_bounce_logger: no file, and the requests are served as before. */
    @Test
    void aLoggerSwitchedOffWritesNothing() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.enabled", "false", "mms.bounce-logger.heartbeat", "0"))) {
            assertThat(gw.post("/ringtones/", "text/xml", REJECTED).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !MmsLogRoutesTest.records(gw.bounceLog(), "O").isEmpty());
            assertThat(gw.mmsLog()).doesNotExist();
        }
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.bounce-logger.enabled", "false", "mms.logger.heartbeat", "0"))) {
            Files.deleteIfExists(gw.bounceLog());
            assertThat(gw.post("/ringtones/", "text/xml", REJECTED).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "S").isEmpty());
            Thread.sleep(300); // a batch of the log writer (50 ms) and more
            assertThat(gw.bounceLog()).doesNotExist();
        }
    }

    /** A second mms_bounce_logger instance with its own file and format. */
    @Test
    void aBounceLoggerInstanceWritesItsOwnFile() throws Exception {
        Path extra = dir.resolve("log/extra-bounces.ec");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.bounce-logger.instances", "extra",
                "mms.bounce-logger.extra.bounce-logfile", extra.toString(), "mms.bounce-logger.extra.log-bounce-outband-format", "%t|O|%e",
                "mms.bounce-logger.extra.heartbeat", "0", "mms.bounce-logger.heartbeat", "0"))) {
            assertThat(gw.post("/ringtones/", "text/xml", REJECTED).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(extra) && !Files.readAllLines(extra).isEmpty());
            assertThat(Files.readAllLines(extra)).singleElement().asString().matches("\\d{10}\\|O\\|report text");
            assertThat(MmsLogRoutesTest.records(gw.bounceLog(), "O")).hasSize(1);
        }
    }

    /** max-connections counts connections from every peer together; one closed frees a slot. */
    @Test
    void theGlobalConnectionCapHoldsOverAllPeers() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.max-connections", "6", "mm7.server.max-connections-per-peer", "100",
                "mm7.server.first-request-timeout", "30"))) {
            List<RawHttp> held = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    held.add(RawHttp.connect("127.0.0." + (2 + i), gw.port()));
                }
                assertThat(held).noneMatch(c -> c.closedWithin(Duration.ofMillis(200)));
                try (RawHttp seventh = RawHttp.connect("127.0.0.9", gw.port())) {
                    assertThat(seventh.closedWithin(Duration.ofSeconds(2))).as("the seventh, from a peer of its own").isTrue();
                }
                held.remove(0).close();
                // the slot is given back once the server has seen the close
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    try (RawHttp freed = RawHttp.connect("127.0.0.10", gw.port())) {
                        return freed.exchange(RawHttp.post("/ringtones/", "text/xml", REJECTED), Duration.ofSeconds(5)).status() == 200;
                    }
                });
            } finally {
                held.forEach(RawHttp::close);
            }
        }
    }
}
