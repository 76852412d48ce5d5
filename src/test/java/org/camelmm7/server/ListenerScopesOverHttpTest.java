package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.camelmm7.CapturedLog;
import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;

/**
 * Momentum's Peer and Listen scopes over real sockets, each client bound to its own loopback
 * address (127.0.0.2, 127.0.0.3, … are all this host's on Linux): always-allow, always-deny,
 * authentication, request size and idle time per Peer, per Listen and per Peer inside a Listen,
 * the most specific Peer first.
 */
class ListenerScopesOverHttpTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void loopbackAddresses() {
        Assumptions.assumeTrue(canBindFrom("127.0.0.2"), "this machine does not route 127.0.0.2 to itself");
    }

    private Map<String, String> withUsers(String... more) throws IOException {
        Map<String, String> p = new HashMap<>();
        p.put("mm7.server.auth-file", Files.writeString(dir.resolve("users"), "mmsc:s3cret\n").toString());
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void alwaysAllowLetsATrustedPeerInWithoutCredentialsAndAlwaysDenyRefusesEvenTheRightOnes() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, withUsers(
                "mm7.server.peer.trusted.address", "127.0.0.2/32", "mm7.server.peer.trusted.always-allow", "true",
                "mm7.server.peer.banned.address", "127.0.0.3/32", "mm7.server.peer.banned.always-deny", "true"))) {
            RawHttp.Answer trusted = deliverReq("127.0.0.2", gw.port(), "/photo_contest/");
            assertThat(trusted.status()).isEqualTo(200);
            assertThat(trusted.body()).contains("<StatusCode>1000</StatusCode>");
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);

            assertThat(deliverReq("127.0.0.1", gw.port(), "/photo_contest/").status()).as("another peer must authenticate").isEqualTo(401);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret")).status()).isEqualTo(200);

            assertThat(deliverReq("127.0.0.3", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret")).status())
                    .as("always-deny refuses the right credentials").isEqualTo(403);
            assertThat(deliverReq("127.0.0.3", gw.port(), "/photo_contest/").status()).isEqualTo(403);
            assertThat(RunningGateway.files(gw.outbox())).hasSize(2);
        }
    }

    @Test
    void alwaysDenyWinsOverAlwaysAllowAndTheMostSpecificPeerWins() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, withUsers(
                "mm7.server.peer.loopback.address", "127.0.0.0/8", "mm7.server.peer.loopback.always-deny", "true",
                "mm7.server.peer.one.address", "127.0.0.2", "mm7.server.peer.one.always-allow", "true",
                "mm7.server.peer.both.address", "127.0.0.4/32", "mm7.server.peer.both.always-allow", "true",
                "mm7.server.peer.both.always-deny", "true"))) {
            assertThat(deliverReq("127.0.0.2", gw.port(), "/photo_contest/").status()).as("the /32 inside the denied /8").isEqualTo(200);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret")).status()).isEqualTo(403);
            assertThat(deliverReq("127.0.0.4", gw.port(), "/photo_contest/").status()).as("both set: deny").isEqualTo(403);
        }
    }

    @Test
    void aListenScopeAndAPeerInsideItSetTheRequestSizeTheMostSpecificFirst() throws Exception {
        int small = RunningGateway.freePort();
        int large = RunningGateway.freePort();
        int size = Samples.deliverReq().length;
        Map<String, String> p = new HashMap<>(Map.of(
                "mm7.server.listen.small.address", "127.0.0.1:" + small, "mm7.server.listen.small.max-request-size", Integer.toString(size - 1),
                "mm7.server.listen.small.peer.near.address", "127.0.0.2/32",
                "mm7.server.listen.small.peer.near.max-request-size", Integer.toString(size * 10),
                "mm7.server.listen.large.address", "127.0.0.1:" + large,
                // a listener-level Peer: less specific than the Listen's own for 127.0.0.2, the only one for 127.0.0.1
                "mm7.server.peer.loopback.address", "127.0.0.0/8", "mm7.server.peer.loopback.max-request-size", Integer.toString(size / 2)));
        try (RunningGateway gw = RunningGateway.start(dir, small, p)) {
            assertThat(deliverReq("127.0.0.1", small, "/photo_contest/").status()).as("the /8 Peer's limit").isEqualTo(413);
            assertThat(deliverReq("127.0.0.2", small, "/photo_contest/").status()).as("the Peer inside the Listen").isEqualTo(200);
            assertThat(deliverReq("127.0.0.1", large, "/photo_contest/").status()).as("the listener-level Peer on the other socket")
                    .isEqualTo(413);
        }
        p.remove("mm7.server.peer.loopback.address");
        try (RunningGateway gw = RunningGateway.start(dir, small, p)) {
            assertThat(deliverReq("127.0.0.1", small, "/photo_contest/").status()).as("the Listen's limit").isEqualTo(413);
            assertThat(deliverReq("127.0.0.1", large, "/photo_contest/").status()).as("the listener's 10 MiB").isEqualTo(200);
            // without Content-Length the body handler holds the scope's limit too
            assertThat(chunkedDeliverReq("127.0.0.1", small).status()).isEqualTo(413);
            assertThat(chunkedDeliverReq("127.0.0.2", small).status()).isEqualTo(200);
        }
    }

    @Test
    void aPeerScopeSetsItsAuthenticationSchemesAndCredentials() throws Exception {
        Path own = Files.writeString(dir.resolve("near-users"), "near:other\n");
        try (RunningGateway gw = RunningGateway.start(dir, withUsers(
                "mm7.server.peer.near.address", "127.0.0.2", "mm7.server.peer.near.auth-schemes", "digest-sha-256",
                "mm7.server.peer.other.address", "127.0.0.3", "mm7.server.peer.other.auth-file", own.toString()))) {
            RawHttp.Answer basicRefused = deliverReq("127.0.0.2", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret"));
            assertThat(basicRefused.status()).isEqualTo(401);
            assertThat(basicRefused.text()).contains("WWW-Authenticate: Digest").doesNotContain("Basic realm");
            assertThat(deliverReq("127.0.0.1", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret")).status()).isEqualTo(200);
            assertThat(deliverReq("127.0.0.3", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret")).status()).isEqualTo(401);
            assertThat(deliverReq("127.0.0.3", gw.port(), "/photo_contest/", "Authorization", basic("near:other")).status()).isEqualTo(200);
        }
    }

    @Test
    void aPeerScopeSetsItsIdleTime() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.peer.near.address", "127.0.0.2",
                "mm7.server.peer.near.idle-time", "1", "mm7.server.idle-time", "60", "mm7.server.first-request-timeout", "60"));
             RawHttp near = RawHttp.connect("127.0.0.2", gw.port()); RawHttp other = RawHttp.connect("127.0.0.1", gw.port())) {
            assertThat(near.closedWithin(Duration.ofSeconds(10))).as("closed by its 1 s idle time").isTrue();
            assertThat(other.closedWithin(Duration.ofSeconds(3))).as("the listener's idle time is 60 s").isFalse();
        }
    }

    /** Momentum's log_requests_to_paniclog, per scope: "ts:ip:port \"POST /path HTTP/1.1\" status bytes ms", for the peers that set it. */
    @Test
    void aScopeLogsItsRequestsInMomentumsShape() throws Exception {
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.camelmm7.requests", org.apache.logging.log4j.Level.INFO);
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = RunningGateway.start(dir, withUsers(
                "mm7.server.peer.near.address", "127.0.0.2", "mm7.server.peer.near.log-requests", "true"))) {
            RawHttp.Answer accepted = deliverReq("127.0.0.2", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret"));
            assertThat(deliverReq("127.0.0.2", gw.port(), "/photo_contest/").status()).isEqualTo(401);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/photo_contest/", "Authorization", basic("mmsc:s3cret")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().stream().filter(l -> l.logger().equals("org.camelmm7.requests")).count() == 2);
            java.util.List<String> lines = log.lines().stream().filter(l -> l.logger().equals("org.camelmm7.requests")).map(CapturedLog.Line::message).toList();
            assertThat(lines.get(0)).matches("\\d{10}:127\\.0\\.0\\.2:\\d+ \"POST /photo_contest/ HTTP/1\\.1\" 200 "
                    + accepted.body().getBytes(StandardCharsets.UTF_8).length + " \\d+\\.\\d{3}");
            assertThat(lines.get(1)).matches("\\d{10}:127\\.0\\.0\\.2:\\d+ \"POST /photo_contest/ HTTP/1\\.1\" 401 \\d+ \\d+\\.\\d{3}");
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.camelmm7.requests", org.apache.logging.log4j.Level.WARN);
        }
    }

    @Test
    void aPeerWithoutCredentialsLearnsNothingOfWhichPathsExist() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, withUsers())) {
            assertThat(deliverReq("127.0.0.1", gw.port(), "/no-such-vasp/").status()).isEqualTo(401);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/photo_contest/").status()).isEqualTo(401);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/no-such-vasp/", "Authorization", basic("mmsc:s3cret")).status()).isEqualTo(404);
        }
        // credentials per path only: an unknown path still asks for some path's credentials
        Path contest = Files.writeString(dir.resolve("contest-users"), "contest:other\n");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.path.photo_contest.auth-file", contest.toString()))) {
            assertThat(deliverReq("127.0.0.1", gw.port(), "/no-such-vasp/").status()).isEqualTo(401);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/no-such-vasp/", "Authorization", basic("contest:other")).status()).isEqualTo(404);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/ringtones/").status()).as("a path without credentials").isEqualTo(200);
        }
    }

    @Test
    void theFirstConfiguredPathThatMatchesServesTheRequestAsInMomentum() throws Exception {
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = RunningGateway.start(dir, Map.of(
                "mm7.server.vasp-uri-paths", "/mm7/, /mm7/special/, /other/special/, /other/", "mms.logger.heartbeat", "0"))) {
            assertThat(log.containing("/mm7/special/ is never reached")).hasSize(1);
            assertThat(log.containing("/other/special/ is never reached")).isEmpty();
            assertThat(deliverReq("127.0.0.1", gw.port(), "/mm7/special/x").status()).isEqualTo(200);
            assertThat(deliverReq("127.0.0.1", gw.port(), "/other/special/x").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(gw.mmsLog())
                    && Files.readString(gw.mmsLog()).lines().filter(l -> l.contains("@R@")).count() == 2);
            String log2 = Files.readString(gw.mmsLog());
            assertThat(log2).contains("@/mm7/@").contains("@/other/special/@").doesNotContain("@/mm7/special/@");
        }
    }

    // --- a client bound to a loopback address of its choice (java.net.http cannot choose one on Java 17)

    private static RawHttp.Answer deliverReq(String from, int port, String path, String... headers) {
        String[] lines = new String[headers.length / 2 + 1];
        lines[0] = "Connection: close";
        for (int i = 0; i + 1 < headers.length; i += 2) {
            lines[i / 2 + 1] = headers[i] + ": " + headers[i + 1];
        }
        try (RawHttp client = RawHttp.connect(from, port)) {
            return client.exchange(RawHttp.post(path, Samples.deliverReqContentType(), Samples.deliverReq(), lines), Duration.ofSeconds(20));
        }
    }

    private static RawHttp.Answer chunkedDeliverReq(String from, int port) {
        byte[] body = Samples.deliverReq();
        String head = "POST /photo_contest/ HTTP/1.1\r\nHost: gw\r\nConnection: close\r\nContent-Type: " + Samples.deliverReqContentType()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n";
        try (RawHttp client = RawHttp.connect(from, port)) {
            client.send(head).send(body);
            return client.exchange("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(20));
        }
    }

    private static boolean canBindFrom(String address) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
