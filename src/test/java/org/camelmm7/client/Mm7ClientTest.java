package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import com.icegreen.greenmail.util.GreenMail;

import org.apache.camel.Producer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.logging.log4j.Level;
import org.camelmm7.CapturedLog;
import org.camelmm7.LoopbackMail;
import org.camelmm7.RunningGateway;
import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Samples;
import org.camelmm7.simulator.MmscSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail → SubmitReq → the simulated MMSC over real HTTP, with the outcomes in the logs and bounces in the outbox. */
class Mm7ClientTest {

    @TempDir
    Path dir;

    private RunningGateway start(String statuses, String... more) {
        return start(Map.of(), statuses, more);
    }

    private RunningGateway start(Map<String, Object> beans, String statuses, String... more) {
        int port = RunningGateway.freePort();
        Map<String, String> props = new HashMap<>(Map.of(
                "mm7.simulator.enabled", "true", "mm7.simulator.statuses", statuses, "mm7.simulator.delivery-report-status", "",
                "mm7.client.from-uri", "file:" + dir.resolve("pickup") + "?antInclude=*.eml&delete=true&initialDelay=100&delay=200",
                "mm7.client.domains", "mmsc1",
                "mm7.client.domain.mmsc1.mail-domain", "mms.example.com",
                "mm7.client.domain.mmsc1.url", "http://127.0.0.1:" + port + "/mmsc/",
                "mm7.client.retry.initial-delay", "100",
                "mm7.client.retry.maximum-redeliveries", "2"));
        props.put("mm7.client.domain.mmsc1.vaspid", "vasp-7");
        props.put("mm7.client.domain.mmsc1.sender-address", "<ShortCode>28444</ShortCode>");
        props.put("mm7.client.domain.mmsc1.delivery-report", "true");
        props.put("mm7.client.domain.mmsc1.message-class", "personal");
        props.put("mm7.client.report-host", "gw.test");
        props.put("mms.logger.heartbeat", "0");
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return RunningGateway.start(dir, port, props, beans);
    }

    private static byte[] mailWithPhoto(String to) throws Exception {
        MimeMessage m = new MimeMessage(TestMails.SESSION);
        m.setFrom("ann@example.org");
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject("Fotos aus Köln", "UTF-8");
        m.setContent(TestMails.textAndPhoto("Look!", "UTF-8"));
        m.saveChanges();
        m.setHeader("Message-ID", "<orig-1@example.org>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private void pickUp(byte[] mail) throws Exception {
        Files.createDirectories(dir.resolve("pickup"));
        Path tmp = Files.write(dir.resolve("pickup/.incoming"), mail);
        Files.move(tmp, dir.resolve("pickup/mail-1.eml"));
    }

    private static MmscSimulator simulator(RunningGateway gw) {
        return gw.context().getRegistry().lookupByNameAndType("mmscSimulator", MmscSimulator.class);
    }

    @Test
    void aPickedUpMailArrivesAtTheMmscAsASubmitReqWithItsOptionsAndBytes() throws Exception {
        try (RunningGateway gw = start("1000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());

            Mm7Request submit = simulator(gw).received().get(0);
            StrictSubmitReq.validateAll(simulator(gw).receivedBodies());
            assertThat(simulator(gw).receivedBodies().get(0).contentType()).contains("type=\"text/xml\"", "start=\"<");
            assertThat(submit.recipients().to()).containsExactly(Mm7Address.number("15551234567"));
            assertThat(submit.senderIdentification().vaspId()).isEqualTo("vasp-7");
            assertThat(submit.senderIdentification().senderAddress()).isEqualTo(Mm7Address.shortCode("28444"));
            assertThat(submit.field("DeliveryReport")).isEqualTo("true");
            assertThat(submit.field("MessageClass")).isEqualTo("Personal");
            assertThat(submit.subject()).isEqualTo("Fotos aus Köln");
            MimeMultipart content = new MimeMultipart(new ByteArrayDataSource(submit.content().entity().rawBody(),
                    submit.content().entity().header("Content-Type")));
            ByteArrayOutputStream gif = new ByteArrayOutputStream();
            content.getBodyPart(1).getInputStream().transferTo(gif);
            assertThat(gif.toByteArray()).isEqualTo(Samples.resource("pixel.gif"));

            String[] d = MmsLogRoutesTest.records(gw.mmsLog(), "D").get(0);
            assertThat(d[3]).as("%sa: the SenderAddress sent (Momentum's MM7_Sender_Address)").isEqualTo("28444");
            assertThat(d[4]).isEqualTo("15551234567\\@mms.example.com");
            assertThat(d[9]).as("%B: the SubmitReq's bytes as sent").isEqualTo(Integer.toString(simulator(gw).receivedBodies().get(0).bytes().length));
            assertThat(d[10]).isEqualTo("\"sim-1\"");
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "X")).hasSize(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir.resolve("pickup/mail-1.eml")));
        }
    }

    /** Momentum's debug_level = "debug": the logger org.camelmm7 at DEBUG shows the request read, the SubmitReq sent and the outcome chosen. */
    @Test
    void debugLinesShowTheRequestReadTheSubmitReqSentAndTheOutcomeChosen() throws Exception {
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.camelmm7", org.apache.logging.log4j.Level.DEBUG);
        try (org.camelmm7.CapturedLog log = org.camelmm7.CapturedLog.start(); RunningGateway gw = start("1000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            assertThat(log.containing("sending SubmitReq")).singleElement().satisfies(l -> assertThat(l.message()).contains("attempt 1", "MM7 domain mmsc1"));
            assertThat(log.containing("outcome DELIVERED")).singleElement().satisfies(l -> assertThat(l.message()).contains("HTTP 200", "StatusCode 1000"));
            gw.post("/ringtones/", "text/xml", Samples.deliveryReport("Retrieved").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(log.containing("read DeliveryReportReq")).isNotEmpty();
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.camelmm7", org.apache.logging.log4j.Level.WARN);
        }
    }

    @Test
    void aTemporaryFailureIsRetriedAndThenDelivered() throws Exception {
        try (RunningGateway gw = start("4006,1000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T")).hasSize(1);
            assertThat(MmsLogRoutesTest.records(gw.bounceLog(), "T")).hasSize(1);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "D").get(0)[10]).isEqualTo("\"sim-2\"");
            assertThat(simulator(gw).received()).hasSize(2);
        }
    }

    @Test
    void noAnswerWithinTheResponseTimerIsRetriedAndThenDelivered() throws Exception {
        try (RunningGateway gw = start("slow,1000", "mm7.simulator.slow-delay", "3000", "mm7.client.domain.mmsc1.response-timer", "1")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            String[] t = MmsLogRoutesTest.records(gw.mmsLog(), "T").get(0);
            assertThat(t[9]).isEqualTo("temporary");
            assertThat(t[10]).containsIgnoringCase("timed out");
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "D").get(0)[10]).isEqualTo("\"sim-2\"");
        }
    }

    @Test
    void basicCredentialsAndAnEmptySoapActionAreSent() throws Exception {
        try (RunningGateway gw = start("1000", "mm7.client.domain.mmsc1.basic-auth", "vasp:pa55")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !simulator(gw).requestHeaders().isEmpty());
            MmscSimulator.RequestHeaders headers = simulator(gw).requestHeaders().get(0);
            assertThat(headers.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString("vasp:pa55".getBytes()));
            assertThat(headers.soapAction()).isEqualTo("\"\"");
        }
    }

    @Test
    void temporaryFailuresPastTheExpiryBecomePermanent() throws Exception {
        try (RunningGateway gw = start("4006", "mm7.client.retry.maximum-redeliveries", "1000", "mm7.client.retry.expiry-seconds", "1",
                "mm7.client.retry.initial-delay", "300")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P").get(0)[10]).startsWith("retries exhausted: 4006 Service unavailable");
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T").size()).isBetween(2, 6);
        }
    }

    @Test
    void retriesEndAfterMaximumRedeliveriesAgainstAnMmscThatAlways4006() throws Exception {
        try (RunningGateway gw = start("4006", "mm7.client.retry.maximum-redeliveries", "2")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            Thread.sleep(500);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T")).hasSize(2);
            assertThat(simulator(gw).receivedBodies()).hasSize(3);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P").get(0)[10]).startsWith("retries exhausted: 4006 Service unavailable");
            assertThat(MmsLogRoutesTest.records(gw.bounceLog(), "I")).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);
        }
    }

    @Test
    void retriesEndAfterMaximumRedeliveriesAgainstAnMmscThatIsDown() throws Exception {
        int dead = RunningGateway.freePort();
        try (RunningGateway gw = start("1000", "mm7.client.retry.maximum-redeliveries", "3",
                "mm7.client.domain.mmsc1.url", "http://127.0.0.1:" + dead + "/mmsc/")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T")).hasSize(3);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P").get(0)[10]).startsWith("retries exhausted").containsIgnoringCase("connect");
        }
    }

    /**
     * What a runner jar without CXF's bus extensions did: every attempt to create the MMSC's endpoint
     * fails with an error no outcome rule knows. It takes the retry path like an MMSC that is down
     * (T with the reason, back-off, then P, I and a bounce), with one X for the mail, and the mail
     * is not taken up again from the pickup.
     */
    @Test
    void anMmscEndpointThatCannotBeCreatedIsRetriedWithBackOffAndThenGivenUp() throws Exception {
        CxfEndpoint broken = new CxfEndpoint() {
            @Override
            public Producer createProducer() {
                throw new NullPointerException("Cannot invoke \"WrapperClassCreator.generate()\" because \"wrapperGen\" is null");
            }
        };
        try (CapturedLog log = CapturedLog.start();
             RunningGateway gw = start(Map.of("mmsc-mmsc1", broken), "1000", "mm7.client.retry.maximum-redeliveries", "3",
                     "mm7.client.retry.initial-delay", "400", "mm7.client.retry.multiplier", "2")) {
            long picked = System.nanoTime();
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            // 400 + 800 + 1,600 ms of back-off before the last attempt
            assertThat(Duration.ofNanos(System.nanoTime() - picked)).isGreaterThan(Duration.ofMillis(2800));
            List<String[]> t = MmsLogRoutesTest.records(gw.mmsLog(), "T");
            assertThat(t).hasSize(3).allSatisfy(line -> assertThat(line[10]).contains("Failed to create Producer", "wrapperGen"));
            assertThat(MmsLogRoutesTest.records(gw.bounceLog(), "T")).hasSize(3);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P").get(0)[10]).startsWith("retries exhausted: Failed to create Producer");
            assertThat(MmsLogRoutesTest.records(gw.bounceLog(), "I")).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir.resolve("pickup/mail-1.eml")));
            Thread.sleep(1000);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "X")).as("one X for the mail").hasSize(1);
            assertThat(log.containing("wrapperGen")).as("no stack trace per attempt")
                    .noneSatisfy(line -> assertThat(line.level()).isEqualTo(Level.ERROR));
        }
    }

    @Test
    void anMmscThrottlingWithAPlainTextAnswerIsRetriedNotBounced() throws Exception {
        try (RunningGateway gw = start("http409,1000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            String[] t = MmsLogRoutesTest.records(gw.mmsLog(), "T").get(0);
            assertThat(t[10]).isEqualTo("HTTP 409 without an MM7 status: Throttling limit exceeded. Try again later");
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P")).isEmpty();
            assertThat(MmsLogRoutesTest.records(gw.bounceLog(), "I")).isEmpty();
            Thread.sleep(500);
            assertThat(RunningGateway.files(gw.outbox())).as("no bounce").isEmpty();
        }
    }

    @Test
    void aWrongMmscAddressBouncesWithTheMmscsOwnWords() throws Exception {
        try (RunningGateway gw = start("http404")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1
                    && !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P").get(0)[10]).isEqualTo("HTTP 404 without an MM7 status: HTTP 404 from the simulated MMSC");
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T")).isEmpty();
            OutboundMail bounce = PickupFile.read(Files.readAllBytes(RunningGateway.files(gw.outbox()).get(0)));
            assertThat(new String(((MimeMultipart) bounce.getContent()).getBodyPart(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("HTTP 404 from the simulated MMSC");
        }
    }

    @Test
    void refusedCredentialsAreRetriedWithAnErrorLine() throws Exception {
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = start("http401,1000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            assertThat(log.containing("refuses the gateway's credentials")).hasSize(1)
                    .allSatisfy(l -> assertThat(l.level()).isEqualTo(Level.ERROR));
        }
    }

    @Test
    void reportsWithSwappedRolesNameTheRealRecipientAndBounceOncePerRecipient() throws Exception {
        // Mbuni: the VASP's short code as Recipient, the handset as Sender; each report sent twice
        try (RunningGateway gw = start("1000", "mm7.simulator.delivery-report-status", "Expired", "mm7.simulator.report-roles", "swapped",
                "mm7.simulator.delivery-report-copies", "2", "mm7.simulator.delivery-report-delay", "300")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com, 28444@mms.example.com"));
            await().atMost(Duration.ofSeconds(15)).until(() -> MmsLogRoutesTest.records(gw.bounceLog(), "O").size() == 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 2);
            Thread.sleep(500);
            List<String> finalRecipients = new ArrayList<>();
            for (Path file : RunningGateway.files(gw.outbox())) {
                OutboundMail bounce = PickupFile.read(Files.readAllBytes(file));
                String status = new String(((MimeMultipart) bounce.getContent()).getBodyPart(1).getInputStream().readAllBytes());
                finalRecipients.add(status.replaceAll("(?s).*Final-Recipient: rfc822; (\\S+).*", "$1"));
                // named after its own gateway ID, which is also its Message-ID's
                assertThat(bounce.getMessageID()).isEqualTo("<" + file.getFileName().toString().replace(".eml", "") + "@gw.test>");
            }
            assertThat(RunningGateway.files(gw.outbox())).hasSize(2);
            assertThat(finalRecipients).containsExactlyInAnyOrder("15551234567@mms.example.com", "28444@mms.example.com");
        }
    }

    @Test
    void aPermanentFailureGivesPAndIAndABounceToTheSender() throws Exception {
        try (RunningGateway gw = start("2002")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.bounceLog(), "I").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P").get(0)[10]).startsWith("2002 Address Error");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(gw.outbox()) && Files.list(gw.outbox()).findAny().isPresent());
            OutboundMail bounce = PickupFile.read(Files.readAllBytes(Files.list(gw.outbox()).findFirst().orElseThrow()));
            assertThat(bounce.getEnvelopeTo()[0].getAddress()).isEqualTo("ann@example.org");
            assertThat(bounce.getEnvelopeSender()).isNull();
            assertThat(bounce.getSubject()).isEqualTo("Undelivered MMS: Fotos aus Köln");
            assertThat(new String(((MimeMultipart) bounce.getContent()).getBodyPart(1).getInputStream().readAllBytes()))
                    .contains("Final-Recipient: rfc822; 15551234567@mms.example.com", "Status: 5.1.1");
        }
    }

    /**
     * While the MMS log cannot take its lines and more than mms.logger.max-pending-bytes wait, the
     * pickup pauses: mail waits in the pickup directory, not its log lines in memory. Once the file
     * takes the lines, the pickup goes on and every mail is submitted, each with its D.
     */
    @Test
    void thePickupPausesWhileTheMmsLogIsBehind() throws Exception {
        Path logs = dir.resolve("slow-log");
        try (RunningGateway gw = start("1000", "mms.logger.logfile", logs.resolve("mmslog.ec").toString(), "mms.logger.max-pending-bytes", "300",
                "mm7.client.from-uri", "file:" + dir.resolve("pickup") + "?antInclude=*.eml&delete=true&initialDelay=100&delay=200&maxMessagesPerPoll=1")) {
            Files.move(logs, dir.resolve("slow-log-before"));
            Files.writeString(logs, "a file where the log directory should be");
            Files.createDirectories(dir.resolve("pickup"));
            for (int i = 0; i < 6; i++) {
                Path tmp = Files.write(dir.resolve("pickup/.incoming"), mailWithPhoto("1555123456" + i + "@mms.example.com"));
                Files.move(tmp, dir.resolve("pickup/mail-" + i + ".eml"));
            }
            Thread.sleep(3000);
            assertThat(simulator(gw).received().size()).as("paused before all six were submitted").isLessThan(6);
            assertThat(RunningGateway.files(dir.resolve("pickup"))).isNotEmpty();

            Files.delete(logs);
            Path log = logs.resolve("mmslog.ec");
            await().atMost(Duration.ofSeconds(20)).until(() -> MmsLogRoutesTest.records(log, "D").size() == 6);
            assertThat(simulator(gw).received()).hasSize(6);
            assertThat(MmsLogRoutesTest.records(log, "X")).hasSize(6);
        }
    }

    /** generate_bounces = false: the failure is logged (P, I), and no bounce goes to the sender. */
    @Test
    void withGenerateBouncesOffAPermanentFailureSendsNoBounce() throws Exception {
        try (RunningGateway gw = start("2002", "mm7.client.domain.mmsc1.generate-bounces", "false")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.bounceLog(), "I").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P")).hasSize(1);
            Thread.sleep(1000); // the spool and the mail leg deliver a bounce well within this
            assertThat(RunningGateway.files(gw.outbox())).as("no bounce").isEmpty();
            assertThat(RunningGateway.files(gw.spool())).isEmpty();
        }
    }

    /** mm7_request_ie_extended: its elements are in the SubmitReq on the wire, before Content. */
    @Test
    void requestIeExtendedElementsAreSentInTheSubmitReq() throws Exception {
        try (RunningGateway gw = start("1000", "mm7.client.domain.mmsc1.request-ie-extended", "<ChargedParty>Sender</ChargedParty>")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            String sent = new String(simulator(gw).receivedBodies().get(0).bytes(), StandardCharsets.UTF_8);
            assertThat(sent).contains("<ChargedParty>Sender</ChargedParty>");
            assertThat(sent.indexOf("<ChargedParty>")).isLessThan(sent.indexOf("Content href="));
        }
    }

    /** http_version: MM7 goes over HTTP/1.1; another version stops the start, naming the key. */
    @Test
    void anHttpVersionOtherThan11StopsTheStart() {
        assertThatThrownBy(() -> start("1000", "mm7.client.domain.mmsc1.http-version", "2.0").close())
                .hasStackTraceContaining("mm7.client.domain.mmsc1.http-version: '2.0' is not supported");
    }

    @Test
    void recipientsNoDomainServesAreBouncedAndTheOthersSubmitted() throws Exception {
        try (RunningGateway gw = start("1000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com, bob@elsewhere.example"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty()
                    && Files.isDirectory(gw.outbox()) && Files.list(gw.outbox()).findAny().isPresent());
            assertThat(simulator(gw).received().get(0).recipients().all()).containsExactly(Mm7Address.number("15551234567"));
            String[] inband = MmsLogRoutesTest.records(gw.bounceLog(), "I").get(0);
            assertThat(inband[4]).isEqualTo("bob\\@elsewhere.example");
            OutboundMail bounce = PickupFile.read(Files.readAllBytes(Files.list(gw.outbox()).findFirst().orElseThrow()));
            assertThat(new String(((MimeMultipart) bounce.getContent()).getBodyPart(1).getInputStream().readAllBytes()))
                    .contains("Final-Recipient: rfc822; bob@elsewhere.example").doesNotContain("15551234567");
        }
    }

    @Test
    void aNegativeDeliveryReportGivesSWithLatencyOAndABounceToTheOriginalSender() throws Exception {
        try (RunningGateway gw = start("1000", "mm7.simulator.delivery-report-status", "Expired",
                "mm7.simulator.delivery-report-delay", "1200")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.bounceLog(), "O").isEmpty());
            String[] s = MmsLogRoutesTest.records(gw.mmsLog(), "S").get(0);
            assertThat(s[8]).isEqualTo("\"sim-1\"");
            assertThat(Long.parseLong(s[9])).as("delivery report latency in seconds").isBetween(1L, 10L);
            assertThat(s[10]).isEqualTo("Expired");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(gw.outbox()) && Files.list(gw.outbox()).findAny().isPresent());
            OutboundMail bounce = PickupFile.read(Files.readAllBytes(Files.list(gw.outbox()).findFirst().orElseThrow()));
            assertThat(bounce.getEnvelopeTo()[0].getAddress()).isEqualTo("ann@example.org");
            assertThat(bounce.getHeader("In-Reply-To", null)).isEqualTo("<orig-1@example.org>");
            assertThat(new String(((MimeMultipart) bounce.getContent()).getBodyPart(1).getInputStream().readAllBytes()))
                    .contains("Final-Recipient: rfc822; 15551234567@mms.example.com", "Status: 5.4.7", "Diagnostic-Code: X-MM7; Expired");
        }
    }

    @Test
    void aReadReplyGivesAReadNotificationAndUnknownMessageIdsAreAnsweredAllTheSame() throws Exception {
        try (RunningGateway gw = start("1000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            String read = Samples.envelope("rr-9", "<ReadReplyReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<MessageID>sim-1</MessageID><Recipient><Number>15551234567</Number></Recipient><Sender><ShortCode>28444</ShortCode></Sender>"
                    + "<TimeStamp>2026-11-25T11:00:00Z</TimeStamp><MMStatus>Read</MMStatus></ReadReplyReq>");
            assertThat(gw.post("/ringtones/", "text/xml", read.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            assertThat(gw.post("/ringtones/", "text/xml", read.replace("sim-1", "nobody-knows").getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(gw.outbox()) && Files.list(gw.outbox()).findAny().isPresent());
            OutboundMail notice = PickupFile.read(Files.readAllBytes(Files.list(gw.outbox()).findFirst().orElseThrow()));
            assertThat(notice.getSubject()).isEqualTo("Read: Fotos aus Köln");
            assertThat(notice.getEnvelopeTo()[0].getAddress()).isEqualTo("ann@example.org");
            assertThat(new String(((MimeMultipart) notice.getContent()).getBodyPart(1).getInputStream().readAllBytes()))
                    .contains("Original-Message-ID: <orig-1@example.org>", "; displayed");
            Thread.sleep(500);
            assertThat(Files.list(gw.outbox()).count()).isEqualTo(1);
        }
    }

    @Test
    void aRestartInTheMiddleOfRetriesLosesNothingAndKeepsTheGatewayId() throws Exception {
        try (RunningGateway first = start("4006", "mm7.client.retry.initial-delay", "60000")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator(first).received().size() == 1);
        }
        assertThat(Files.exists(dir.resolve("pickup/mail-1.eml"))).isTrue();
        String firstX = MmsLogRoutesTest.records(dir.resolve("log/mmslog.ec"), "X").get(0)[2];
        try (RunningGateway second = start("1000")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(second.mmsLog(), "D").isEmpty());
            assertThat(simulator(second).received()).hasSize(1);
            assertThat(MmsLogRoutesTest.records(second.mmsLog(), "D").get(0)[2]).as("the gateway ID of the first X record").isEqualTo(firstX);
            await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(dir.resolve("pickup/mail-1.eml")));
        }
    }

    @Test
    void theExpiryCountsFromTheFirstAttemptAcrossARestart() throws Exception {
        try (RunningGateway first = start("4006", "mm7.client.retry.initial-delay", "60000", "mm7.client.retry.expiry-seconds", "2")) {
            pickUp(mailWithPhoto("15551234567@mms.example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator(first).received().size() == 1);
        }
        Thread.sleep(2500);
        try (RunningGateway second = start("4006", "mm7.client.retry.expiry-seconds", "2")) {
            // the first attempt after the restart fails, and the mail is past its expiry: no more retries
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(second.mmsLog(), "P").isEmpty());
            assertThat(simulator(second).received()).hasSize(1);
        }
    }

    @Test
    void mailFromAnImapMailboxIsSubmitted() throws Exception {
        int imapPort = RunningGateway.freePort();
        GreenMail mailbox = new GreenMail(LoopbackMail.setup(imapPort, "imap"));
        mailbox.start();
        try {
            var user = mailbox.setUser("mms@gw.test", "mms", "secret");
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mailWithPhoto("15557654321@mms.example.com"))));
            try (RunningGateway gw = start("1000", "mm7.client.from-uri",
                    "imap://mms@127.0.0.1:" + imapPort + "?password=secret&delete=true&initialDelay=100&delay=500")) {
                await().atMost(Duration.ofSeconds(15)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
                Mm7Request submit = simulator(gw).received().get(0);
                assertThat(submit.recipients().to()).containsExactly(Mm7Address.number("15557654321"));
                assertThat(submit.subject()).isEqualTo("Fotos aus Köln");
            }
        } finally {
            mailbox.stop();
        }
    }
}
