package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.camelmm7.CapturedLog;
import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.PeerCorpus;
import org.camelmm7.mm7.PeerCorpus.Seed;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few thousand mutated MM7 requests (seeded, so a failure can be replayed) thrown at the
 * running gateway over raw sockets: flipped, inserted, cut and repeated bytes, mangled headers,
 * chunked bodies (some with broken framing), wrong lengths. Every answer must be an HTTP status
 * with a SOAP Fault or a 4xx, within 10 s; every DeliverReq answered 1000 must become exactly one
 * mail; nothing may be answered 3000 or logged as an error; and the gateway still serves a valid
 * request at the end.
 *
 * <p>{@code -Dmm7.fuzz.cases=100000 -Dmm7.fuzz.seed=N} runs a longer or another round.
 */
class HostilePeerFuzzTest {

    private static final int CASES = Integer.getInteger("mm7.fuzz.cases", 3000);
    private static final long SEED = Long.getLong("mm7.fuzz.seed", 20261201L);

    @TempDir
    Path dir;

    /** The request on the wire: Content-Length (sometimes wrong) or chunked (sometimes broken). */
    private static byte[] wire(Seed seed, String contentType, byte[] body, Random random) {
        int framing = random.nextInt(20);
        StringBuilder head = new StringBuilder("POST ").append(seed.path()).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        head.append("Content-Type: ").append(contentType.replaceAll("[\r\n]", " ")).append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (framing < 14) {
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
        } else if (framing < 18) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            boolean broken = framing == 17;
            for (int at = 0; at < body.length; ) {
                int n = Math.min(body.length - at, 1 + random.nextInt(4096));
                String size = broken && random.nextInt(4) == 0 ? Integer.toHexString(n + 3) : Integer.toHexString(n);
                out.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, at, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                at += n;
            }
            out.writeBytes((broken ? "zz\r\n\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } else {
            // a Content-Length shorter than the body: the rest is read as the next request
            head.append("Content-Length: ").append(Math.max(0, body.length - 1 - random.nextInt(50))).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    @Test
    void mutatedRequestsGetPreciseAnswersAndNothingAcceptedIsLost() throws Exception {
        Random random = new Random(SEED);
        List<Seed> seeds = PeerCorpus.seeds();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int acceptedDeliverReqs = 0;
        Map<Integer, String> exchanges = new TreeMap<>();
        try (CapturedLog log = CapturedLog.start();
             RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.request-read-timeout", "3",
                     "mm7.server.default-email-to-address", "postmaster@vasp.example"))) {
            for (int i = 0; i < CASES; i++) {
                Seed seed = seeds.get(random.nextInt(seeds.size()));
                // the case in the TransactionID, twice, so a mutation that cuts digits out cannot make it name another case
                String tag = "case-" + i + "-" + i;
                byte[] body = new String(seed.body(), StandardCharsets.ISO_8859_1).replace("vasp-deliver-0001", tag)
                        .replace(">fz<", ">" + tag + "<").getBytes(StandardCharsets.ISO_8859_1);
                byte[] request = wire(seed, PeerCorpus.mutateContentType(seed.contentType(), random), PeerCorpus.mutate(body, random), random);
                exchanges.put(i, new String(request, 0, Math.min(400, request.length), StandardCharsets.ISO_8859_1));
                long started = System.nanoTime();
                RawHttp.Answer answer;
                try (RawHttp peer = RawHttp.connect(gw.port())) {
                    try {
                        peer.send(request);
                    } catch (RuntimeException refusedEarly) {
                        // the server answered and closed before taking the whole request; read what it said
                    }
                    answer = peer.answer(Duration.ofSeconds(10));
                }
                String context = "case " + i + " (seed " + SEED + "): " + answer.text() + "\nrequest: "
                        + new String(request, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n\n");
                exchanges.put(i, exchanges.get(i) + "\n=> " + answer.text());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(context).isLessThan(Duration.ofSeconds(10));
                assertThat(answer.status()).as(context).isIn(200, 400, 408, 413, 500);
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 500) {
                    assertThat(answer.body()).as(context).contains("<faultcode>", "VASPErrorRsp", "<StatusCode>")
                            .doesNotContain("<StatusCode>3000</StatusCode>", "Exception");
                }
                if (answer.status() == 200) {
                    assertThat(answer.body()).as(context).contains("<StatusCode>1000</StatusCode>");
                    if (answer.body().contains("DeliverRsp")) {
                        acceptedDeliverReqs++;
                    }
                }
            }
            int expectedMails = acceptedDeliverReqs;
            await().atMost(Duration.ofSeconds(60)).until(() -> RunningGateway.files(gw.spool()).isEmpty()
                    && RunningGateway.files(gw.outbox()).stream().filter(p -> p.toString().endsWith(".eml")).count() >= expectedMails);
            for (Path mail : RunningGateway.files(gw.outbox())) {
                // each mail names its case in its TransactionID: that case must have been answered 1000
                Matcher tx = Pattern.compile("X-MM7-TransactionID: case-(\\d+)-(\\d+)\r\n")
                        .matcher(Files.readString(mail, StandardCharsets.ISO_8859_1));
                if (tx.find() && tx.group(1).equals(tx.group(2))) {
                    assertThat(exchanges.get(Integer.parseInt(tx.group(1)))).as("case " + tx.group(1) + ", mail " + mail.getFileName()).contains("DeliverRsp");
                }
            }
            assertThat(RunningGateway.files(gw.outbox())).as("one mail per DeliverReq answered 1000").hasSize(expectedMails);
            assertThat(RunningGateway.files(gw.failed())).isEmpty();
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
            assertThat(log.lines()).filteredOn(l -> l.level().isMoreSpecificThan(Level.ERROR)).as("errors logged").isEmpty();
            assertThat(log.lines()).filteredOn(CapturedLog.Line::hasThrowable).as("stack traces logged").isEmpty();
            System.out.printf("fuzz: %d cases, seed %d, answers %s, %d DeliverReqs accepted%n", CASES, SEED, statuses, acceptedDeliverReqs);
        }
    }
}
