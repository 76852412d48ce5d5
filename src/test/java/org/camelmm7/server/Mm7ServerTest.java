package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VASP endpoint over real HTTP: answers, faults and HTTP semantics, with the default file outbox. */
class Mm7ServerTest {

    @TempDir
    static Path dir;
    static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String mailFor(String transactionId) throws IOException {
        for (Path p : RunningGateway.files(gateway.outbox())) {
            String s = Files.readString(p, StandardCharsets.ISO_8859_1);
            if (s.contains("X-MM7-TransactionID: " + transactionId + "\r\n")) {
                return s;
            }
        }
        return null;
    }

    @Test
    void aDeliverReqIsAnsweredAndBecomesAnEmlInTheOutbox() throws Exception {
        HttpResponse<String> r = gateway.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml; charset=\"utf-8\"");
        // a length, not chunks: older MMSCs cannot read a chunked answer (Momentum's disable_chunked)
        assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(r.body()).contains("<DeliverRsp xmlns=\"" + Samples.NS6 + "\">", "<StatusCode>1000</StatusCode>",
                ">vasp-deliver-0001</mm7:TransactionID>", "<MM7Version>6.8.0</MM7Version>");
        await().atMost(Duration.ofSeconds(10)).until(() -> mailFor("vasp-deliver-0001") != null);
        assertThat(mailFor("vasp-deliver-0001")).contains("X-MM7-VASP-Path: /photo_contest/", "Subject: Entry for the photo contest");
    }

    @Test
    void answersGoOutWithTheirLengthAndHeaderNamesAsPlatformHttpWritesThemOnAKeptConnection() {
        byte[] body = Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8);
        try (RawHttp peer = RawHttp.connect(gateway.port())) {
            for (int i = 0; i < 2; i++) {
                RawHttp.Answer a = peer.exchange(RawHttp.post("/photo_contest/", "text/xml", body), Duration.ofSeconds(10));
                assertThat(a.status()).isEqualTo(200);
                // spelled as before the answer was written by the gateway itself: some MMSCs compare header names exactly
                assertThat(a.text()).contains("\r\nContent-Type: text/xml; charset=\"utf-8\"\r\n",
                        "\r\nContent-Length: " + a.body().getBytes(StandardCharsets.UTF_8).length + "\r\n");
                assertThat(a.text().toLowerCase()).doesNotContain("transfer-encoding");
                assertThat(a.body()).contains("<DeliveryReportRsp", "<StatusCode>1000</StatusCode>");
                assertThat(a.body().strip()).endsWith("</env:Envelope>");
            }
        }
    }

    @Test
    void pathsArePrefixMatchedAndOthersAre404() {
        String tx = "prefix-1";
        byte[] body = Samples.envelope(tx, Samples.deliverBody(null)).getBytes(StandardCharsets.UTF_8);
        assertThat(gateway.post("/ringtones/sub/path", "text/xml", body).statusCode()).isEqualTo(200);
        assertThat(gateway.post("/email_gateway/", "text/xml", body).statusCode()).isEqualTo(200);
        assertThat(gateway.post("/not-configured/", "text/xml", body).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyPostIsAllowed() {
        HttpResponse<String> r = RunningGateway.send(HttpRequest.newBuilder(gateway.uri("/ringtones/")).GET().build());
        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void requestWithoutVersionIsAnsweredWithTheServerVersion() {
        String soap = Samples.envelope("nov-1", "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><Sender><Number>1</Number></Sender></DeliverReq>");
        HttpResponse<String> r = gateway.post("/ringtones/", "text/xml", soap.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<MM7Version>6.8.0</MM7Version>");
    }

    @Test
    void theAnswerIsInTheRequestNamespaceAndVersion() {
        String ns = "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-5-MM7-1-2";
        String soap = Samples.envelope("ns-1", "<DeliverReq xmlns=\"" + ns + "\"><MM7Version>5.3.0</MM7Version><Sender><Number>1</Number></Sender></DeliverReq>");
        HttpResponse<String> r = gateway.post("/ringtones/", "text/xml", soap.getBytes(StandardCharsets.UTF_8));
        assertThat(r.body()).contains("<DeliverRsp xmlns=\"" + ns + "\">", "<MM7Version>5.3.0</MM7Version>");
    }

    @Test
    void deliveryReportsAndReadRepliesAreAnsweredAndHandedToTheirRoutes() {
        NotifyBuilder reports = new NotifyBuilder(gateway.context()).wereSentTo("direct://mm7-delivery-report").whenDone(1).create();
        HttpResponse<String> dr = gateway.post("/ringtones/", "text/xml", Samples.deliveryReport("Rejected").getBytes(StandardCharsets.UTF_8));
        assertThat(dr.statusCode()).isEqualTo(200);
        assertThat(dr.body()).contains("<DeliveryReportRsp xmlns=", "<StatusCode>1000</StatusCode>", ">dr-1</mm7:TransactionID>");
        assertThat(reports.matches(5, TimeUnit.SECONDS)).isTrue();

        NotifyBuilder replies = new NotifyBuilder(gateway.context()).wereSentTo("direct://mm7-read-reply").whenDone(1).create();
        String rr = Samples.envelope("rr-1", "<ReadReplyReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<MessageID>m-1</MessageID><Recipient><Number>1</Number></Recipient><Sender><Number>2</Number></Sender>"
                + "<TimeStamp>2026-11-25T10:00:00Z</TimeStamp><MMStatus>Read</MMStatus></ReadReplyReq>");
        HttpResponse<String> rrr = gateway.post("/ringtones/", "text/xml", rr.getBytes(StandardCharsets.UTF_8));
        assertThat(rrr.statusCode()).isEqualTo(200);
        assertThat(rrr.body()).contains("<ReadReplyRsp xmlns=", "<StatusCode>1000</StatusCode>", ">rr-1</mm7:TransactionID>");
        assertThat(replies.matches(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void responsesDoNotEchoRequestHeaders() {
        HttpResponse<String> r = gateway.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8),
                "X-Secret-Header", "do-not-echo", "SOAPAction", "\"\"");
        assertThat(r.headers().firstValue("X-Secret-Header")).isEmpty();
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("mm7") || h.toLowerCase().startsWith("camel"));
    }
}
