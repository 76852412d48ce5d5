package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.camelmm7.CapturedLog;
import org.camelmm7.Mm7Ctl;
import org.camelmm7.Mm7Ctl.Run;
import org.camelmm7.RunningGateway;
import org.camelmm7.hooks.Mm7StoreSubmit;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.simulator.MmscSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message store (Momentum's mstore) through tools/mm7ctl: each mail the MMSC accepted is kept
 * in its bucket by the MMSC's MessageID; one whose delivery report says Expired is reinstated and
 * reaches the MMSC a second time with the same content; display, delete, the store hook, the
 * bucket without short code, the purge.
 */
class KeptMailTest {

    @TempDir
    Path dir;

    private RunningGateway start(Map<String, Object> beans, String... more) {
        int port = RunningGateway.freePort();
        Map<String, String> props = new HashMap<>(Map.of(
                "mm7.simulator.enabled", "true", "mm7.simulator.statuses", "1000",
                "mm7.simulator.delivery-report-status", "Expired", "mm7.simulator.delivery-report-delay", "200",
                "mm7.client.from-uri", "file:" + dir.resolve("pickup") + "?antInclude=*.eml&delete=true&initialDelay=100&delay=200",
                "mm7.client.domains", "mmsc1",
                "mm7.client.domain.mmsc1.mail-domain", "mms.example.com",
                "mm7.client.domain.mmsc1.url", "http://127.0.0.1:" + port + "/mmsc/",
                "mm7.client.domain.mmsc1.sender-address", "<ShortCode>28444</ShortCode>",
                "mm7.client.domain.mmsc1.delivery-report", "true"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return RunningGateway.start(dir, port, props, beans);
    }

    private void pickUp(String name, String... to) throws Exception {
        MimeMessage m = new MimeMessage(TestMails.SESSION);
        m.setFrom("ann@example.org");
        m.setRecipients(Message.RecipientType.TO, String.join(",", to));
        m.setSubject("Fotos aus Köln", "UTF-8");
        m.setContent(TestMails.textAndPhoto("Look!", "UTF-8"));
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        Files.createDirectories(dir.resolve("pickup"));
        Path tmp = Files.write(dir.resolve("pickup/." + name), out.toByteArray());
        Files.move(tmp, dir.resolve("pickup/" + name + ".eml"));
    }

    private static MmscSimulator simulator(RunningGateway gw) {
        return gw.context().getRegistry().lookupByNameAndType("mmscSimulator", MmscSimulator.class);
    }

    /** The decoded parts of a SubmitReq's content: what the handset gets. */
    private static List<String> parts(Mm7Request submit) throws Exception {
        MimeMultipart content = new MimeMultipart(new ByteArrayDataSource(submit.content().entity().rawBody(),
                submit.content().entity().header("Content-Type")));
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < content.getCount(); i++) {
            parts.add(content.getBodyPart(i).getContentType() + " " + java.util.Base64.getEncoder().encodeToString(
                    content.getBodyPart(i).getInputStream().readAllBytes()));
        }
        return parts;
    }

    @Test
    void aSubmissionReportedExpiredIsReinstatedAndReachesTheMmscAgainWithTheSameContent() throws Exception {
        try (RunningGateway gw = start(Map.of()); CapturedLog log = CapturedLog.start()) {
            pickUp("mail-1", "15551234567@mms.example.com", "15557654321@mms.example.com", "bob@elsewhere.example");
            await().atMost(Duration.ofSeconds(15)).until(() -> MmsLogRoutesTest.records(gw.mmsLog(), "S").size() == 2);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "S")).allSatisfy(s -> assertThat(s[10]).isEqualTo("Expired"));
            Run list = Mm7Ctl.run(gw, "mstore", "list");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out().lines().toList()).hasSize(1);
            String[] kept = list.out().lines().findFirst().orElseThrow().split("\t");
            assertThat(kept[0]).isEqualTo("MADR-28444");
            String messageId = kept[1];
            // the MMSC's MessageID, as its D line and its delivery reports name it
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "D").get(0)).contains("\"" + messageId + "\"");
            assertThat(kept[3]).isEqualTo("mmsc1");
            assertThat(kept[4]).isEqualTo("15551234567@mms.example.com,15557654321@mms.example.com");
            assertThat(Mm7Ctl.run(gw, "mstore", "list", "MADR-MM7").out()).isEmpty();

            Run shown = Mm7Ctl.run(gw, "mstore", "display", "MADR-28444", messageId);
            assertThat(shown.out()).contains("MessageID: " + messageId, "Bucket: MADR-28444", "Subject: =?UTF-8?",
                    "Parts:", "multipart/mixed", "text/plain; charset=UTF-8; 5 bytes", "image/gif; name=pixel.gif; file pixel.gif; 43 bytes");

            Run reinstated = Mm7Ctl.run(gw, "mstore", "reinstate", messageId);
            assertThat(reinstated.exit()).as(reinstated.err()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator(gw).received().size() == 2);
            Mm7Request first = simulator(gw).received().get(0);
            Mm7Request again = simulator(gw).received().get(1);
            assertThat(again.transactionId()).isNotEqualTo(first.transactionId());
            assertThat(again.recipients().to()).containsExactly(Mm7Address.number("15551234567"), Mm7Address.number("15557654321"));
            assertThat(again.subject()).isEqualTo(first.subject()).isEqualTo("Fotos aus Köln");
            assertThat(again.senderIdentification()).isEqualTo(first.senderIdentification());
            assertThat(parts(again)).isEqualTo(parts(first));
            // a new submission like any other: D, and no bounce for the recipient no MM7 domain serves this time
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.records(gw.mmsLog(), "D").size() == 2);
            assertThat(MmsLogRoutesTest.records(gw.bounceLog(), "I")).hasSize(1);
            assertThat(log.containing("kept mail " + messageId + " reinstated by anonymous@127.0.0.1")).hasSize(1);
        }
    }

    @Test
    void keptMailIsDeletedAndAWrongBucketFindsNothing() throws Exception {
        try (RunningGateway gw = start(Map.of(), "mm7.client.mstore.bucket-use-shortcode", "false")) {
            pickUp("mail-1", "15551234567@mms.example.com");
            await().atMost(Duration.ofSeconds(10)).until(() -> !Mm7Ctl.run(gw, "mstore", "list").out().isEmpty());
            String[] kept = Mm7Ctl.run(gw, "mstore", "list").out().split("\t");
            assertThat(kept[0]).isEqualTo("MADR-MM7");
            assertThat(Mm7Ctl.run(gw, "mstore", "delete", "MADR-28444", kept[1]).err()).contains("HTTP 404");
            assertThat(Mm7Ctl.run(gw, "mstore", "delete", "MADR-MM7", kept[1]).exit()).isZero();
            assertThat(Mm7Ctl.run(gw, "mstore", "list").out()).isEmpty();
            Run reinstate = Mm7Ctl.run(gw, "mstore", "reinstate", kept[1]);
            assertThat(reinstate.exit()).isEqualTo(1);
            assertThat(reinstate.err()).contains("HTTP 404", "no kept mail");
        }
    }

    @Test
    void theStoreHookDecidesAndSaveMessageOffKeepsNothing() throws Exception {
        Mm7StoreSubmit onlyPhotos = (request, mail, bucket, messageId) -> request.recipients().to().contains(Mm7Address.number("15550000001"));
        try (RunningGateway gw = start(Map.of("mm7StoreSubmit", onlyPhotos))) {
            pickUp("mail-1", "15550000001@mms.example.com");
            pickUp("mail-2", "15550000002@mms.example.com");
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.records(gw.mmsLog(), "D").size() == 2);
            assertThat(Mm7Ctl.run(gw, "mstore", "list").out().lines().toList()).hasSize(1)
                    .allSatisfy(l -> assertThat(l).contains("15550000001@"));
            // kept mail past its retention is forgotten with the tracking's purge
            KeptMail kept = gw.context().getRegistry().lookupByNameAndType("keptMail", KeptMail.class);
            assertThat(kept.purge()).isZero();
        }
        try (RunningGateway gw = start(Map.of(), "mm7.client.mstore.save-message", "false")) {
            pickUp("mail-3", "15550000003@mms.example.com");
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.records(gw.mmsLog(), "D").size() == 3);
            assertThat(Mm7Ctl.run(gw, "mstore", "list").out().lines().toList()).hasSize(1);
        }
        try (RunningGateway gw = start(Map.of(), "mm7.client.mstore.retention-days", "0")) {
            KeptMail kept = gw.context().getRegistry().lookupByNameAndType("keptMail", KeptMail.class);
            assertThat(kept.purge()).isEqualTo(1);
            assertThat(Mm7Ctl.run(gw, "mstore", "list").out()).isEmpty();
        }
    }
}
