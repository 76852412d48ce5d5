package org.camelmm7.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.camelmm7.RunningGateway;
import org.camelmm7.client.RecordingMmsc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * routes/mm7-client.camel.yaml on its own (camel-test-main-junit5, the gateway's configuration, no
 * MM7 port): a picked-up mail becomes a SubmitReq to its MM7 domain's MMSC; one the MMSC refuses for
 * good bounces, and the bounce waits in the spool (no mail leg runs here).
 */
class Mm7ClientRoutesTest extends RouteFileTestSupport {

    private static RecordingMmsc mmsc;

    @BeforeAll
    static void mmsc() throws Exception {
        // 2002 (Address Error) for the recipient whose number ends in 0, 1000 for the others
        mmsc = new RecordingMmsc(r -> RecordingMmsc.submitRsp(r, new String(r.body(), StandardCharsets.UTF_8).contains("15550000000") ? 2002 : 1000));
    }

    @AfterAll
    static void stopMmsc() throws Exception {
        mmsc.close();
    }

    @Override
    String routeFile() {
        return "mm7-client.camel.yaml";
    }

    @Override
    void settings(Properties p) {
        p.put("mm7.client.report-host", "gw.test");
        p.put("mm7.client.domains", "mmsc1");
        p.put("mm7.client.domain.mmsc1.mail-domain", "mms.example.com");
        p.put("mm7.client.domain.mmsc1.url", "http://127.0.0.1:" + mmsc.port() + "/mmsc/");
    }

    private static void pickUp(String name, String to) throws Exception {
        Files.createDirectories(dir.resolve("pickup"));
        Path written = Files.writeString(dir.resolve("pickup/." + name), "From: ann@example.org\r\nTo: " + to + "\r\nSubject: " + name
                + "\r\nMessage-ID: <" + name + "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n");
        Files.move(written, dir.resolve("pickup/" + name + ".eml"));
    }

    @Test
    void aPickedUpMailIsSubmittedToItsMmsc() throws Exception {
        pickUp("to-bob", "15551234567@mms.example.com");
        await().atMost(Duration.ofSeconds(15)).until(() -> mmsc.requests().stream()
                .anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("15551234567")));
        String submitReq = new String(mmsc.requests().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("15551234567"))
                .findFirst().orElseThrow().body(), StandardCharsets.UTF_8);
        assertThat(submitReq).contains("SubmitReq", "<Subject>to-bob</Subject>");
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir.resolve("pickup/to-bob.eml")));
    }

    @Test
    void aSubmissionRefusedForGoodBouncesThroughTheSpool() throws Exception {
        pickUp("to-nobody", "15550000000@mms.example.com");
        await().atMost(Duration.ofSeconds(15)).until(() -> RunningGateway.files(dir.resolve("spool")).stream().anyMatch(f -> read(f)
                .contains("Undelivered MMS: to-nobody")));
        assertThat(RunningGateway.files(dir.resolve("spool")).stream().map(Mm7ClientRoutesTest::read)
                .filter(m -> m.contains("Undelivered MMS: to-nobody")).findFirst().orElseThrow())
                .startsWith("X-Sender: <>\r\nX-Receiver: ann@example.org\r\n").contains("Status: 5.1.1");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
