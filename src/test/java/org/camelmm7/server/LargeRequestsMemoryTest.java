package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.camelmm7.GatewayProcess;
import org.camelmm7.RunningGateway;
import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many large requests at once in a small heap: 16 peers each send 9.5 MB DeliverReqs, twice, to a
 * gateway with 256 MB of heap. Every request is answered 1000, or 4006 if the gateway sheds load
 * (never 3000), nothing runs out of memory, every accepted photo arrives byte for byte, and no
 * mail's spill file is left in the spool.
 */
class LargeRequestsMemoryTest {

    @TempDir
    Path dir;

    @Test
    void sixteenConcurrent9MbRequestsIn256MbOfHeap() throws Exception {
        int port = RunningGateway.freePort();
        byte[] image = new byte[7_000_000];
        new Random(7).nextBytes(image);
        byte[] request = Samples.bigDeliverReq(image);
        assertThat(request.length).isBetween(9_000_000, 10_000_000);
        String expected = sha256(image);

        List<HttpResponse<String>> answers = new ArrayList<>();
        try (GatewayProcess gateway = GatewayProcess.start(dir, "256m", Map.of(
                "mm7.server.host", "127.0.0.1", "mm7.server.port", Integer.toString(port),
                "mm7.management.port", Integer.toString(RunningGateway.freePort()), "mms.logger.heartbeat", "0"), Map.of())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            ExecutorService peers = Executors.newFixedThreadPool(16);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                sent.add(peers.submit(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ringtones/"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", Samples.bigDeliverReqContentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> f : sent) {
                answers.add(f.get());
            }
            peers.shutdown();
            long accepted = answers.stream().filter(a -> a.body().contains("<StatusCode>1000</StatusCode>")).count();
            assertThat(answers).allSatisfy(a -> assertThat(a.body()).containsAnyOf("<StatusCode>1000</StatusCode>", "<StatusCode>4006</StatusCode>"));
            assertThat(accepted).isPositive();
            await().atMost(Duration.ofSeconds(120)).until(() -> RunningGateway.files(dir.resolve("outbox")).size() == accepted);
            assertThat(gateway.output()).doesNotContain("OutOfMemoryError", "3000");
            // each mail kept what it held beyond a megabyte in a spill file while it was spooled, and only then
            try (Stream<Path> spool = Files.list(dir.resolve("spool/incoming"))) {
                assertThat(spool.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".spill"));
            }
        }
        for (Path eml : RunningGateway.files(dir.resolve("outbox"))) {
            OutboundMail mail = PickupFile.read(Files.readAllBytes(eml));
            BodyPart photo = ((MimeMultipart) mail.getContent()).getBodyPart(0);
            assertThat(sha256(photo.getInputStream().readAllBytes())).as(eml.toString()).isEqualTo(expected);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
