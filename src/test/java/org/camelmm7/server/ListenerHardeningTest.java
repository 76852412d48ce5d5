package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.logging.log4j.Level;
import org.awaitility.Awaitility;
import org.camelmm7.CapturedLog;
import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.listener.Mm7HttpServer;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The listener against hostile and broken peers, over raw sockets: paths in every spelling,
 * slow and idle connections, floods of connections, broken framing.
 */
class ListenerHardeningTest {

    /** Spellings that Vert.x routes to /mm7/ (seen delivering mail without credentials before the fix), and more. */
    private static final List<String> OTHER_SPELLINGS = List.of("//mm7/", "/./mm7/", "/x/../mm7/", "/x/%2e%2e/mm7/", "/%6dm7/", "/%6Dm7/",
            "/m%6d7/", "/mm%37/", "/%2e/mm7/", "/./x/../mm7/", "/mm7//", "/mm7/./", "/mm7/%2e/", "/open/../mm7/", "/open/%2E%2E/mm7/",
            "/mm7%2f", "/mm7/%00");

    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] deliverReq(String path, String... headers) {
        return RawHttp.post(path, Samples.deliverReqContentType(), Samples.deliverReq(), headers);
    }

    private RunningGateway start(String... more) {
        Map<String, String> props = new HashMap<>(Map.of("mm7.server.vasp-uri-paths", "/mm7/,/open/"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return RunningGateway.start(dir, props);
    }

    private void onlySpellingInNormalFormIsServed(RunningGateway gw) throws Exception {
        for (String spelling : OTHER_SPELLINGS) {
            for (String[] credentials : new String[][] {{}, {basic("mmsc01", "s3cret")}}) {
                try (RawHttp peer = RawHttp.connect(gw.port())) {
                    RawHttp.Answer answer = peer.exchange(deliverReq(spelling, credentials), Duration.ofSeconds(10));
                    assertThat(answer.status()).as("POST %s with %d credential(s)", spelling, credentials.length).isIn(400, 404);
                }
            }
        }
        assertThat(RunningGateway.files(gw.spool())).isEmpty();
        assertThat(RunningGateway.files(gw.outbox())).isEmpty();
        try (RawHttp peer = RawHttp.connect(gw.port())) {
            assertThat(peer.exchange(deliverReq("/mm7/"), Duration.ofSeconds(10)).status()).isEqualTo(401);
        }
        try (RawHttp peer = RawHttp.connect(gw.port())) {
            assertThat(peer.exchange(deliverReq("/mm7/", basic("mmsc01", "s3cret")), Duration.ofSeconds(10)).status()).isEqualTo(200);
        }
    }

    @Test
    void noSpellingOfAPathGetsPastGlobalCredentials() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "mmsc01:s3cret\n");
        try (RunningGateway gw = start("mm7.server.auth-file", users.toString())) {
            onlySpellingInNormalFormIsServed(gw);
        }
    }

    @Test
    void noSpellingOfAPathGetsPastPerPathCredentialsThroughAnOpenPath() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "mmsc01:s3cret\n");
        try (RunningGateway gw = start("mm7.server.path.mm7.auth-file", users.toString())) {
            // /open/ needs no credentials: no spelling may reach /mm7/ through it
            try (RawHttp peer = RawHttp.connect(gw.port())) {
                assertThat(peer.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);
            RunningGateway.files(gw.outbox()).forEach(p -> p.toFile().delete());
            onlySpellingInNormalFormIsServed(gw);
        }
    }

    @Test
    void bodiesOverTheBudgetWaitAndAreShedWith4006OnlyWhenTheyWaitTooLong() throws Exception {
        int size = Samples.deliverReq().length;
        // room for one body at a time
        try (RunningGateway gw = start("mm7.server.max-body-bytes", Integer.toString(size + 100), "mm7.server.body-wait", "2")) {
            // one after the other, each gets the room the one before gave back
            for (int i = 0; i < 3; i++) {
                try (RawHttp peer = RawHttp.connect(gw.port())) {
                    assertThat(peer.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
                }
            }
            // a request whose headers promise a body that never comes holds the room: the next one waits, then gets 4006
            try (RawHttp holder = RawHttp.connect(gw.port()); RawHttp next = RawHttp.connect(gw.port())) {
                holder.send(("POST /open/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: " + size + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                Thread.sleep(300);
                RawHttp.Answer shed = next.exchange(deliverReq("/open/"), Duration.ofSeconds(10));
                assertThat(shed.status()).isEqualTo(500);
                assertThat(shed.text()).contains("<StatusCode>4006</StatusCode>");
            }
            // a request waiting for room goes on as soon as the room is given back
            RawHttp holder = RawHttp.connect(gw.port());
            holder.send(("POST /open/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(300);
            try (RawHttp waiter = RawHttp.connect(gw.port())) {
                waiter.send(deliverReq("/open/"));
                Thread.sleep(500);
                holder.close();
                assertThat(waiter.answer(Duration.ofSeconds(10)).status()).isEqualTo(200);
            }
            // once the holder is gone, there is room again
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (RawHttp peer = RawHttp.connect(gw.port())) {
                    assertThat(peer.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
                }
            });
        }
    }

    /**
     * A request that waits for body room and whose peer leaves, behind held chunked requests that
     * are then cut off, four times over: the budget comes back whole, and streamed, plain and queued
     * DeliverReqs are served after it. Before, each round leaked the leaver's cost for good (let in
     * after its connection had closed, it was never ended) until every streamed request got 4006.
     */
    @Test
    void theBodyBudgetComesBackWholeAfterHeldRequestsAreCutOffAndWaitersLeave() throws Exception {
        int maxRequest = 1 << 20;
        try (RunningGateway gw = start("mm7.server.max-request-size", Integer.toString(maxRequest), "mm7.server.max-body-bytes",
                Integer.toString(4 * maxRequest), "mm7.server.body-wait", "10", "mm7.server.request-read-timeout", "2")) {
            Mm7HttpServer listener = gw.context().getRegistry().lookupByNameAndType("mm7HttpServer", Mm7HttpServer.class);
            for (int round = 0; round < 4; round++) {
                List<RawHttp> holders = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    // streamed: costs the maximum request size; its last chunk never comes
                    holders.add(RawHttp.connect(gw.port()).send(CHUNKED_HEAD + "10\r\n0123456789abcdef\r\n"));
                }
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listener.bodyBytesInUse() == 4L * maxRequest);
                try (RawHttp leaver = RawHttp.connect(gw.port())) {
                    leaver.send(CHUNKED_HEAD + "10\r\n0123456789abcdef\r\n");
                    Thread.sleep(500);
                }
                for (RawHttp holder : holders) {
                    assertThat(holder.closedWithin(Duration.ofSeconds(10))).as("held request cut off").isTrue();
                    holder.close();
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listener.bodyBytesInUse() == 0);

            try (RawHttp plain = RawHttp.connect(gw.port()); RawHttp streamed = RawHttp.connect(gw.port())) {
                assertThat(plain.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
                assertThat(streamed.exchange(chunked(Samples.deliverReq()), Duration.ofSeconds(10)).text()).contains("<StatusCode>1000</StatusCode>");
            }
            // a queued one goes on when a holder's room comes back
            List<RawHttp> holders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                holders.add(RawHttp.connect(gw.port()).send(CHUNKED_HEAD + "10\r\n0123456789abcdef\r\n"));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> listener.bodyBytesInUse() == 4L * maxRequest);
            try (RawHttp queued = RawHttp.connect(gw.port())) {
                queued.send(deliverReq("/open/"));
                Thread.sleep(300);
                holders.get(0).close();
                assertThat(queued.answer(Duration.ofSeconds(10)).text()).contains("<StatusCode>1000</StatusCode>");
            }
            holders.forEach(RawHttp::close);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listener.bodyBytesInUse() == 0);
        }
    }

    private static final String CHUNKED_HEAD = "POST /open/ HTTP/1.1\r\nHost: x\r\nContent-Type: " + Samples.deliverReqContentType()
            + "\r\nTransfer-Encoding: chunked\r\n\r\n";

    /** The request with its body in chunks of 4 KiB. */
    private static byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(CHUNKED_HEAD.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < body.length; i += 4096) {
            int n = Math.min(4096, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Test
    void aNewConnectionThatSaysNothingIsClosedLongBeforeAKeptAliveOne() throws Exception {
        try (RunningGateway gw = start("mm7.server.first-request-timeout", "1", "mm7.server.request-read-timeout", "30",
                "mm7.server.idle-time", "30");
             RawHttp silent = RawHttp.connect(gw.port()); RawHttp kept = RawHttp.connect(gw.port())) {
            assertThat(kept.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
            assertThat(silent.closedWithin(Duration.ofSeconds(4))).as("silent since it connected").isTrue();
            assertThat(kept.closedWithin(Duration.ofSeconds(2))).as("kept alive after an answer").isFalse();
            assertThat(kept.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
        }
    }

    @Test
    void anIdleConnectionIsClosed() {
        try (RunningGateway gw = start("mm7.server.idle-time", "1", "mm7.server.request-read-timeout", "30");
             RawHttp idle = RawHttp.connect(gw.port())) {
            assertThat(idle.closedWithin(Duration.ofSeconds(4))).isTrue();
        }
    }

    @Test
    void headersTrickledSlowerThanTheReadTimeoutAreCutOff() throws Exception {
        try (RunningGateway gw = start("mm7.server.request-read-timeout", "1", "mm7.server.idle-time", "30");
             RawHttp slow = RawHttp.connect(gw.port())) {
            byte[] request = deliverReq("/open/");
            long started = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < 40 && !cut; i++) {
                try {
                    slow.send(new byte[] {request[i]});
                } catch (RuntimeException closed) {
                    cut = true;
                }
                Thread.sleep(150);
            }
            cut = cut || slow.closedWithin(Duration.ofSeconds(3));
            assertThat(cut).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheReadTimeoutGets408AndTheConnectionClosed() throws Exception {
        try (CapturedLog log = CapturedLog.start();
             RunningGateway gw = start("mm7.server.request-read-timeout", "1", "mm7.server.idle-time", "30");
             RawHttp slow = RawHttp.connect(gw.port())) {
            byte[] request = deliverReq("/open/");
            int headEnd = new String(request, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
            slow.send(Arrays.copyOf(request, headEnd + 10));
            RawHttp.Answer answer = slow.answer(Duration.ofSeconds(5));
            assertThat(answer.status()).isEqualTo(408);
            assertThat(slow.closedWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(log.containing("HTTP 408")).hasSize(1);
            assertThat(RunningGateway.files(gw.spool())).isEmpty();
        }
    }

    @Test
    void theNextRequestOnAKeptAliveConnectionMustArriveInTime() throws Exception {
        try (RunningGateway gw = start("mm7.server.request-read-timeout", "1", "mm7.server.idle-time", "1");
             RawHttp peer = RawHttp.connect(gw.port())) {
            assertThat(peer.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
            // the next request's head, one byte every 300 ms: alive as far as idle-time goes, too slow as a request
            boolean cut = false;
            for (int i = 0; i < 30 && !cut; i++) {
                try {
                    peer.send(new byte[] {(byte) "POST /open/ HTTP/1.1\r\nHost: x\r\n".charAt(i)});
                } catch (RuntimeException closed) {
                    cut = true;
                }
                Thread.sleep(300);
            }
            assertThat(cut || peer.closedWithin(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void aRefusedRequestIsAnsweredAndItsConnectionClosedWhileTheBodyKeepsComing() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "mmsc01:s3cret\n");
        try (RunningGateway gw = start("mm7.server.auth-file", users.toString(), "mm7.server.max-request-size", "1000000000");
             RawHttp peer = RawHttp.connect(gw.port())) {
            peer.send("POST /mm7/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 500000000\r\n\r\n");
            Thread sender = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int i = 0; i < 8000; i++) {
                        peer.send(chunk);
                    }
                } catch (RuntimeException closed) {
                    // the server closed the connection, as it should
                }
            });
            sender.start();
            assertThat(peer.answer(Duration.ofSeconds(5)).status()).isEqualTo(401);
            sender.join(10_000);
            assertThat(sender.isAlive()).as("the server stopped taking the body").isFalse();
        }
    }

    @Test
    void connectionsOverThePerPeerCapAreClosedAndOtherPeersAreStillServed() throws Exception {
        try (CapturedLog log = CapturedLog.start();
             RunningGateway gw = start("mm7.server.max-connections-per-peer", "5", "mm7.server.max-connections", "50")) {
            List<RawHttp> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 30; i++) {
                    flood.add(RawHttp.connect("127.0.0.2", gw.port()));
                }
                long closed = flood.stream().filter(c -> c.closedWithin(Duration.ofMillis(300))).count();
                assertThat(closed).isEqualTo(25);
                try (RawHttp mmsc = RawHttp.connect("127.0.0.1", gw.port())) {
                    assertThat(mmsc.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
                }
            } finally {
                flood.forEach(RawHttp::close);
            }
            assertThat(log.containing("refused a connection from 127.0.0.2")).hasSizeBetween(1, 3);
        }
    }

    /**
     * A thousand silent connections from ten addresses the ACL does not allow take no slot: the
     * configured MMSC is served all the same, and a refused peer that speaks still gets its 403.
     * Before, they were counted before the ACL was asked, filled max-connections and locked every
     * MMSC out for as long as they stayed.
     */
    @Test
    void connectionsTheAclRefusesTakeNoSlotAndTheConfiguredMmscIsServed() throws Exception {
        try (RunningGateway gw = start("mm7.server.allow", "127.0.0.1/32", "mm7.server.max-connections", "50",
                "mm7.server.max-connections-per-peer", "100", "mm7.server.idle-time", "60")) {
            List<RawHttp> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    flood.add(RawHttp.connect("127.0.0." + (2 + i % 10), gw.port()));
                }
                try (RawHttp mmsc = RawHttp.connect("127.0.0.1", gw.port())) {
                    assertThat(mmsc.exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(200);
                }
                assertThat(flood.get(999).exchange(deliverReq("/open/"), Duration.ofSeconds(10)).status()).isEqualTo(403);
            } finally {
                flood.forEach(RawHttp::close);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a chunk size that is not hex
        "POST /open/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        // a chunk longer than its size says
        "POST /open/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdefgh\r\n0\r\n\r\n",
        // both framings at once (request smuggling)
        "POST /open/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        // no Host in HTTP/1.1
        "POST /open/ HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: 5\r\n\r\nhello",
        // a header line without a colon
        "POST /open/ HTTP/1.1\r\nHost: x\r\nno colon here\r\nContent-Length: 5\r\n\r\nhello",
        // a Content-Length that is not a number
        "POST /open/ HTTP/1.1\r\nHost: x\r\nContent-Length: five\r\n\r\nhello",
    })
    void brokenFramingGets400OneWarningAndAClosedConnection(String request) throws Exception {
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = start(); RawHttp peer = RawHttp.connect(gw.port())) {
            RawHttp.Answer answer = peer.exchange(request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(5));
            assertThat(answer.status()).as(answer.text() + log.lines()).isEqualTo(400);
            assertThat(peer.closedWithin(Duration.ofSeconds(3))).isTrue();
            List<CapturedLog.Line> lines = log.lines().stream().filter(l -> l.level().isMoreSpecificThan(Level.WARN)).toList();
            assertThat(lines).as(() -> lines.stream().map(l -> l.message() + " " + (l.thrown() == null ? "" : Arrays.toString(l.thrown().getStackTrace()))).toList().toString()).hasSize(1);
            assertThat(lines.get(0).hasThrowable()).isFalse();
            assertThat(lines.get(0).message()).doesNotContain("Unhandled");
            assertThat(RunningGateway.files(gw.spool())).isEmpty();
        }
    }

    @Test
    void theManagementPortListensOnLoopbackUnlessConfiguredOtherwise() {
        // RunningGateway leaves mm7.management.host to the shipped default
        try (RunningGateway gw = start()) {
            ManagementHttpServer management = gw.context().hasService(ManagementHttpServer.class);
            assertThat(management.getHost()).isEqualTo("127.0.0.1");
        }
    }
}
