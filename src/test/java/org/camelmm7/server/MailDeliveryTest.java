package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;

import org.camelmm7.CapturedLog;
import org.camelmm7.HangingRelay;
import org.camelmm7.LoopbackMail;
import org.camelmm7.RunningGateway;
import org.camelmm7.SmtpSink;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool to SMTP (GreenMail): envelope rules, attachment bytes, a relay outage, a restart, and retries that run out. */
class MailDeliveryTest {

    @TempDir
    Path dir;
    private final int smtpPort = RunningGateway.freePortForRestarts();
    private GreenMail relay;

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.stop();
        }
    }

    private void startRelay() {
        relay = new GreenMail(LoopbackMail.setup(smtpPort, "smtp"));
        relay.start();
    }

    private Map<String, String> smtp(String... more) {
        Map<String, String> m = new HashMap<>(Map.of("mm7.mail.uri", "smtp://127.0.0.1:" + smtpPort,
                "mm7.server.default-email-from-domain", "mms.operator.example", "mm7.server.default-email-to-domain", "vasp.example"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    private static byte[] deliverWithRecipients(String tx) {
        return Samples.envelope(tx, "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<Sender><Number>+15551234567</Number></Sender><Recipients>"
                + "<To><ShortCode>12345</ShortCode><RFC2822Address displayOnly=\"true\">shown@vasp.example</RFC2822Address></To>"
                + "<Bcc><RFC2822Address>audit@vasp.example</RFC2822Address></Bcc></Recipients>"
                + "<Subject>Grüße " + tx + "</Subject></DeliverReq>").getBytes(StandardCharsets.UTF_8);
    }

    private void awaitMessages(int count, int seconds) {
        await().atMost(Duration.ofSeconds(seconds)).until(() -> relay.getReceivedMessages().length >= count);
    }

    private long messagesFor(String email) {
        return relay.findReceivedMessages(u -> u.getEmail().equals(email), m -> true).count();
    }

    @Test
    void deliversToTheEnvelopeWithBccHiddenAndDisplayOnlyShownButNotDelivered() throws Exception {
        startRelay();
        try (RunningGateway gw = RunningGateway.start(dir, smtp())) {
            assertThat(gw.post("/ringtones/", "text/xml", deliverWithRecipients("bcc-1")).statusCode()).isEqualTo(200);

            awaitMessages(2, 10);
            assertThat(messagesFor("12345@vasp.example")).isEqualTo(1);
            assertThat(messagesFor("audit@vasp.example")).isEqualTo(1);
            assertThat(messagesFor("shown@vasp.example")).isZero();
            MimeMessage mail = relay.getReceivedMessages()[0];
            assertThat(mail.getHeader("Bcc")).isNull();
            assertThat(mail.getHeader("X-Receiver")).isNull();
            assertThat(mail.getHeader("To", ",")).contains("12345@vasp.example", "shown@vasp.example");
            assertThat(mail.getSubject()).isEqualTo("Grüße bcc-1");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("+15551234567@mms.operator.example");
            assertThat(mail.getMessageID()).matches("<[0-9a-f]+-[0-9a-f]{6}-[0-9a-f]{6}@gw\\.test>");
            assertThat(mail.getHeader("X-MM7-Gateway-ID", null)).isEqualTo(mail.getMessageID().substring(1, mail.getMessageID().indexOf('@')));
        }
    }

    @Test
    void authenticatesToTheRelayWithTheCredentialsOfTheUri() throws Exception {
        relay = new GreenMail(LoopbackMail.setup(smtpPort, "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("gateway", "s3cret"));
        relay.start();
        try (RunningGateway gw = RunningGateway.start(dir, smtp("mm7.mail.uri",
                "smtp://127.0.0.1:" + smtpPort + "?username=gateway&password=s3cret&mail.smtp.auth=true"))) {
            assertThat(gw.post("/ringtones/", "text/xml", deliverWithRecipients("auth-1")).statusCode()).isEqualTo(200);
            awaitMessages(2, 10);
            assertThat(relay.getReceivedMessages()[0].getSubject()).isEqualTo("Grüße auth-1");
        }
    }

    @Test
    void attachmentsArriveByteIdentical() throws Exception {
        startRelay();
        try (RunningGateway gw = RunningGateway.start(dir, smtp())) {
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
            awaitMessages(2, 10);
            MimeMessage mail = relay.getReceivedMessages()[0];
            MimeMultipart mixed = (MimeMultipart) mail.getContent();
            BodyPart gif = mixed.getBodyPart(1);
            assertThat(gif.getFileName()).isEqualTo("pixel.gif");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            gif.getInputStream().transferTo(bytes);
            assertThat(bytes.toByteArray()).isEqualTo(Samples.resource("pixel.gif"));
            assertThat(mixed.getBodyPart(0).getContent()).isEqualTo("Sunset over the harbour \u2014 taken at 19:02.");
        }
    }

    @Test
    void freshMailGoesToTheMailLegInMemoryWithoutASpoolFile() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of()); WatchService watch = FileSystems.getDefault().newWatchService()) {
            gw.spool().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            for (int i = 0; i < 10; i++) {
                assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 10);
            // a spool file (or its temporary name) would have shown up as created
            WatchKey created = watch.poll(1, TimeUnit.SECONDS);
            assertThat(created == null ? List.of() : created.pollEvents()).isEmpty();
        }
    }

    /**
     * A spool entry delivered again to a file outbox that holds its mail already (what a kill -9
     * between the outbox write and the DONE record leads to): written over as before, but counted
     * and said, so the duplicate an SMTP relay would see is not invisible here.
     */
    @Test
    void aMailTheOutboxHoldsAlreadyIsCountedAsDeliveredAgain() throws Exception {
        try (CapturedLog log = CapturedLog.start(); RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);
            Path delivered = RunningGateway.files(gw.outbox()).get(0);
            assertThat(metrics(gw)).contains("mm7_mail_redelivered 0.0");

            // the same entry once more in the spool, as the journal writes it back after a crash
            Path again = gw.spool().resolve("." + delivered.getFileName() + ".part");
            Files.copy(delivered, again);
            Files.move(again, gw.spool().resolve(delivered.getFileName()));
            await().atMost(Duration.ofSeconds(10)).until(() -> metrics(gw).contains("mm7_mail_redelivered 1.0"));
            assertThat(log.containing("delivered again")).hasSize(1);
            assertThat(RunningGateway.files(gw.outbox())).hasSize(1);
        }
    }

    private static String metrics(RunningGateway gw) {
        return RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).build()).body();
    }

    @Test
    void aRelayThatIsDownForAWhileGetsTheMailOnceItIsUp() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, smtp())) {
            assertThat(gw.post("/ringtones/", "text/xml", deliverWithRecipients("outage-1")).statusCode()).isEqualTo(200);
            Thread.sleep(1500); // a few failed attempts against the closed port
            assertThat(RunningGateway.files(gw.spool())).hasSize(1);
            startRelay();
            awaitMessages(2, 15);
            await().atMost(Duration.ofSeconds(5)).until(() -> RunningGateway.files(gw.spool()).isEmpty());
            assertThat(RunningGateway.files(gw.failed())).isEmpty();
        }
    }

    @Test
    void spooledMailSurvivesARestartAndIsDeliveredAfterIt() throws Exception {
        int httpPort = RunningGateway.freePort();
        try (RunningGateway first = RunningGateway.start(dir, httpPort, smtp())) {
            for (int i = 0; i < 3; i++) {
                assertThat(first.post("/ringtones/", "text/xml", deliverWithRecipients("restart-" + i)).statusCode()).isEqualTo(200);
            }
        }
        assertThat(RunningGateway.files(dir.resolve("spool"))).hasSize(3);

        startRelay();
        try (RunningGateway second = RunningGateway.start(dir, httpPort, smtp())) {
            awaitMessages(6, 15);
            assertThat(messagesFor("12345@vasp.example")).isEqualTo(3);
            await().atMost(Duration.ofSeconds(5)).until(() -> RunningGateway.files(second.spool()).isEmpty());
        }
    }

    @Test
    void aStopDuringARelayOutageKeepsEveryAcceptedMailAndARestartDeliversThem() throws Exception {
        int httpPort = RunningGateway.freePort();
        int accepted = 20;
        // a relay that takes connections and never greets: attempts hang until the mail timeout,
        // so the stop's grace time runs out while deliveries are in flight and others wait for a retry
        try (HangingRelay relayThatHangs = new HangingRelay(smtpPort);
                RunningGateway first = RunningGateway.start(dir, httpPort, smtp("camel.main.shutdown-timeout", "1",
                        "mm7.mail.uri", "smtp://127.0.0.1:" + smtpPort + "?mail.smtp.timeout=1500&mail.smtp.connectiontimeout=1500"))) {
            for (int i = 0; i < accepted; i++) {
                assertThat(first.post("/ringtones/", "text/xml", deliverWithRecipients("outage-stop-" + i)).statusCode()).isEqualTo(200);
            }
            Thread.sleep(2500);
        }
        // nothing moved out of the spool: what was in delivery is in the spool or, if it was in memory, in its journal
        assertThat(dir.resolve("failed-unhandled")).doesNotExist();
        assertThat(RunningGateway.files(dir.resolve("failed"))).isEmpty();

        startRelay();
        try (RunningGateway second = RunningGateway.start(dir, httpPort, smtp())) {
            awaitMessages(2 * accepted, 30);
            assertThat(messagesFor("12345@vasp.example")).isEqualTo(accepted);
            await().atMost(Duration.ofSeconds(5)).until(() -> RunningGateway.files(second.spool()).isEmpty());
        }
    }

    @Test
    void writesThatNeverFinishedAreRemovedAtStartAndAcceptedEntriesDelivered() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Files.writeString(spool.resolve(".1a2b-000001.eml.part"), "X-Sender: half");
        // a large mail's spill file, left by a stop while it was being spooled
        Files.writeString(spool.resolve(".1a2b-000003.spill"), "Content-Type: image/jpeg");
        try (RunningGateway first = RunningGateway.start(dir, Map.of())) {
            assertThat(spool.resolve(".1a2b-000003.spill")).doesNotExist();
            assertThat(spool.resolve(".1a2b-000001.eml.part")).doesNotExist();
            assertThat(first.post("/ringtones/", "text/xml", deliverWithRecipients("kept-1")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(first.outbox()).size() == 1);
        }
        Files.writeString(dir.resolve("outbox/.1a2b-000002.eml.part"), "X-Sender: half");
        try (RunningGateway second = RunningGateway.start(dir, Map.of())) {
            assertThat(RunningGateway.files(second.spool())).isEmpty();
            assertThat(RunningGateway.files(second.outbox())).hasSize(1).allSatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".eml"));
        }
    }

    @Test
    void aMailAppearsInTheOutboxOnlyWhenItIsComplete() throws Exception {
        byte[] photo = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(photo);
        String b64 = Base64.getMimeEncoder().encodeToString(photo);
        byte[] body = Samples.swa("b1", "Content-Type: text/xml; charset=utf-8\nContent-ID: <soap>",
                Samples.envelope("big-1", Samples.deliverBody("cid:mm")), "Content-ID: <mm>\nContent-Type: image/jpeg\nContent-Transfer-Encoding: base64",
                b64, "\r\n");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.max-request-size", "20000000"))) {
            Set<Long> sizesSeen = ConcurrentHashMap.newKeySet();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (watching.get()) {
                    try {
                        for (Path p : RunningGateway.files(gw.outbox())) {
                            if (p.getFileName().toString().endsWith(".eml")) {
                                sizesSeen.add(Files.size(p));
                            }
                        }
                    } catch (IOException movedAway) {
                        // listed, then gone: not a sighting
                    }
                }
            });
            reader.start();
            assertThat(gw.post("/ringtones/", "multipart/related; boundary=\"b1\"; type=\"text/xml\"; start=\"<soap>\"", body).statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> RunningGateway.files(gw.spool()).isEmpty() && !RunningGateway.files(gw.outbox()).isEmpty());
            watching.set(false);
            reader.join();
            long complete = Files.size(RunningGateway.files(gw.outbox()).get(0));
            assertThat(sizesSeen).as("every size a reader of the outbox saw").containsOnly(complete);
        }
    }

    @Test
    void mailThatFinallyFailsIsSetAsideWithItsReason() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, smtp("mm7.mail.retry.maximum-redeliveries", "2",
                "mm7.mail.retry.initial-delay", "100", "mm7.mail.retry.maximum-delay", "200"))) {
            assertThat(gw.post("/ringtones/", "text/xml", deliverWithRecipients("doomed-1")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> !RunningGateway.files(gw.failed()).isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> RunningGateway.files(gw.spool()).isEmpty());
            String failed = Files.readString(RunningGateway.files(gw.failed()).get(0), StandardCharsets.UTF_8);
            assertThat(failed).startsWith("X-MM7-Delivery-Failure: ").contains("Connection refused", "X-Receiver: audit@vasp.example",
                    "X-MM7-TransactionID: doomed-1");

            // the mail leg in the mail log: T for the attempt from memory, T before each of the spool's 2 retries, then P
            await().atMost(Duration.ofSeconds(5)).until(() -> MmsLogRoutesTest.mailRecords(gw.mailLog(), "P").size() == 1);
            List<String[]> retries = MmsLogRoutesTest.mailRecords(gw.mailLog(), "T");
            assertThat(retries).hasSize(1 + 2);
            String[] p = MmsLogRoutesTest.mailRecords(gw.mailLog(), "P").get(0);
            assertThat(p[5]).isEqualTo("12345\\@vasp.example,audit\\@vasp.example");
            assertThat(p[6]).isEqualTo("+15551234567\\@mms.operator.example");
            assertThat(p[7]).isEqualTo("127.0.0.1");
            assertThat(p[9]).isEqualTo("smtp");
            assertThat(p[10]).isEqualTo("mail");
            assertThat(p[11]).contains("Couldn't connect");
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P")).as("the MMS log holds MM7 events only").isEmpty();
            HttpResponse<String> metrics = RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).build());
            assertThat(metrics.body()).contains("mm7_spool_set_aside 1.0", "mm7_mail_deliveries_total{outcome=\"failed\"} 1.0");
        }
    }

    /** T is written as the attempt fails, not a back-off later when the retry starts (nor never, if the gateway stops meanwhile). */
    @Test
    void aFailedAttemptIsLoggedWhenItFailsNotWhenItIsRetried() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, smtp("mm7.mail.retry.initial-delay", "60000", "mm7.mail.retry.maximum-delay", "60000"))) {
            assertThat(gw.post("/ringtones/", "text/xml", deliverWithRecipients("slow-retry-1")).statusCode()).isEqualTo(200);
            // the attempt from memory, then the spool's first attempt: both failed, each retried only a minute later
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.mailRecords(gw.mailLog(), "T").size() == 2);
            assertThat(MmsLogRoutesTest.mailRecords(gw.mailLog(), "T")).allSatisfy(t -> assertThat(t[11]).contains("Couldn't connect"));
        }
    }

    @Test
    void aRelaysPermanentRefusalOfMailFromMemorySetsItAsideAtOnce() throws Exception {
        try (SmtpSink refusing = SmtpSink.refusingRecipients();
                RunningGateway gw = RunningGateway.start(dir, smtp("mm7.mail.uri", "smtp://127.0.0.1:" + refusing.port()))) {
            assertThat(gw.post("/ringtones/", "text/xml", deliverWithRecipients("refused-1")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.mailRecords(gw.mailLog(), "P").size() == 1);
            assertThat(RunningGateway.files(gw.failed())).hasSize(1);
            assertThat(Files.readString(RunningGateway.files(gw.failed()).get(0), StandardCharsets.UTF_8))
                    .startsWith("X-MM7-Delivery-Failure: ").contains("550", "X-MM7-TransactionID: refused-1");
            // one attempt, no retry: the relay was asked once for each of the 2 recipients, and no T was written
            assertThat(refusing.recipients()).isEqualTo(2);
            assertThat(MmsLogRoutesTest.mailRecords(gw.mailLog(), "T")).isEmpty();
            assertThat(RunningGateway.files(gw.spool())).isEmpty();
        }
    }

    @Test
    void aSpoolThatCannotBeWrittenAnswers4006AndAcceptsNothing() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.spool.uri", "file:" + blocker.resolve("spool") + "?tempFileName=.${file:name}.part"))) {
            HttpResponse<String> r = gw.post("/ringtones/", "text/xml", deliverWithRecipients("nospool-1"));
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("<faultcode>env:Server</faultcode>", "<StatusCode>4006</StatusCode>", ">nospool-1</mm7:TransactionID>");
            assertThat(RunningGateway.files(gw.outbox())).isEmpty();
        }
    }

    @Test
    void aRelayThatIsDownDoesNotPullTheSpoolIntoMemory() throws Exception {
        int closedPort = RunningGateway.freePort();
        String spoolTwoAtATime = "file:" + dir.resolve("spool") + "?tempFileName=.${file:name}.part&delete=true&readLock=none"
                + "&maxMessagesPerPoll=2&initialDelay=100&delay=100";
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.mail.uri", "smtp://127.0.0.1:" + closedPort, "mm7.spool.uri", spoolTwoAtATime,
                "mm7.mail.max-in-flight", "4", "mm7.mail.retry.initial-delay", "60000"))) {
            for (int i = 0; i < 20; i++) {
                assertThat(gw.post("/ringtones/", "text/xml", deliverWithRecipients("held-" + i)).statusCode()).isEqualTo(200);
            }
            Thread.sleep(3000);
            // a few in delivery (each waiting a minute for its retry), the rest left in the spool
            assertThat(gw.context().getInflightRepository().size("deliver-spooled-mail")).isBetween(1, 4 + 2);
            assertThat(RunningGateway.files(gw.spool())).hasSize(20);
        }
    }
}
