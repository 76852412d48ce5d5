package org.camelmm7.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MMS and bounce logs fed by the routes, over real HTTP, on real files. */
public class MmsLogRoutesTest {

    @TempDir
    Path dir;

    private static final Pattern UNESCAPED_AT = Pattern.compile("(?<!\\\\)@");

    public static List<String[]> records(Path log, String letter) throws IOException {
        return records(log, letter, 1);
    }

    /** The records of the mail log, in the shape of Momentum's mainlog: the type is the fifth field. */
    public static List<String[]> mailRecords(Path log, String letter) throws IOException {
        return records(log, letter, 4);
    }

    private static List<String[]> records(Path log, String letter, int typeField) throws IOException {
        List<String[]> found = new ArrayList<>();
        if (!Files.exists(log)) {
            return found;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] fields = UNESCAPED_AT.split(line, -1);
            if (fields.length > typeField && fields[typeField].equals(letter)) {
                found.add(fields);
            }
        }
        return found;
    }

    private static String[] awaitRecord(Path log, String letter, String containing) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> records(log, letter).stream()
                .filter(f -> String.join("@", f).contains(containing)).findFirst().orElse(null), r -> r != null);
    }

    private static String[] awaitMailRecord(Path log, String letter, String containing) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> mailRecords(log, letter).stream()
                .filter(f -> String.join("@", f).contains(containing)).findFirst().orElse(null), r -> r != null);
    }

    @Test
    void receptionConversionStatusAndBounceLinesForEachKindOfRequest() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.heartbeat", "0", "mms.bounce-logger.heartbeat", "0"))) {
            gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());
            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));
            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Rejected").replace("dr-1", "dr-2").getBytes(StandardCharsets.UTF_8));
            gw.post("/email_gateway/", "text/xml", "<not xml".getBytes(StandardCharsets.UTF_8));

            // DeliverReq: R (13 fields), X, and D once the mail is in the outbox, all with one gateway ID
            String[] r = awaitRecord(gw.mmsLog(), "R", "\"vasp-deliver-0001\"");
            assertThat(r).hasSize(13);
            assertThat(r[3]).isEqualTo("+15551234567");
            assertThat(r[4]).isEqualTo("12345,\"Photo Desk\" <photos\\@newsroom.example>");
            assertThat(r[5]).isEqualTo("mmsc.operator.example");
            assertThat(r[6]).isEqualTo("/photo_contest/");
            assertThat(r[8]).isEqualTo("127.0.0.1");
            assertThat(r[9]).isEqualTo(Long.toString(Samples.deliverReq().length));
            assertThat(r[10]).isEqualTo("1000");
            String gatewayId = r[2];
            String[] x = awaitRecord(gw.mmsLog(), "X", gatewayId);
            assertThat(x).hasSize(10);
            assertThat(x[9]).isEqualTo("mm7 to email");
            // D of the e-mail delivery in the mail log, in the mainlog's shape (13 fields, the type fifth); none in the MMS log
            String[] d = awaitMailRecord(gw.mailLog(), "D", gatewayId);
            assertThat(d).hasSize(13);
            assertThat(d[1]).isEqualTo(gatewayId);
            assertThat(d[9]).isEqualTo("file");
            assertThat(d[10]).isEqualTo("mail");
            assertThat(d[12]).isEqualTo("\"vasp-deliver-0001\"");
            assertThat(Files.readString(gw.outbox().resolve(gatewayId + ".eml"))).contains("X-MM7-Gateway-ID: " + gatewayId);
            // %B: the mail's size, also for a mail handed to the mail leg in memory (it was empty)
            assertThat(d[8]).isEqualTo(Long.toString(Files.size(gw.outbox().resolve(gatewayId + ".eml"))));
            assertThat(records(gw.mmsLog(), "D")).isEmpty();

            // positive DeliveryReportReq: R and S, no bounce
            awaitRecord(gw.mmsLog(), "R", "\"dr-1\"");
            String[] s = awaitRecord(gw.mmsLog(), "S", "Retrieved");
            assertThat(s).hasSize(12);
            assertThat(s[2]).isEqualTo("12345");
            assertThat(s[3]).isEqualTo("15551230000");
            assertThat(s[8]).isEqualTo("\"msg-123\"");
            assertThat(s[10]).isEqualTo("Retrieved");
            assertThat(s[11]).isEqualTo("report text");

            // negative DeliveryReportReq: R, S, and O in the bounce log
            awaitRecord(gw.mmsLog(), "R", "\"dr-2\"");
            awaitRecord(gw.mmsLog(), "S", "Rejected");
            String[] o = awaitRecord(gw.bounceLog(), "O", "report text");
            assertThat(o).hasSize(10);
            assertThat(o[3]).isEqualTo("12345");
            assertThat(o[4]).isEqualTo("15551230000");

            // malformed request: R with the fault's status and why
            String[] bad = awaitRecord(gw.mmsLog(), "R", "/email_gateway/");
            assertThat(bad[10]).isEqualTo("4004");
            assertThat(bad[11]).startsWith("ill-formed XML");
            assertThat(bad[12]).isEqualTo("\"\"");

            assertThat(records(gw.bounceLog(), "O")).hasSize(1);
            assertThat(records(gw.mmsLog(), "R")).hasSize(4);
        }
    }

    @Test
    void heartbeatsAtTheIntervalAndFilesWithTheConfiguredMode() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.heartbeat", "1", "mms.bounce-logger.heartbeat", "2",
                "mms.logger.logmode", "0600", "mms.bounce-logger.bounce-logmode", "0640"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> records(gw.mmsLog(), "M").size() >= 3 && records(gw.bounceLog(), "M").size() >= 2);
            List<String[]> beats = records(gw.mmsLog(), "M");
            for (int i = 1; i < beats.size(); i++) {
                assertThat(Long.parseLong(beats.get(i)[0]) - Long.parseLong(beats.get(i - 1)[0])).isBetween(1L, 2L);
            }
            List<String[]> bounceBeats = records(gw.bounceLog(), "M");
            assertThat(Long.parseLong(bounceBeats.get(1)[0]) - Long.parseLong(bounceBeats.get(0)[0])).isBetween(2L, 3L);
            assertThat(Files.readAllLines(gw.mmsLog()).get(0)).matches("\\d{10}@M");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gw.mmsLog()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gw.bounceLog()))).isEqualTo("rw-r-----");
        }
    }

    @Test
    void aRotatedLogIsRecreatedAtTheNextWriteAndAMissingDirectoryIsCreated() throws Exception {
        Path deep = dir.resolve("not/yet/there/mms.ec");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.logfile", deep.toString(), "mms.logger.heartbeat", "0"))) {
            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));
            awaitRecord(deep, "S", "Retrieved");
            Files.move(deep, deep.resolveSibling("mms.ec.1"));   // what logrotate does
            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Deferred").getBytes(StandardCharsets.UTF_8));
            awaitRecord(deep, "S", "Deferred");
            assertThat(records(deep, "S")).hasSize(1);
            assertThat(records(deep.resolveSibling("mms.ec.1"), "S")).hasSize(1);
        }
    }

    /**
     * A log file that cannot be written for a while (here its directory is a file; a full or
     * read-only file system does the same): the lines wait in memory and are written, once each,
     * when it can be again. Before, each batch was lost with one generic error.
     */
    @Test
    void linesTheLogFileRefusesAreKeptAndWrittenOnceItTakesThem() throws Exception {
        Path logs = dir.resolve("logs");
        Path log = logs.resolve("mms.ec");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.logfile", log.toString(), "mms.logger.heartbeat", "0"))) {
            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));
            awaitRecord(log, "S", "Retrieved");
            Files.move(logs, dir.resolve("logs-before"));
            Files.writeString(logs, "a file where the log directory should be");

            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Deferred").getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics"))
                    .build()).body().lines().anyMatch(l -> l.startsWith("mms_log_refused_lines ") && !l.endsWith(" 0.0")));

            Files.delete(logs);
            awaitRecord(log, "S", "Deferred");
            assertThat(records(log, "S")).hasSize(1);
            assertThat(records(log, "R")).hasSize(1);
        }
    }

    /**
     * When more than mms.logger.max-pending-bytes wait for a log file that refuses them, no line is
     * dropped: the listener answers new requests 4006 (the MMSC retries) until the file takes the
     * lines again, and then every line of every accepted request is in it, once.
     */
    @Test
    void aLogThatFallsBehindPushesBackOnTheIntakeAndDropsNoLine() throws Exception {
        Path logs = dir.resolve("logs");
        Path log = logs.resolve("mms.ec");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.logfile", log.toString(), "mms.logger.heartbeat", "0",
                "mms.logger.max-pending-bytes", "2000"))) {
            Files.move(logs, dir.resolve("logs-before"));
            Files.writeString(logs, "a file where the log directory should be");
            int accepted = 0;
            HttpResponse<String> answer = null;
            for (int i = 0; i < 100; i++) {
                answer = gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));
                if (answer.statusCode() != 200) {
                    break;
                }
                accepted++;
                Thread.sleep(20);
            }
            assertThat(answer.statusCode()).as("pushed back before 100 requests").isEqualTo(500);
            assertThat(answer.body()).contains("<StatusCode>4006</StatusCode>").contains("cannot log now");
            assertThat(accepted).isGreaterThan(0);

            Files.delete(logs);
            int expected = accepted;
            await().atMost(Duration.ofSeconds(10)).until(() -> records(log, "S").size() == expected);
            assertThat(records(log, "R")).hasSize(expected);
            // taken again once the writer has seen the backlog written (its next batch, 50 ms later)
            await().atMost(Duration.ofSeconds(5)).until(() -> gw.post("/ringtones/", "text/xml",
                    Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8)).statusCode() == 200);
        }
    }

    @Test
    void linesQueuedWhenTheGatewayStopsAreWrittenAtShutdown() throws Exception {
        RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.heartbeat", "0"));
        gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));
        gw.close();
        assertThat(records(gw.mmsLog(), "R")).hasSize(1);
        assertThat(records(gw.mmsLog(), "S")).hasSize(1);
    }

    @Test
    void aSecondLoggerInstanceWithItsOwnFileAndFormats() throws Exception {
        Path rt = dir.resolve("log/rt.ec");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.instances", "rt", "mms.logger.rt.logfile", rt.toString(),
                "mms.logger.rt.log-reception-format", "%t|%i|%ti", "mms.logger.rt.log-status", "false", "mms.logger.rt.heartbeat", "0"))) {
            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));
            awaitRecord(gw.mmsLog(), "S", "Retrieved");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(rt) && !Files.readAllLines(rt).isEmpty());
            List<String> lines = Files.readAllLines(rt);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).matches("\\d{10}\\|[0-9a-f]+-[0-9a-f]{6}-[0-9a-f]{6}\\|dr-1");
        }
    }

    @Test
    void eightThreadsOfAThousandRequestsGiveExactlyTheExpectedIntactLines() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mms.logger.heartbeat", "0", "mms.bounce-logger.heartbeat", "0"))) {
            HttpClient client = HttpClient.newHttpClient();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 1000; i++) {
                        String status = i % 10 == 0 ? "Expired" : "Retrieved";
                        byte[] body = Samples.deliveryReport(status).replace("dr-1", "t" + thread + "-" + i).getBytes(StandardCharsets.UTF_8);
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/ringtones/"))
                                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        ok += r.statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int answered = 0;
            for (Future<Integer> f : threads) {
                answered += f.get();
            }
            pool.shutdown();
            assertThat(answered).isEqualTo(8000);

            await().atMost(Duration.ofSeconds(20)).until(() -> records(gw.mmsLog(), "S").size() == 8000);
            List<String> lines = Files.readAllLines(gw.mmsLog());
            assertThat(lines).hasSize(16000);
            Pattern r = Pattern.compile("\\d{10}@R@[0-9a-f]+-[0-9a-f]{6}-[0-9a-f]{6}@12345@15551230000@mmsc-1@/ringtones/@default@127\\.0\\.0\\.1@\\d+@1000@Success@\"t\\d-\\d{1,3}\"");
            Pattern s = Pattern.compile("\\d{10}@S@12345@15551230000@mmsc-1@default@default@127\\.0\\.0\\.1@\"msg-123\"@@(Retrieved|Expired)@report text");
            assertThat(lines).allMatch(l -> r.matcher(l).matches() || s.matcher(l).matches());
            assertThat(lines.stream().filter(l -> l.contains("@R@")).map(l -> l.substring(l.lastIndexOf('"', l.length() - 2))).distinct()).hasSize(8000);
            assertThat(Files.readAllLines(gw.bounceLog())).hasSize(800).allMatch(l -> l.contains("@O@"));
        }
    }

    @Test
    void aLogDirectoryThatCannotBeWrittenIsReportedAtStartup() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        Throwable thrown = Assertions.catchThrowable(() ->
                RunningGateway.start(dir, Map.of("mms.logger.logfile", blocker.resolve("mmslog.ec").toString())).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages.toString()).contains("mms.logger: log directory " + blocker + " cannot be created");
    }
}
