package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.camelmm7.CapturedLog;
import org.camelmm7.RunningGateway;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets HTTP 500 with a SOAP Fault holding VASPErrorRsp, nothing reaches the spool, and the gateway keeps serving. */
class Mm7FaultsTest {

    @TempDir
    static Path dir;
    static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(dir, Map.of("mm7.mail.uri", "file:" + dir.resolve("outbox")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void nothingWasSpooledAndTheGatewayStillServes() throws Exception {
        assertThat(RunningGateway.files(gateway.spool())).isEmpty();
        assertThat(RunningGateway.files(gateway.outbox())).isEmpty();
        HttpResponse<String> ok = gateway.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(String contentType, String body) {
        return gateway.post("/ringtones/", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertFault(HttpResponse<String> r, String faultCode, int status) {
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml; charset=\"utf-8\"");
        assertThat(r.body()).contains("<faultcode>env:" + faultCode + "</faultcode>", "<VASPErrorRsp xmlns=",
                "<StatusCode>" + status + "</StatusCode>");
        assertThat(r.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void malformedMime() {
        assertFault(post("multipart/related; boundary=nothere", "garbage without a delimiter"), "Client", 4004);
    }

    @Test
    void illFormedXml() {
        assertFault(post("text/xml", "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><Deliver"), "Client", 4004);
    }

    @Test
    void emptyBody() {
        assertFault(post("text/xml", ""), "Client", 4004);
    }

    @Test
    void missingMandatoryElementEchoesTheTransactionId() {
        HttpResponse<String> r = post("text/xml", Samples.envelope("no-sender", "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version></DeliverReq>"));
        assertFault(r, "Client", 4004);
        assertThat(r.body()).contains(">no-sender</mm7:TransactionID>", "<Details>missing mandatory element Sender in DeliverReq</Details>");
    }

    @Test
    void everyMissingMandatoryElementIsNamed() {
        HttpResponse<String> r = post("text/xml", Samples.envelope("no-much", "<DeliveryReportReq xmlns=\"" + Samples.NS6 + "\">"
                + "<MM7Version>6.8.0</MM7Version><MMStatus>Retrieved</MMStatus></DeliveryReportReq>"));
        assertFault(r, "Client", 4004);
        assertThat(r.body()).contains("<Details>missing mandatory elements MessageID, Recipient, Sender in DeliveryReportReq</Details>");
    }

    @Test
    void badValue() {
        assertFault(post("text/xml", Samples.deliveryReport("Vanished")), "Client", 2007);
    }

    @Test
    void unknownOperation() {
        HttpResponse<String> r = post("text/xml", Samples.envelope("unk-1", "<GetDeviceProfileReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version></GetDeviceProfileReq>"));
        assertFault(r, "Client", 4003);
        assertThat(r.body()).contains(">unk-1</mm7:TransactionID>");
    }

    @Test
    void mmscOperationsPostedToAVaspPath() throws Exception {
        HttpResponse<String> r = post("text/xml", Samples.envelope("sub-1", "<SubmitReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<SenderIdentification><SenderAddress><ShortCode>28444</ShortCode></SenderAddress></SenderIdentification>"
                + "<Recipients><To><Number>1</Number></To></Recipients></SubmitReq>"));
        assertFault(r, "Client", 4003);
        assertThat(r.body()).contains("SubmitReq is sent to an MMSC");
        // its R line names the SenderAddress as the source
        await().atMost(Duration.ofSeconds(5)).until(() -> rLineOf("sub-1") != null);
        assertThat(rLineOf("sub-1")[3]).isEqualTo("28444");
    }

    private static String[] rLineOf(String transactionId) throws Exception {
        return MmsLogRoutesTest.records(gateway.mmsLog(), "R").stream().filter(f -> f[f.length - 1].equals("\"" + transactionId + "\""))
                .findFirst().orElse(null);
    }

    @Test
    void unsupportedVersion() {
        assertFault(post("text/xml", Samples.envelope("v9", "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>9.0.0</MM7Version><Sender><Number>1</Number></Sender></DeliverReq>")),
                "Client", 4002);
    }

    /** A DeliverReq whose content part is {@code content} under {@code contentHeaders}. */
    private static HttpResponse<String> deliverWithContent(String tx, String contentHeaders, String content) {
        byte[] body = Samples.swa("b1", "Content-Type: text/xml; charset=utf-8\nContent-ID: <soap>",
                Samples.envelope(tx, Samples.deliverBody("cid:mm")), "Content-ID: <mm>\n" + contentHeaders, content, "\r\n");
        return gateway.post("/ringtones/", "multipart/related; boundary=\"b1\"; type=\"text/xml\"; start=\"<soap>\"", body);
    }

    @Test
    void contentThatCannotBeDecodedIsTheClientsError() {
        // bad base64 in an attachment, in a text part, and text in a charset nobody knows (or that cannot be a name)
        assertFault(deliverWithContent("b64-1", "Content-Type: image/jpeg\nContent-Transfer-Encoding: base64", "/9j/4AAQ!!!!====####\u00ff"),
                "Client", 4004);
        assertFault(deliverWithContent("b64-2", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64", "SGVsbG8*#!@"),
                "Client", 4004);
        assertFault(deliverWithContent("cs-1", "Content-Type: text/plain; charset=x-no-such-charset", "hello"), "Client", 4004);
        HttpResponse<String> illegalName = deliverWithContent("cs-2", "Content-Type: text/plain; charset=\"utf 8?\"", "hello");
        assertFault(illegalName, "Client", 4004);
        assertThat(illegalName.body()).contains(">cs-2</mm7:TransactionID>", "cannot be decoded");
    }

    @Test
    void deepNestingIsRefusedEarlyWithOneLine() {
        StringBuilder nested = new StringBuilder();
        int depth = 3000;
        for (int i = 0; i < depth; i++) {
            nested.append("--n").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"n").append(i + 1).append("\"\r\n\r\n");
        }
        nested.append("--n").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nhi\r\n--n").append(depth).append("--");
        for (int i = depth - 1; i >= 0; i--) {
            nested.append("\r\n--n").append(i).append("--");
        }
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            xml.append("<a>");
        }
        try (CapturedLog log = CapturedLog.start()) {
            assertFault(deliverWithContent("deep-mime", "Content-Type: multipart/mixed; boundary=\"n0\"", nested.toString()), "Client", 4004);
            assertFault(post("text/xml", Samples.envelope("deep-xml", xml.toString())), "Client", 4004);
            assertThat(log.lines()).hasSize(2).allSatisfy(l -> assertThat(l.hasThrowable()).isFalse());
        }
    }

    @Test
    void structureOverTheLimitsIsRefusedWithOneLine() {
        // 100,000 tiny parts (refused at the 1,001st), a 300 KB SOAP envelope, a part with 70 KB of header fields
        String manyParts = "--p\r\n\r\nx\r\n".repeat(100_000) + "--p--";
        String bigSoap = Samples.envelope("big-soap", Samples.deliverBody("cid:mm").replace("<MM7Version>",
                "<!--" + "x".repeat(300_000) + "--><MM7Version>"));
        String bigHeaders = "Content-Type: text/plain\nX-Filler: " + "f".repeat(70_000);
        try (CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> parts = deliverWithContent("many-parts", "Content-Type: multipart/mixed; boundary=p", manyParts);
            assertFault(parts, "Client", 4004);
            assertThat(parts.body()).contains("more than 1000 MIME parts");
            HttpResponse<String> soap = post("text/xml", bigSoap);
            assertFault(soap, "Client", 4004);
            assertThat(soap.body()).contains("over the limit of 262144");
            HttpResponse<String> headers = deliverWithContent("big-headers", bigHeaders, "hello");
            assertFault(headers, "Client", 4004);
            assertThat(headers.body()).contains("header fields longer than 65536 bytes");
            assertThat(log.lines()).hasSize(3).allSatisfy(l -> assertThat(l.hasThrowable()).isFalse());
        }
    }

    @Test
    void peerTextCannotForgeALogLine() {
        try (CapturedLog log = CapturedLog.start()) {
            HttpResponse<String> r = post("text/xml", Samples.envelope("tx&#13;&#10;12:00:00.000 ERROR forged line",
                    "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version></DeliverReq>"));
            assertFault(r, "Client", 4004);
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0).message()).contains("tx\\r\\n12:00:00.000 ERROR forged line").doesNotContain("\r", "\n");
        }
    }

    @Test
    void unusableAddress() {
        HttpResponse<String> r = post("text/xml", Samples.envelope("addr-1", "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<Sender><RFC2822Address>not an address at all</RFC2822Address></Sender></DeliverReq>"));
        assertFault(r, "Client", 2002);
    }
}
