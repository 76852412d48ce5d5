package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request-smuggling shapes over a raw socket, one request each, against the running gateway: where
 * two HTTP parsers could disagree on where a request ends (RFC 9112 §6, §11.2). Each is refused
 * with 400 (or 501 for a transfer coding it does not implement) or its connection closed; nothing
 * is spooled or logged as received; and the next request on a new connection is served.
 */
class SmugglingProbesTest {

    private static final String HEAD = "POST /photo_contest/ HTTP/1.1\r\nHost: gw\r\nContent-Type: " + Samples.deliverReqContentType() + "\r\n";

    static Path dir;
    static RunningGateway gw;

    @BeforeAll
    static void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("smuggling");
        gw = RunningGateway.start(dir, Map.of("mms.logger.heartbeat", "0"));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    /** The sample DeliverReq as one chunk, then the last chunk. */
    private static String chunkedBody() {
        String body = new String(Samples.deliverReq(), StandardCharsets.ISO_8859_1);
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    private static String plainBody() {
        return new String(Samples.deliverReq(), StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> probes() {
        String body = plainBody();
        int length = body.length();
        return Stream.of(
                Arguments.of("chunked not the last coding", HEAD + "Transfer-Encoding: chunked, xchunked\r\n\r\n" + chunkedBody()),
                Arguments.of("an unknown coding before chunked", HEAD + "Transfer-Encoding: xchunked, chunked\r\n\r\n" + chunkedBody()),
                Arguments.of("chunked beside a second Transfer-Encoding header", HEAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n" + chunkedBody()),
                Arguments.of("chunked twice", HEAD + "Transfer-Encoding: chunked, chunked\r\n\r\n" + chunkedBody()),
                Arguments.of("Transfer-Encoding folded onto a continuation line", HEAD + "Transfer-Encoding:\r\n chunked\r\n\r\n" + chunkedBody()),
                Arguments.of("a folded line after another field", HEAD + "X-Note: a\r\n Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n\r\n" + body),
                Arguments.of("a space before the colon", HEAD + "Transfer-Encoding : chunked\r\n\r\n" + chunkedBody()),
                Arguments.of("two Content-Lengths that differ", HEAD + "Content-Length: " + length + "\r\nContent-Length: " + (length - 10) + "\r\n\r\n" + body),
                Arguments.of("Content-Length with Transfer-Encoding", HEAD + "Content-Length: " + length + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody()),
                Arguments.of("a quoted CRLF in a chunk extension", HEAD + "Transfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(length) + ";a=\"\r\n\"\r\n" + body + "\r\n0\r\n\r\n"),
                Arguments.of("a quoted ';' in a chunk extension", HEAD + "Transfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(length) + ";a=\"x;y\r\n" + body + "\r\n0\r\n\r\n"),
                Arguments.of("a chunk size with +", HEAD + "Transfer-Encoding: chunked\r\n\r\n+" + Integer.toHexString(length) + "\r\n" + body + "\r\n0\r\n\r\n"),
                Arguments.of("a chunk size with 0x", HEAD + "Transfer-Encoding: chunked\r\n\r\n0x" + Integer.toHexString(length) + "\r\n" + body + "\r\n0\r\n\r\n"),
                Arguments.of("a chunk size with leading spaces", HEAD + "Transfer-Encoding: chunked\r\n\r\n  " + Integer.toHexString(length) + "\r\n" + body + "\r\n0\r\n\r\n"),
                Arguments.of("bare LF line endings in the head", HEAD.replace("\r\n", "\n") + "Content-Length: " + length + "\n\n" + body),
                Arguments.of("a NUL in a header", HEAD + "X-Note: a\0b\r\nContent-Length: " + length + "\r\n\r\n" + body),
                Arguments.of("a second request hidden in a body", hiddenRequest()));
    }

    /** A request whose body is, byte for byte, another DeliverReq request: the body is the first request's, never a request. */
    private static String hiddenRequest() {
        String inner = HEAD + "Content-Length: " + plainBody().length() + "\r\n\r\n" + plainBody();
        return "POST /photo_contest/ HTTP/1.1\r\nHost: gw\r\nContent-Type: text/xml\r\nContent-Length: " + inner.length() + "\r\n\r\n" + inner;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void isRefusedWithNothingSpooledAndTheNextRequestIsServed(String probe, String request) throws Exception {
        // the MMS log is written in 50 ms batches: the lines of the request before have landed
        Thread.sleep(200);
        int received = received();
        int accepted = accepted();
        try (RawHttp peer = RawHttp.connect(gw.port())) {
            RawHttp.Answer answer = peer.exchange(request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(5));
            if (probe.startsWith("a second request hidden")) {
                // one request, with a body that is no MM7 message: a fault, and no second answer
                assertThat(answer.status()).as(probe).isNotEqualTo(200).isNotEqualTo(-1);
                assertThat(peer.answer(Duration.ofSeconds(1)).status()).as(probe + ": a second answer").isEqualTo(-1);
            } else {
                // a precise status, never a silent close: 501 for a coding the gateway does not implement
                int expected = probe.equals("an unknown coding before chunked") ? 501 : 400;
                assertThat(answer.status()).as(probe + ": " + answer.text()).isEqualTo(expected);
                assertThat(peer.closedWithin(Duration.ofSeconds(5))).as(probe + ": connection closed").isTrue();
            }
        }
        Thread.sleep(200);
        if (probe.startsWith("a second request hidden")) {
            // the one request is logged with its fault, never as accepted
            assertThat(received()).as(probe + ": one request received").isEqualTo(received + 1);
            assertThat(accepted()).as(probe + ": nothing accepted").isEqualTo(accepted);
        } else {
            assertThat(received()).as(probe + ": nothing received").isEqualTo(received);
        }
        assertThat(RunningGateway.files(gw.spool())).as(probe + ": nothing spooled").isEmpty();
        try (RawHttp next = RawHttp.connect(gw.port())) {
            RawHttp.Answer served = next.exchange(RawHttp.post("/ringtones/", "text/xml",
                    Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(10));
            assertThat(served.status()).as(probe + ": the next request").isEqualTo(200);
        }
    }

    /**
     * The strict reading must not refuse honest requests that arrive in pieces: a head whose empty
     * line comes in a later segment, with a body that has lines beginning with whitespace and
     * control bytes; a head byte by byte; a chunked body in small pieces.
     */
    @org.junit.jupiter.api.Test
    void honestRequestsInPiecesAreServed() throws Exception {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        String body = "--b\r\nContent-Type: text/xml;\r\n\tcharset=utf-8\r\nContent-ID: <soap>\r\n\r\n"
                + Samples.envelope("pieces", Samples.deliverBody("cid:mm")) + "\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                + "Content-ID: <mm>\r\n\r\n" + new String(binary, StandardCharsets.ISO_8859_1) + "\r\n--b--\r\n";
        String head = "POST /photo_contest/ HTTP/1.1\r\nHost: gw\r\nContent-Type: multipart/related; boundary=b; type=\"text/xml\"; start=\"<soap>\"\r\n"
                + "Content-Length: " + body.length() + "\r\n";
        try (RawHttp peer = RawHttp.connect(gw.port())) {
            peer.send(head.getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(300);
            RawHttp.Answer answer = peer.exchange(("\r\n" + body).getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
            assertThat(answer.text()).as("empty line in a later segment").contains("<StatusCode>1000</StatusCode>");
        }
        try (RawHttp peer = RawHttp.connect(gw.port())) {
            for (byte b : (head + "\r\n").getBytes(StandardCharsets.ISO_8859_1)) {
                peer.send(new byte[] {b});
            }
            RawHttp.Answer answer = peer.exchange(body.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
            assertThat(answer.text()).as("head byte by byte").contains("<StatusCode>1000</StatusCode>");
        }
        byte[] chunked = (HEAD + "Transfer-Encoding: chunked\r\n\r\n" + chunkedBody()).getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttp peer = RawHttp.connect(gw.port())) {
            for (int i = 0; i < chunked.length; i += 37) {
                peer.send(java.util.Arrays.copyOfRange(chunked, i, Math.min(chunked.length, i + 37)));
                if (i % 3700 == 0) {
                    Thread.sleep(2);
                }
            }
            assertThat(peer.answer(Duration.ofSeconds(10)).text()).as("chunked in pieces").contains("<StatusCode>1000</StatusCode>");
        }
    }

    /** R lines of requests to /photo_contest/ (delivery reports posted after each probe are R lines too, on /ringtones/). */
    private static int received() throws Exception {
        return receptions().size();
    }

    /** Those answered 1000. */
    private static int accepted() throws Exception {
        return (int) receptions().stream().filter(r -> r[10].equals("1000")).count();
    }

    private static List<String[]> receptions() throws Exception {
        Path log = gw.mmsLog();
        if (!java.nio.file.Files.exists(log)) {
            return List.of();
        }
        return MmsLogRoutesTest.records(log, "R").stream().filter(r -> String.join("@", r).contains("/photo_contest/")).toList();
    }
}
