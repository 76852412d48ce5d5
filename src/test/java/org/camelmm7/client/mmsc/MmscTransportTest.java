package org.camelmm7.client.mmsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.camelmm7.LoopbackMail;
import org.camelmm7.RunningGateway;
import org.camelmm7.TestCertificates.Issued;
import org.camelmm7.TestCertificates;
import org.camelmm7.client.RecordingMmsc;
import org.camelmm7.client.StrictSubmitReq;
import org.camelmm7.client.TestMails;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Samples;
import org.camelmm7.simulator.MmscSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MM7 client's transport: Camel CXF in RAW mode posting the SubmitReq as written, over a
 * recording socket (the wire as it is) and over TLS with a client certificate to the simulated
 * MMSC behind the gateway's own TLS socket; Digest towards an MMSC that asks for it.
 */
class MmscTransportTest {

    @TempDir
    Path dir;

    private RunningGateway start(int port, String url, String... more) {
        Map<String, String> props = new HashMap<>(Map.of(
                "mm7.client.domains", "mmsc1",
                "mm7.client.domain.mmsc1.mail-domain", "mms.example.com",
                "mm7.client.domain.mmsc1.url", url,
                "mm7.client.retry.initial-delay", "100",
                "mm7.client.retry.maximum-redeliveries", "1",
                "mm7.client.report-host", "gw.test",
                "mms.logger.heartbeat", "0"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return RunningGateway.start(dir, port, props);
    }

    private void pickUp(String name, String to) throws Exception {
        pickUp(name, to, "Look!");
    }

    private void pickUp(String name, String to, String text) throws Exception {
        MimeMessage m = new MimeMessage(TestMails.SESSION);
        m.setFrom("ann@example.org");
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject("Photo");
        m.setContent(TestMails.textAndPhoto(text, "UTF-8"));
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        Files.createDirectories(dir.resolve("pickup"));
        Files.move(Files.write(dir.resolve("pickup/." + name), out.toByteArray()), dir.resolve("pickup/" + name + ".eml"));
    }

    private static String submitRsp(RecordingMmsc.Request request, int status) {
        return RecordingMmsc.submitRsp(request, status);
    }

    @Test
    void theBytesAndContentTypeGiveToTheEndpointLeaveUnchangedWithAContentLength() throws Exception {
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> submitRsp(r, 1000));
             RunningGateway gw = start(RunningGateway.freePort(), "http://127.0.0.1:" + mmsc.port() + "/mm7/vasp")) {
            byte[] bytes = Samples.deliverReq();
            String contentType = Samples.deliverReqContentType();
            Exchange answer = gw.context().createProducerTemplate().request("cxf:bean:mmsc-mmsc1", e -> {
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
                e.getMessage().setHeader("SOAPAction", "\"\"");
                e.getMessage().setBody(bytes);
            });
            assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
            RecordingMmsc.Request sent = mmsc.requests().get(0);
            assertThat(sent.requestLine()).isEqualTo("POST /mm7/vasp HTTP/1.1");
            assertThat(sent.body()).isEqualTo(bytes);
            assertThat(sent.header("Content-Type")).isEqualTo(contentType);
            assertThat(sent.header("Content-Length")).isEqualTo(Integer.toString(bytes.length));
            assertThat(sent.chunked()).isFalse();
            assertThat(sent.header("SOAPAction")).isEqualTo("\"\"");
            assertThat(sent.headers()).doesNotContainKeys("upgrade", "http2-settings", "transfer-encoding");
        }
    }

    @Test
    void aPickedUpMailIsSubmittedWithOnlyTheHeadersMmscsExpect() throws Exception {
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> submitRsp(r, 1000));
             RunningGateway gw = start(RunningGateway.freePort(), "http://127.0.0.1:" + mmsc.port() + "/mm7",
                     "mm7.client.domain.mmsc1.basic-auth", "vasp:pa55")) {
            pickUp("mail-1", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            RecordingMmsc.Request sent = mmsc.requests().get(0);
            StrictSubmitReq.validate(new Mm7HttpBody(sent.header("Content-Type"), sent.body()));
            assertThat(sent.header("Content-Length")).isEqualTo(Integer.toString(sent.body().length));
            assertThat(sent.header("Authorization")).isEqualTo("Basic dmFzcDpwYTU1");
            // nothing of the gateway's own exchange headers goes out
            assertThat(sent.headerNames()).allSatisfy(h -> assertThat(h.toLowerCase()).isIn("content-type", "soapaction", "authorization",
                    "accept", "user-agent", "cache-control", "pragma", "host", "connection", "content-length"));
            System.out.println("MM7 client request head: " + sent.requestLine() + " " + sent.headerNames());
        }
    }

    /** Momentum's mm7 client without mm7_serv: no MM7 port is open, and a picked-up mail still reaches the MMSC with its D record. */
    @Test
    void aGatewayWithoutTheServerOpensNoMm7PortAndStillSubmits() throws Exception {
        int port = RunningGateway.freePort();
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> submitRsp(r, 1000));
             RunningGateway gw = start(port, "http://127.0.0.1:" + mmsc.port() + "/mm7", "mm7.server.enabled", "false")) {
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(java.net.ConnectException.class);
            assertThat(gw.context().getRoutes()).noneMatch(r -> r.getRouteId().startsWith("receive-mm7-on-"));
            pickUp("mail-1", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            assertThat(mmsc.requests()).hasSize(1);
            // the management port runs as before
            assertThat(RunningGateway.send(java.net.http.HttpRequest.newBuilder(gw.managementUri("/observe/health")).build()).statusCode())
                    .isEqualTo(200);
        }
    }

    /**
     * A mail consumer that maps mail headers to message headers (IMAP here) hands the sender's
     * headers to the route: none reaches the MMSC, and none chooses the CXF operation
     * (CVE-2026-46592: camel-cxf 4.18.0 reads operationName / operationNamespace from any header).
     */
    @Test
    void theHeadersOfAMailFromAMailboxNeitherReachTheMmscNorChooseTheOperation() throws Exception {
        int imapPort = RunningGateway.freePort();
        GreenMail mailbox = new GreenMail(LoopbackMail.setup(imapPort, "imap"));
        mailbox.start();
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> submitRsp(r, 1000))) {
            MimeMessage m = new MimeMessage(TestMails.SESSION);
            m.setFrom("ann@example.org");
            m.setRecipients(Message.RecipientType.TO, "15551234567@mms.example.com");
            m.setSubject("Photo");
            m.setContent(TestMails.textAndPhoto("Look!", "UTF-8"));
            m.setHeader("operationName", "CancelReq");
            m.setHeader("operationNamespace", "http://example.org/elsewhere");
            m.setHeader("SOAPAction", "\"urn:cancel\"");
            m.setHeader("X-Forward-To", "evil");
            m.saveChanges();
            mailbox.setUser("mms@gw.test", "mms", "secret").deliver(m);
            try (RunningGateway gw = start(RunningGateway.freePort(), "http://127.0.0.1:" + mmsc.port() + "/mm7",
                    "mm7.client.from-uri", "imap://mms@127.0.0.1:" + imapPort + "?password=secret&delete=true&initialDelay=100&delay=500")) {
                await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
                RecordingMmsc.Request sent = mmsc.requests().get(0);
                StrictSubmitReq.validate(new Mm7HttpBody(sent.header("Content-Type"), sent.body()));
                assertThat(sent.header("SOAPAction")).isEqualTo("\"\"");
                assertThat(sent.headerNames()).allSatisfy(h -> assertThat(h.toLowerCase()).isIn("content-type", "soapaction",
                        "accept", "user-agent", "cache-control", "pragma", "host", "connection", "content-length"));
            }
        } finally {
            mailbox.stop();
        }
    }

    @Test
    void requestsAreChunkedWhenTheDomainAllowsIt() throws Exception {
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> submitRsp(r, 1000));
             RunningGateway gw = start(RunningGateway.freePort(), "http://127.0.0.1:" + mmsc.port() + "/mm7",
                     "mm7.client.domain.mmsc1.disable-chunked", "false")) {
            // above CXF's chunking threshold (4 KB); below it CXF sends a Content-Length all the same
            pickUp("mail-1", "15551234567@mms.example.com", "Look! ".repeat(2000));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            RecordingMmsc.Request sent = mmsc.requests().get(0);
            assertThat(sent.chunked()).isTrue();
            assertThat(sent.headers()).doesNotContainKeys("upgrade", "http2-settings");
            StrictSubmitReq.validate(new Mm7HttpBody(sent.header("Content-Type"), sent.body()));
        }
    }

    @Test
    void anMmscAskingForDigestGetsTheStrongestAlgorithmItOffersAndLaterRequestsCarryItAtOnce() throws Exception {
        AtomicInteger nonces = new AtomicInteger();
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> RecordingMmsc.digestMmsc(r, nonces));
             RunningGateway gw = start(RunningGateway.freePort(), "http://127.0.0.1:" + mmsc.port() + "/mm7",
                     "mm7.client.domain.mmsc1.digest-auth", "vasp:pa55")) {
            pickUp("mail-1", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.records(gw.mmsLog(), "D").size() == 1);
            pickUp("mail-2", "15551234568@mms.example.com");
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.records(gw.mmsLog(), "D").size() == 2);
            List<RecordingMmsc.Request> sent = mmsc.requests();
            // challenged once, answered with SHA-256; the second mail went with the same nonce and the next count
            assertThat(sent).hasSize(3);
            assertThat(sent.get(0).header("Authorization")).isNull();
            assertThat(sent.get(1).header("Authorization")).contains("algorithm=SHA-256", "nc=00000001", "qop=auth");
            assertThat(sent.get(2).header("Authorization")).contains("algorithm=SHA-256", "nc=00000002");
            assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T")).isEmpty();
        }
    }

    @Test
    void theSimulatedMmscOverTlsWithARequiredClientCertificate() throws Exception {
        Issued ca = TestCertificates.authority("Test CA");
        TestCertificates.Pem server = TestCertificates.issue(ca, "CN=gateway.test", "127.0.0.1").writePem(dir, "server");
        TestCertificates.Pem client = TestCertificates.issue(ca, "CN=vasp.test", "vasp.test").writePem(dir, "client");
        Path caFile = ca.writePem(dir, "ca").certificate();
        int port = RunningGateway.freePort();
        int tlsPort = RunningGateway.freePort();
        String[] tls = concat(simulatorBehindTls(port, tlsPort, server, caFile),
                "mm7.server.tls.verify-mode", "require", "mm7.server.tls.client-ca", caFile.toString());
        try (RunningGateway gw = start(port, "https://127.0.0.1:" + tlsPort + "/mmsc/", concat(tls,
                "mm7.client.domain.mmsc1.tls.certificate", client.certificate().toString(),
                "mm7.client.domain.mmsc1.tls.key", client.key().toString()))) {
            pickUp("mail-1", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            StrictSubmitReq.validateAll(simulator(gw).receivedBodies());
            assertThat(simulator(gw).received()).hasSize(1);
        }
        // the same from keystores: our certificate in PKCS#12, the trust store too
        Path keystore = TestCertificates.issue(ca, "CN=vasp.test", "vasp.test").writePkcs12(dir.resolve("client.p12"), "secret");
        Path truststore = ca.writePkcs12TrustStore(dir.resolve("trust.p12"), "trust");
        String[] fromKeystores = concat(tls, "mm7.client.domain.mmsc1.tls.trust-store", truststore.toString(),
                "mm7.client.domain.mmsc1.tls.trust-store-password", "trust",
                "mm7.client.domain.mmsc1.tls.keystore", keystore.toString(), "mm7.client.domain.mmsc1.tls.keystore-password", "secret");
        try (RunningGateway gw = start(port, "https://127.0.0.1:" + tlsPort + "/mmsc/", fromKeystores)) {
            pickUp("mail-k", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(15)).until(() -> simulator(gw).received().size() == 1);
        }
        // without our certificate the MMSC refuses the handshake: a temporary failure, retried, then given up
        try (RunningGateway gw = start(port, "https://127.0.0.1:" + tlsPort + "/mmsc/", tls)) {
            pickUp("mail-2", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T")).isNotEmpty();
            assertThat(simulator(gw).received()).isEmpty();
        }
    }

    @Test
    void theMmscsHostNameIsCheckedAgainstItsCertificateUnlessTurnedOff() throws Exception {
        Issued ca = TestCertificates.authority("Test CA");
        TestCertificates.Pem server = TestCertificates.issue(ca, "CN=elsewhere.test", "elsewhere.test").writePem(dir, "server");
        Path caFile = ca.writePem(dir, "ca").certificate();
        int port = RunningGateway.freePort();
        int tlsPort = RunningGateway.freePort();
        String[] tls = simulatorBehindTls(port, tlsPort, server, caFile);
        try (RunningGateway gw = start(port, "https://127.0.0.1:" + tlsPort + "/mmsc/", tls)) {
            pickUp("mail-1", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            assertThat(simulator(gw).received()).isEmpty();
        }
        try (RunningGateway gw = start(port, "https://127.0.0.1:" + tlsPort + "/mmsc/", concat(tls, "mm7.client.domain.mmsc1.tls.verify-hostname", "false"))) {
            pickUp("mail-2", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(15)).until(() -> simulator(gw).received().size() == 1);
        }
    }

    /** The simulated MMSC on the gateway's own TLS socket, and the MM7 domain trusting its CA. */
    private static String[] simulatorBehindTls(int port, int tlsPort, TestCertificates.Pem server, Path caFile) {
        return new String[] {"mm7.simulator.enabled", "true", "mm7.simulator.statuses", "1000", "mm7.simulator.delivery-report-status", "",
                "mm7.server.listen", "127.0.0.1:" + port + ", 127.0.0.1:" + tlsPort + " tls",
                "mm7.server.tls.certificate", server.certificate().toString(), "mm7.server.tls.key", server.key().toString(),
                "mm7.client.domain.mmsc1.tls.trust-store", caFile.toString()};
    }

    private static MmscSimulator simulator(RunningGateway gw) {
        return gw.context().getRegistry().lookupByNameAndType("mmscSimulator", MmscSimulator.class);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
