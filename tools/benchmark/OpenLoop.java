// An open-loop load: requests start at a fixed rate whatever the answers do, and each latency is measured
// from the moment its request was due (so a stalled server shows in the figures instead of slowing the
// load down, unlike a closed loop such as wrk's). At most CONNECTIONS requests are in flight (as wrk2 keeps
// its connections): a request that finds them all busy waits, and that wait counts in its latency.
// Prints one RESULT line.
//
//   java OpenLoop.java URL BODY_FILE CONTENT_TYPE_FILE RATE SECONDS CONNECTIONS [AUTHORIZATION]

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

public class OpenLoop {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String contentType = Files.readString(Path.of(args[2])).trim();
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Semaphore connections = new Semaphore(Integer.parseInt(args[5]));
        if (args.length > 6) {
            request.header("Authorization", args[6]);
        }
        HttpRequest prepared = request.build();
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(total);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            connections.acquire();
            int n = i;
            client.sendAsync(prepared, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                latencies[n] = System.nanoTime() - due;
                if (error != null || response.statusCode() != 200 || !response.body().contains("<StatusCode>1000</StatusCode>")) {
                    failed.incrementAndGet();
                }
                connections.release();
                answered.countDown();
            });
        }
        answered.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("RESULT rate=%d sent=%d seconds=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f not_1000=%d%n", rate, total, elapsed,
                latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6, latencies[total - 1] / 1e6, failed.get());
        System.exit(0);
    }
}
