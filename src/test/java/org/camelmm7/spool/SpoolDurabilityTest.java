package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camelmm7.GatewayProcess;
import org.camelmm7.HangingRelay;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DeliverReq answered 1000 survives a crash even when no spool file holds it: the gateway is
 * killed (SIGKILL) while its relay hangs, with mails handed to the mail leg in memory (no spool
 * file at all) and the rest in spool files that a power cut could take (deleted, one cut short),
 * and the restarted gateway delivers every accepted mail once, from the journal.
 */
class SpoolDurabilityTest {

    private static final Pattern TRANSACTION = Pattern.compile("X-MM7-TransactionID: (\\S+)");

    @TempDir
    Path dir;

    private Map<String, String> properties(int port, String mailUri) {
        Map<String, String> p = new HashMap<>();
        p.put("mm7.server.host", "127.0.0.1");
        p.put("mm7.server.port", Integer.toString(port));
        p.put("mm7.management.port", Integer.toString(RunningGateway.freePort()));
        p.put("mm7.mail.uri", mailUri);
        p.put("mm7.mail.retry.initial-delay", "60000");
        p.put("mm7.mail.message-id-domain", "gw.test");
        p.put("mms.logger.heartbeat", "0");
        return p;
    }

    @Test
    void everyAcceptedMailIsDeliveredAfterACrashThatCostTheSpoolItsFiles() throws Exception {
        int port = RunningGateway.freePort();
        int relayThatHangs = RunningGateway.freePort();
        List<String> accepted = new ArrayList<>();
        // a relay that takes connections and never greets: deliveries hang, in memory and from the spool
        try (HangingRelay relay = new HangingRelay(relayThatHangs);
                GatewayProcess first = GatewayProcess.start(dir, "256m", properties(port, "smtp://127.0.0.1:" + relayThatHangs), Map.of())) {
            ExecutorService peers = Executors.newFixedThreadPool(8);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String tx = "crash-" + i;
                answers.add(peers.submit(() -> RunningGateway.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ringtones/"))
                        .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(deliverReq(tx))).build())));
            }
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get();
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("<StatusCode>1000</StatusCode>");
                accepted.add("crash-" + i);
            }
            peers.shutdown();
            // the mail leg holds some in memory: they have no spool file
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(dir.resolve("spool/incoming")).size() == 48 - 16);
            first.kill();
        }
        // what a power cut could have taken: spool files that were never synced, one cut short
        List<Path> spooled = RunningGateway.files(dir.resolve("spool/incoming"));
        Files.write(spooled.get(0), new byte[0]);
        for (Path p : spooled.subList(1, spooled.size())) {
            Files.delete(p);
        }

        Map<String, String> afterwards = properties(port, "file:outbox");
        afterwards.put("mm7.spool.journal-checkpoint-delay", "2");
        try (GatewayProcess second = GatewayProcess.start(dir, "256m", afterwards, Map.of())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> RunningGateway.files(dir.resolve("outbox")).size() >= 48);
            assertThat(second.output()).contains("48 entries still in the spool; 48 written back from the journal");
            // delivered, they leave the journal: its segments are retired at the next checkpoint
            await().atMost(Duration.ofSeconds(30)).until(() -> RunningGateway.files(dir.resolve("spool/incoming/.journal")).stream()
                    .allMatch(segment -> segment.toFile().length() == 0));
        }
        List<String> delivered = new ArrayList<>();
        for (Path mail : RunningGateway.files(dir.resolve("outbox"))) {
            Matcher m = TRANSACTION.matcher(Files.readString(mail, StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            delivered.add(m.group(1));
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(accepted);
    }

    private static byte[] deliverReq(String tx) {
        return Samples.envelope(tx, "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<Sender><Number>+15551234567</Number></Sender><Recipients><To><RFC2822Address>ann@example.org</RFC2822Address></To>"
                + "</Recipients><Subject>" + tx + "</Subject></DeliverReq>").getBytes(StandardCharsets.UTF_8);
    }
}
