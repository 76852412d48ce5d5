package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.camelmm7.CapturedLog;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool and the outbox on a small tmpfs that fills up, the journal elsewhere: a DeliverReq
 * answered 1000 whose mail could then neither be delivered nor written to the spool is delivered
 * once space comes back, without a restart; meanwhile readiness is DOWN with the reason and
 * {@code mm7_spool_waiting_for_disk} counts it. Needs a machine that lets the test mount a tmpfs
 * (root with CAP_SYS_ADMIN); skipped where it does not.
 */
class FullDiskTest {

    @TempDir
    Path dir;
    private Path disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            run("umount", "-l", disk.toString());
        }
    }

    @Test
    void mailAcceptedWhileTheDiskIsFullIsDeliveredOnceSpaceComesBackWithoutARestart() throws Exception {
        try (RunningGateway gw = startOnASmallDisk(Map.of("mm7.spool.journal-dir", dir.resolve("journal").toString(),
                "mm7.spool.journal-checkpoint-delay", "1"))) {
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).body()).contains("1000");
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);

            Path filler = disk.resolve("filler");
            fill(filler);
            String full = gw.post("/photo_contest/", Samples.deliverReqContentType(),
                    new String(Samples.deliverReq(), StandardCharsets.ISO_8859_1).replace("vasp-deliver-0001", "while-full")
                            .getBytes(StandardCharsets.ISO_8859_1)).body();
            // durable in the journal, which has room: accepted
            assertThat(full).contains("1000");
            await().atMost(Duration.ofSeconds(10)).until(() -> metric(gw, "mm7_spool_waiting_for_disk 1.0"));
            HttpResponse<String> ready = RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/health/ready")).build());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("No space left on device");
            // (the hidden .part of the outbox write that failed is written over by the next attempt)
            assertThat(RunningGateway.files(gw.outbox())).as("nothing delivered while the disk is full")
                    .filteredOn(p -> !p.getFileName().toString().startsWith(".")).hasSize(1);

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(30)).until(() -> RunningGateway.files(gw.outbox()).stream()
                    .anyMatch(p -> read(p).contains("X-MM7-TransactionID: while-full")));
            assertThat(metric(gw, "mm7_spool_waiting_for_disk 0.0")).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.send(
                    HttpRequest.newBuilder(gw.managementUri("/observe/health/ready")).build()).statusCode() == 200);
        }
    }

    /** The journal on the full disk too: every DeliverReq is answered 4006, and the console gets a few lines, not two per request. */
    @Test
    void whileTheJournalCannotBeWrittenEveryRequestGets4006AndTheLogStaysShort() throws Exception {
        try (RunningGateway gw = startOnASmallDisk(Map.of())) {
            Path filler = disk.resolve("filler");
            fill(filler);
            try (CapturedLog log = CapturedLog.start()) {
                for (int i = 0; i < 200; i++) {
                    assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).body())
                            .contains("<StatusCode>4006</StatusCode>");
                }
                assertThat(log.lines()).filteredOn(l -> l.level().isMoreSpecificThan(Level.WARN)).as("lines for 200 refused requests")
                        .hasSizeLessThan(40);
            }
            Files.delete(filler);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> gw.post("/photo_contest/", Samples.deliverReqContentType(),
                    Samples.deliverReq()).body().contains("<StatusCode>1000</StatusCode>"));
        }
    }

    /**
     * The gateway with its spool, outbox and set-aside directories on a 1 MiB tmpfs (the MMS logs and
     * the tracking database beside it, on the test's own disk); {@code more} wins.
     */
    private RunningGateway startOnASmallDisk(Map<String, String> more) throws Exception {
        Path mountPoint = Files.createDirectories(dir.resolve("disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.toString()) == 0,
                "this machine lets no test mount a tmpfs");
        disk = mountPoint;
        Map<String, String> settings = new HashMap<>(Map.of("mms.logger.logfile", dir.resolve("log/mmslog.ec").toString(),
                "mms.bounce-logger.bounce-logfile", dir.resolve("log/mmsbouncelog.ec").toString(), "mms.logger.heartbeat", "0",
                "mail.logger.logfile", dir.resolve("log/maillog.ec").toString(),
                "mm7.client.tracking.jdbc-url", "jdbc:h2:file:" + dir.resolve("data/tracking").toAbsolutePath()));
        settings.putAll(more);
        return RunningGateway.start(disk, settings);
    }

    private static boolean metric(RunningGateway gw, String line) {
        return RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).build()).body().contains(line);
    }

    /** Writes until the file system refuses another byte. */
    private static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** The command's exit status; -1 when it cannot be run at all (no mount command on the machine). */
    private static int run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException none) {
            return -1;
        }
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
