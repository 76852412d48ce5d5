package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

import org.camelmm7.CapturedLog;
import org.camelmm7.RunningGateway;
import org.camelmm7.TestCertificates;
import org.camelmm7.TestCertificates.Issued;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's TLS sockets (use_ssl, tls_*), over real handshakes on loopback, the JDK client as the MMSC. */
class TlsListenerTest {

    private static final byte[] REPORT = Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Issued ca;
    private Issued otherCa;
    private TestCertificates.Pem serverPem;
    private int plainPort;
    private int tlsPort;

    @BeforeEach
    void certificates() {
        ca = TestCertificates.authority("Test Operator CA");
        otherCa = TestCertificates.authority("Somebody Else CA");
        serverPem = TestCertificates.issue(ca, "CN=gateway.test", "localhost", "127.0.0.1", "::1").writePem(dir, "server");
        plainPort = RunningGateway.freePort();
        tlsPort = RunningGateway.freePort();
    }

    private Map<String, String> tls(String... more) {
        Map<String, String> p = new HashMap<>();
        p.put("mm7.server.listen", "127.0.0.1:" + plainPort + ", 127.0.0.1:" + tlsPort + " tls");
        p.put("mm7.server.tls.certificate", serverPem.certificate().toString());
        p.put("mm7.server.tls.key", serverPem.key().toString());
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    private Map<String, String> clientCertificates(String mode, String... more) {
        Path clientCa = write("client-ca.pem", ca);
        Map<String, String> p = tls(more);
        p.put("mm7.server.tls.verify-mode", mode);
        p.put("mm7.server.tls.client-ca", clientCa.toString());
        return p;
    }

    private Path write(String name, Issued authority) {
        return authority.writePem(dir, name.replace(".pem", "")).certificate();
    }

    private static HttpResponse<String> post(SSLContext context, URI uri, String... headers) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(REPORT));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI https(String path) {
        return URI.create("https://127.0.0.1:" + tlsPort + path);
    }

    @Test
    void servesPlainAndTlsSocketsAtOnceWithTheSameRoutesAndChecks() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, tls())) {
            HttpResponse<String> overTls = post(TestCertificates.context(null, ca), https("/ringtones/"));
            assertThat(overTls.statusCode()).isEqualTo(200);
            assertThat(overTls.body()).contains("DeliveryReportRsp").contains("1000");
            assertThat(overTls.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
            assertThat(gw.post("/ringtones/", "text/xml", REPORT).statusCode()).isEqualTo(200);
            // the listener's checks are the same on every socket
            assertThat(post(TestCertificates.context(null, ca), https("/nowhere/")).statusCode()).isEqualTo(404);
            assertThat(post(TestCertificates.context(null, ca), https("/x/../ringtones/")).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void listensOnIpv6AndIpv4AddressesTogether() throws Exception {
        Assumptions.assumeTrue(canBind("::1"), "this machine has no IPv6 loopback");
        int v6 = RunningGateway.freePort();
        Map<String, String> p = tls();
        p.put("mm7.server.listen", "127.0.0.1:" + plainPort + ", [::1]:" + v6 + ", [::1]:" + tlsPort + " tls");
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, p)) {
            assertThat(gw.post("/ringtones/", "text/xml", REPORT).statusCode()).isEqualTo(200);
            assertThat(RunningGateway.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + v6 + "/ringtones/")).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(REPORT)).build()).statusCode()).isEqualTo(200);
            assertThat(post(TestCertificates.context(null, ca), URI.create("https://[::1]:" + tlsPort + "/ringtones/")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRequiredClientCertificateMustBeSignedByTheClientCaAndValid() throws Exception {
        Issued mmsc = TestCertificates.issue(ca, "CN=mmsc1.operator.test", "mmsc1.operator.test");
        Issued stranger = TestCertificates.issue(otherCa, "CN=mmsc1.operator.test", "mmsc1.operator.test");
        Issued expired = TestCertificates.expired(ca, "CN=mmsc1.operator.test", "mmsc1.operator.test");
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = RunningGateway.start(dir, plainPort, clientCertificates("require"))) {
            assertThat(post(TestCertificates.context(mmsc, ca), https("/ringtones/")).statusCode()).isEqualTo(200);
            for (Issued refused : new Issued[] {null, stranger, expired}) {
                assertThatThrownBy(() -> post(TestCertificates.context(refused, ca), https("/ringtones/"))).isInstanceOf(IOException.class);
            }
            assertThat(post(TestCertificates.context(mmsc, ca), https("/ringtones/")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !log.containing("MM7 listener: connection closed").isEmpty());
        }
    }

    @Test
    void aVerifiedCertificateStandsInForCredentialsAndEachPathAllowsItsOwnMmscs() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "mmsc:s3cret\n");
        Issued mmsc1 = TestCertificates.issue(ca, "O=Operator, CN=mmsc1.operator.test", "mmsc1.operator.test");
        Issued mmsc2 = TestCertificates.issue(ca, "O=Operator, CN=mmsc2.operator.test", "mmsc2.operator.test");
        Map<String, String> p = clientCertificates("optional", "mm7.server.auth-file", users.toString(),
                "mm7.server.tls.verified-peer-is-authorized", "true",
                "mm7.server.path.photo_contest.tls-peers", "DNS:mmsc1.operator.test",
                "mm7.server.path.email_gateway.tls-peers", "cn=mmsc2.operator.test,o=Operator; DNS:unused.example");
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, p)) {
            SSLContext anonymous = TestCertificates.context(null, ca);
            // no certificate: the path's credentials are asked for, and they do
            assertThat(post(anonymous, https("/ringtones/")).statusCode()).isEqualTo(401);
            assertThat(post(anonymous, https("/ringtones/"), "Authorization", basic("mmsc:s3cret")).statusCode()).isEqualTo(200);
            // a verified certificate is enough
            assertThat(post(TestCertificates.context(mmsc1, ca), https("/ringtones/")).statusCode()).isEqualTo(200);
            // per path: only the certificates it names, by SAN or by subject
            assertThat(post(TestCertificates.context(mmsc1, ca), https("/photo_contest/")).statusCode()).isEqualTo(200);
            assertThat(post(TestCertificates.context(mmsc2, ca), https("/photo_contest/")).statusCode()).isEqualTo(403);
            assertThat(post(TestCertificates.context(mmsc2, ca), https("/email_gateway/")).statusCode()).isEqualTo(200);
            assertThat(post(TestCertificates.context(mmsc1, ca), https("/email_gateway/")).statusCode()).isEqualTo(403);
            // and nobody without one, credentials or not, on plain HTTP or not
            assertThat(post(anonymous, https("/photo_contest/"), "Authorization", basic("mmsc:s3cret")).statusCode()).isEqualTo(403);
            assertThat(gw.post("/photo_contest/", "text/xml", REPORT, "Authorization", basic("mmsc:s3cret")).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aListenScopeAndAPeerInsideItSetTheirOwnVerifyMode() throws Exception {
        Issued mmsc = TestCertificates.issue(ca, "CN=mmsc1.operator.test", "mmsc1.operator.test");
        int scoped = RunningGateway.freePort();
        // the listener asks for no certificate; the Listen scope requires one, but not from the Peer inside it
        Map<String, String> p = clientCertificates("none",
                "mm7.server.listen.operator.address", "127.0.0.1:" + scoped + " tls", "mm7.server.listen.operator.tls-verify-mode", "require",
                "mm7.server.listen.operator.peer.local.address", "127.0.0.1/32", "mm7.server.listen.operator.peer.local.tls-verify-mode", "none");
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, p)) {
            URI scopedUri = URI.create("https://127.0.0.1:" + scoped + "/ringtones/");
            assertThat(post(TestCertificates.context(null, ca), scopedUri).statusCode()).as("the Peer's none").isEqualTo(200);
            assertThat(post(TestCertificates.context(null, ca), https("/ringtones/")).statusCode()).as("the listener's none").isEqualTo(200);
        }
        p.remove("mm7.server.listen.operator.peer.local.address");
        p.put("mm7.server.peer.local.address", "127.0.0.2/32");
        p.put("mm7.server.peer.local.tls-verify-mode", "none");
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, p)) {
            URI scopedUri = URI.create("https://127.0.0.1:" + scoped + "/ringtones/");
            // another address's Peer differs, so the handshake only asks; the Listen's require is enforced per request
            assertThat(post(TestCertificates.context(null, ca), scopedUri).statusCode()).isEqualTo(403);
            assertThat(post(TestCertificates.context(mmsc, ca), scopedUri).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void plainHttpOnATlsSocketGetsNoHttpAnswerAndOneLogLine() throws Exception {
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = RunningGateway.start(dir, plainPort, tls());
             Socket s = new Socket("127.0.0.1", tlsPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /ringtones/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: " + REPORT.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(REPORT);
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("HTTP/1.1").doesNotContain("DeliveryReportRsp");
            await().atMost(Duration.ofSeconds(5)).until(() -> log.containing("MM7 listener: connection closed").size() == 1);
            assertThat(post(TestCertificates.context(null, ca), https("/ringtones/")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aHandshakeLeftHalfDoneIsCutOffAfterTheReadTimeout() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, tls("mm7.server.request-read-timeout", "1"));
             Socket s = new Socket("127.0.0.1", tlsPort)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            // the first bytes of a ClientHello record, and then nothing
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01});
            out.flush();
            long start = System.nanoTime();
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // an alert may come before the close
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(8));
            assertThat(post(TestCertificates.context(null, ca), https("/ringtones/")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void certificatesAreReadAgainWhenTheirFilesChangeWithoutARestart() throws Exception {
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = RunningGateway.start(dir, plainPort, tls())) {
            assertThat(serverSubject()).isEqualTo("CN=gateway.test");
            // renewed: same names, new key; the PEM files are replaced where they are, the key first
            Issued renewed = TestCertificates.issue(ca, "CN=gateway.test,OU=renewed", "localhost", "127.0.0.1");
            Path staged = Files.createDirectory(dir.resolve("staged"));
            TestCertificates.Pem files = renewed.writePem(staged, "server");
            Files.move(files.key(), serverPem.key(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(serverPem.key(), FileTime.fromMillis(System.currentTimeMillis() + 5000));
            // caught half replaced: the new key does not fit the old certificate, so both old ones stay in use
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.containing("TLS certificates not re-read").isEmpty());
            assertThat(log.containing("TLS certificates not re-read").get(0).message()).contains("does not belong to the certificate");
            assertThat(serverSubject()).isEqualTo("CN=gateway.test");
            Files.move(files.certificate(), serverPem.certificate(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(serverPem.certificate(), FileTime.fromMillis(System.currentTimeMillis() + 5000));
            // a connection accepted in the milliseconds Vert.x 4.5 takes to build the new context is closed
            // (its updateSSLOptions publishes the update before it completes); the MMSC connects again
            await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> serverSubject().equals("OU=renewed,CN=gateway.test"));
            assertThat(serverSubject()).isEqualTo("OU=renewed,CN=gateway.test");
        }
    }

    @Test
    void aKeystoreServesAsWellAsPemFiles() throws Exception {
        Path keystore = TestCertificates.issue(ca, "CN=gateway.test", "127.0.0.1").writePkcs12(dir.resolve("gateway.p12"), "changeit");
        Map<String, String> p = tls("mm7.server.tls.keystore", keystore.toString(), "mm7.server.tls.keystore-password", "changeit");
        p.remove("mm7.server.tls.certificate");
        p.remove("mm7.server.tls.key");
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, p)) {
            assertThat(post(TestCertificates.context(null, ca), https("/ringtones/")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void protocolsAndCipherSuitesAreTheConfiguredOnes() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, plainPort, tls("mm7.server.tls.protocols", "TLSv1.2",
                "mm7.server.tls.ciphers", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))) {
            HttpResponse<String> r = post(TestCertificates.context(null, ca), https("/ringtones/"));
            assertThat(r.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(r.sslSession().orElseThrow().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        }
    }

    @Test
    void aTlsSocketWithoutCertificatesOrAVerifyModeWithoutCasIsRefusedAtStart() {
        Map<String, String> noCertificate = tls();
        noCertificate.remove("mm7.server.tls.key");
        assertThatThrownBy(() -> RunningGateway.start(dir, plainPort, noCertificate)).hasStackTraceContaining("set a PEM certificate and key");
        assertThatThrownBy(() -> RunningGateway.start(dir, plainPort, tls("mm7.server.tls.verify-mode", "require")))
                .hasStackTraceContaining("needs mm7.server.tls.client-ca");
    }

    private String serverSubject() throws Exception {
        HttpResponse<String> r = post(TestCertificates.context(null, ca), https("/ringtones/"));
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this machine has the address (an IPv6 loopback is not everywhere). */
    static boolean canBind(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
