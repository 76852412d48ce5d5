package org.camelmm7.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    @TempDir
    Path dir;

    @Test
    void aRequestInFlightWhenTheStopBeginsIsAnsweredAndItsMailKept() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch stopBegun = new CountDownLatch(1);
        // the request-eval extension point holds the request inside the route until the stop has begun
        Mm7RequestEval holdUntilStopping = request -> {
            handling.countDown();
            await(stopBegun);
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

    private static void await(CountDownLatch latch) {
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
