package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.camelmm7.RunningGateway;
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
    void mmscOperationsPostedToAVaspPath() {
        HttpResponse<String> r = post("text/xml", Samples.envelope("sub-1", "<SubmitReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<SenderIdentification/><Recipients><To><Number>1</Number></To></Recipients></SubmitReq>"));
        assertFault(r, "Client", 4003);
        assertThat(r.body()).contains("SubmitReq is sent to an MMSC");
    }

    @Test
    void unsupportedVersion() {
        assertFault(post("text/xml", Samples.envelope("v9", "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>9.0.0</MM7Version><Sender><Number>1</Number></Sender></DeliverReq>")),
                "Client", 4002);
    }

    @Test
    void unusableAddress() {
        HttpResponse<String> r = post("text/xml", Samples.envelope("addr-1", "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<Sender><RFC2822Address>not an address at all</RFC2822Address></Sender></DeliverReq>"));
        assertFault(r, "Client", 2002);
    }
}
