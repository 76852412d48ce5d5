package org.camelmm7.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.hooks.Mm7RequestEval;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the gateway while an MMSC's request is being handled: the request is finished and
 * answered, and its mail is complete in the spool or already delivered, never half-written.
 */
class GracefulShutdownTest {

    private static final Pattern TRANSACTION = Pattern.compile("X-MM7-TransactionID: (stop-\\d+-\\d+)");

    @TempDir
    Path dir;

    @Test
    void aRequestInFlightWhenTheStopBeginsIsAnsweredAndItsMailKept() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch stopBegun = new CountDownLatch(1);
        // the request-eval extension point holds the request inside the route until the stop has begun
        Mm7RequestEval holdUntilStopping = request -> {
            handling.countDown();
            awaitLatch(stopBegun);
            sleep(500);
            return Mm7RequestEval.Decision.CONTINUE;
        };
        RunningGateway gw = RunningGateway.start(dir, RunningGateway.freePort(),
                Map.of("camel.main.shutdown-timeout", "10"), Map.of(Mm7Hooks.REQUEST_EVAL, holdUntilStopping));

        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(gw.uri("/photo_contest/")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", Samples.deliverReqContentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Samples.deliverReq())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(handling.await(10, TimeUnit.SECONDS)).as("request reached the route").isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(gw::close);
        stopBegun.countDown();
        stopped.get(30, TimeUnit.SECONDS);

        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<StatusCode>1000</StatusCode>");

        List<Path> kept = new ArrayList<>(RunningGateway.files(gw.spool()));
        kept.addAll(RunningGateway.files(gw.outbox()));
        assertThat(kept).as("no half-written spool entry").noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        assertThat(kept).as("the accepted mail, spooled or delivered").hasSize(1);
        assertThat(Files.readString(kept.get(0))).contains("X-MM7-TransactionID: vasp-deliver-0001");
    }

    /**
     * SIGTERM under load, as an operator's planned restart: no DeliverReq is answered 404 (an MMSC
     * reads it as "no such VASP" and bounces the MMS); each gets 1000 or 4006 (retry), or finds the
     * port closed; and every one answered 1000 is delivered after the restart.
     */
    @Test
    void aStopUnderLoadAnswersNo404AndEveryAcceptedMailIsDeliveredAfterTheRestart() throws Exception {
        int port = RunningGateway.freePortForRestarts();
        RunningGateway gw = RunningGateway.start(dir, port, Map.of("camel.main.shutdown-timeout", "10", "mms.logger.heartbeat", "0"));
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean closed = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(8);
        String deliverReq = new String(Samples.deliverReq(), StandardCharsets.ISO_8859_1);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            load.submit(() -> {
                for (int n = 0; !closed.get(); n++) {
                    String tx = "stop-" + thread + "-" + n;
                    byte[] request = RawHttp.post("/photo_contest/", Samples.deliverReqContentType(),
                            deliverReq.replace("vasp-deliver-0001", tx).getBytes(StandardCharsets.ISO_8859_1));
                    RawHttp.Answer answer;
                    try (RawHttp peer = RawHttp.connect(port)) {
                        answer = peer.exchange(request, Duration.ofSeconds(30));
                    } catch (UncheckedIOException refused) {
                        closed.set(true);
                        return;
                    }
                    String status = answer.body().replaceAll("(?s).*<StatusCode>(\\d+)</StatusCode>.*", "$1");
                    String key = answer.status() + (status.length() == 4 ? "/" + status : "");
                    answers.merge(key, 1, Integer::sum);
                    if (key.equals("200/1000")) {
                        accepted.add(tx);
                    }
                }
            });
        }
        Thread.sleep(2000);
        gw.close();
        closed.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("stop under load: answers " + answers);
        assertThat(answers.keySet()).as("answers while stopping").allSatisfy(a -> assertThat(a).isIn("200/1000", "500/4006", "-1"));
        assertThat(answers).containsKey("200/1000");

        try (RunningGateway again = RunningGateway.start(dir, port, Map.of("mms.logger.heartbeat", "0"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> again.delivered(TRANSACTION).containsAll(accepted));
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
