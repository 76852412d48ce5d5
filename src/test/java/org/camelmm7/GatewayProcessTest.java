package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point in its own JVM on the runtime classpath (no test jars), configured the way
 * operators do it (environment variables and -D properties), with a small heap: 10 MB DeliverReqs in a row must go through in
 * 64 MB, which they cannot if a request costs many copies of its size. One costs about twice its size while it is read and
 * turned into mail (the body, read into one array of its Content-Length, and the mail written beside it); when Vert.x's
 * reader grew its buffer in 4 MiB steps and the parser read a copy, one run in three ran out of memory in 64 MB
 * ({@code tools/benchmark/run large-request} finds the smallest heap: 48 MB now, 64 MB before).
 */
class GatewayProcessTest {

    @TempDir
    Path dir;
    private GatewayProcess gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private int start(String heap) throws IOException {
        int port = RunningGateway.freePort();
        gateway = GatewayProcess.start(dir, heap, Map.of(
                "mm7.spool.uri", "file:" + dir.resolve("spool") + "?tempFileName=.${file:name}.part&delete=true&readLock=none&delay=200",
                "mm7.spool.failed-uri", "file:" + dir.resolve("failed"),
                "mms.logger.logfile", dir.resolve("log/mmslog.ec").toString(),
                "mm7.client.tracking.jdbc-url", "jdbc:h2:file:" + dir.resolve("data/tracking").toAbsolutePath(),
                "mm7.client.from-uri", "file:" + dir.resolve("pickup"),
                "mms.bounce-logger.bounce-logfile", dir.resolve("log/mmsbouncelog.ec").toString(),
                "mail.logger.logfile", dir.resolve("log/maillog.ec").toString()), Map.of(
                "MM7_SERVER_PORT", Integer.toString(port),
                "MM7_SERVER_HOST", "127.0.0.1",
                "MM7_MANAGEMENT_PORT", Integer.toString(RunningGateway.freePort()),
                "MM7_MAIL_URI", "file:" + dir.resolve("outbox")));
        return port;
    }

    private List<Path> outbox() throws IOException {
        if (!Files.isDirectory(dir.resolve("outbox"))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir.resolve("outbox"))) {
            return s.toList();
        }
    }

    @Test
    void environmentAndSystemPropertiesConfigureTheGatewayAndA10MbDeliverReqsFitInA64MbHeap() throws Exception {
        int port = start("64m");
        var client = HttpClient.newHttpClient();

        HttpResponse<String> sample = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/photo_contest/"))
                .header("Content-Type", Samples.deliverReqContentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Samples.deliverReq())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sample.statusCode()).isEqualTo(200);

        byte[] image = new byte[7_500_000];
        new Random(42).nextBytes(image);
        byte[] request = Samples.bigDeliverReq(image);
        assertThat(request.length).isBetween(10_000_000, 10_485_760);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> big;
            try {
                big = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ringtones/"))
                        .header("Content-Type", Samples.bigDeliverReqContentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException noAnswer) {
                // seen once in CI: say whether the gateway was still there and what it logged
                throw new AssertionError("no answer to a 10 MB DeliverReq; the gateway: " + gateway.state(), noAnswer);
            }
            assertThat(big.statusCode()).as(gateway.output()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox().size() == 4);
        for (Path eml : outbox()) {
            OutboundMail mail = PickupFile.read(Files.readAllBytes(eml));
            if (mail.getContent() instanceof MimeMultipart mixed && mixed.getCount() == 1) {
                BodyPart photo = mixed.getBodyPart(0);
                assertThat(photo.getFileName()).isEqualTo("photo.jpg");
                assertThat(photo.getInputStream().readAllBytes()).isEqualTo(image);
            }
        }
        assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
    }
}
