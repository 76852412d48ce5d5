package org.camelmm7.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import org.camelmm7.RawHttp;
import org.camelmm7.support.BufferBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener's body reader on a real socket: a body with a Content-Length is read into one array
 * of that size, which the MM7 reader then gets without a copy; what it does not take (chunked,
 * over the limit) Vert.x's reader does; a body cut short never reaches the route.
 */
class DeclaredLengthBodyTest {

    private static final long LIMIT = 4_000_000;

    private Vertx vertx;
    private HttpServer server;
    private int port;
    private final AtomicReference<Buffer> received = new AtomicReference<>();
    private final AtomicInteger routed = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/mm7/").handler(new DeclaredLengthBody(LIMIT)).handler(ctx -> {
            routed.incrementAndGet();
            received.set(ctx.body().buffer());
            ctx.response().end("read " + ctx.body().length());
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static byte[] body(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void aDeclaredBodyIsOneArrayOfItsSizeHandedOnWithoutACopy() {
        byte[] sent = body(3_000_000);
        try (RawHttp peer = RawHttp.connect(port)) {
            RawHttp.Answer answer = peer.exchange(RawHttp.post("/mm7/", "text/xml", sent), Duration.ofSeconds(10));
            assertThat(answer.status()).isEqualTo(200);
        }
        byte[] bytes = BufferBytes.of(received.get());
        assertThat(bytes).isSameAs(BufferBytes.of(received.get())).hasSize(sent.length).isEqualTo(sent);
    }

    @Test
    void aPeerThatAsksToContinueIsAnsweredOneHundredThenReadTheSameWay() {
        byte[] sent = body(1_500_000);
        try (RawHttp peer = RawHttp.connect(port)) {
            byte[] request = RawHttp.post("/mm7/", "text/xml", sent, "Expect: 100-continue");
            int headEnd = new String(request, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
            peer.send(Arrays.copyOf(request, headEnd));
            // (an interim answer has no length: read until the wait ends)
            assertThat(peer.answer(Duration.ofSeconds(2)).status()).isEqualTo(100);
            peer.send(Arrays.copyOfRange(request, headEnd, request.length));
            assertThat(peer.answer(Duration.ofSeconds(10)).status()).isEqualTo(200);
        }
        assertThat(BufferBytes.of(received.get())).isSameAs(BufferBytes.of(received.get())).isEqualTo(sent);
    }

    @Test
    void aChunkedBodyIsReadByVertxsReaderWhole() {
        byte[] sent = body(200_000);
        String head = "POST /mm7/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (RawHttp peer = RawHttp.connect(port)) {
            peer.send(head);
            for (int at = 0; at < sent.length; at += 65_536) {
                int n = Math.min(65_536, sent.length - at);
                peer.send(Integer.toHexString(n) + "\r\n").send(Arrays.copyOfRange(sent, at, at + n)).send("\r\n");
            }
            peer.send("0\r\n\r\n");
            assertThat(peer.answer(Duration.ofSeconds(10)).status()).isEqualTo(200);
        }
        assertThat(BufferBytes.of(received.get())).isEqualTo(sent);
    }

    @Test
    void aBodyOverTheLimitIsRefused413AndNeverRouted() {
        try (RawHttp peer = RawHttp.connect(port)) {
            RawHttp.Answer answer = peer.exchange(RawHttp.post("/mm7/", "text/xml", body((int) LIMIT + 1)), Duration.ofSeconds(10));
            assertThat(answer.status()).isEqualTo(413);
        }
        assertThat(routed).hasValue(0);
    }

    @Test
    void aBodyCutShortNeverReachesTheRoute() throws Exception {
        byte[] request = RawHttp.post("/mm7/", "text/xml", body(100_000));
        try (RawHttp peer = RawHttp.connect(port)) {
            peer.send(Arrays.copyOf(request, request.length - 1000));
            Thread.sleep(300);
        }
        // a complete request on a new connection is routed: the server kept serving
        try (RawHttp peer = RawHttp.connect(port)) {
            assertThat(peer.exchange(RawHttp.post("/mm7/", "text/xml", body(10)), Duration.ofSeconds(5)).status()).isEqualTo(200);
        }
        assertThat(routed).hasValue(1);
        assertThat(received.get().length()).isEqualTo(10);
    }
}
