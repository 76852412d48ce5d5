package org.camelmm7.log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load harness, not a test: {@code mvn -Pbenchmark verify} (see README). 8 client threads keep the
 * server busy with DeliveryReportReqs (R + S + O lines each) while events are recorded straight into
 * the loggers for 10 s, as fast as the writer keeps up; it prints how fast the writer puts lines on disk.
 */
class MmsLogBenchmark {

    @TempDir
    Path dir;

    /** Counts newlines, reading only what was appended since the last call. */
    private static final class LineCounter {
        private final Path file;
        private long offset;
        private long lines;

        LineCounter(Path file) {
            this.file = file;
        }

        long count() throws IOException {
            if (!Files.exists(file)) {
                return 0;
            }
            try (var channel = FileChannel.open(file)) {
                channel.position(offset);
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer.get(i) == '\n') {
                            lines++;
                        }
                    }
                    offset += n;
                    buffer.clear();
                }
            }
            return lines;
        }
    }

    @Test
    void linesPerSecondWhileTheServerIsUnderLoad() throws Exception {
        Path log = dir.resolve("log/mmslog.ec");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.logfile", log.toString(),
                "mms.bounce-logger.bounce-logfile", dir.resolve("log/bounce.ec").toString(), "mms.logger.heartbeat", "0",
                "mail.logger.logfile", dir.resolve("log/mail.ec").toString()))) {
            HttpClient client = HttpClient.newHttpClient();
            byte[] report = Samples.deliveryReport("Rejected").getBytes(StandardCharsets.UTF_8);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong requests = new AtomicLong();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/ringtones/"))
                                    .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(report)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == 200) {
                                requests.incrementAndGet();
                            }
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                thread.start();
                load.add(thread);
            }
            Thread.sleep(2000); // warm up under load
            MmsLogs logs = gw.context().getRegistry().lookupByNameAndType("mmsLogs", MmsLogs.class);
            LineCounter counter = new LineCounter(log);
            long before = counter.count();
            long requestsBefore = requests.get();
            MmsEvent event = MmsEvent.at(Instant.now()).messageId("bench").sourceAddress("15551234567").destinationAddress("12345")
                    .domain("mmsc.example").pathway("/ringtones/").pathwayGroup("default").ip("127.0.0.1").size(2048L)
                    .status("1000").error("Success").transactionId("tx-bench").build();
            long start = System.nanoTime();
            // record as fast as the writer keeps up (never more than 100,000 lines ahead of the disk) for 10 s
            long recorded = 0;
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 10_000; i++) {
                    logs.record(RecordType.RECEPTION, event);
                }
                recorded += 10_000;
                while (recorded - (counter.count() - before - 2 * (requests.get() - requestsBefore)) > 100_000 && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline && counter.count() - before < recorded + 2 * (requests.get() - requestsBefore) - 16) {
                Thread.sleep(20);
            }
            long burst = recorded;
            double seconds = (System.nanoTime() - start) / 1e9;
            long requestsDone = requests.get() - requestsBefore;
            running.set(false);
            for (Thread t : load) {
                t.join();
            }
            System.out.printf("BENCHMARK mms log writer (sustained): %d lines in %.2f s = %.0f lines/s while serving %.0f DeliveryReportReq/s (8 client threads, %d cores, Java %s)%n",
                    burst + 2 * requestsDone, seconds, (burst + 2 * requestsDone) / seconds, requestsDone / seconds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        }
    }
}
