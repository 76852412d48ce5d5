package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.camelmm7.RunningGateway;
import org.camelmm7.hooks.Mm7HandleDeliveryReport;
import org.camelmm7.hooks.Mm7HandleSubmitRsp;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.hooks.Mm7PreSubmit;
import org.camelmm7.hooks.Mm7RequestEval;
import org.camelmm7.hooks.Mm7RequestView;
import org.camelmm7.hooks.SubmitRoute;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Samples;
import org.camelmm7.mm7.StatusCode;
import org.camelmm7.mm7.SubmitOutcome;
import org.camelmm7.simulator.MmscSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each extension point replaced by a bean of its name, as a user would, without touching the code. */
class ExtensionPointsTest {

    @TempDir
    Path dir;

    private RunningGateway start(String statuses, String drStatus, Map<String, Object> beans) {
        int port = RunningGateway.freePort();
        Map<String, String> props = new HashMap<>(Map.of(
                "mm7.simulator.enabled", "true", "mm7.simulator.statuses", statuses, "mm7.simulator.delivery-report-status", drStatus,
                "mm7.simulator.delivery-report-delay", "200", "mm7.client.domains", "m",
                "mm7.client.domain.m.mail-domain", "mms.example.com", "mm7.client.domain.m.url", "http://127.0.0.1:" + port + "/mmsc/",
                "mms.logger.heartbeat", "0", "mms.bounce-logger.heartbeat", "0"));
        return RunningGateway.start(dir, port, props, beans);
    }

    private void pickUp() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("ann@example.org");
        m.setRecipients(Message.RecipientType.TO, "15551234567@mms.example.com");
        m.setSubject("original");
        m.setText("hi");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        Files.createDirectories(dir.resolve("pickup"));
        Files.move(Files.write(dir.resolve("pickup/.tmp"), out.toByteArray()), dir.resolve("pickup/m.eml"));
    }

    private static boolean outboxHasMail(RunningGateway gw) throws Exception {
        return Files.isDirectory(gw.outbox()) && Files.list(gw.outbox()).findAny().isPresent();
    }

    @Test
    void requestEvalCanAnswerWithoutConvertingOrRefuse() throws Exception {
        Mm7RequestEval eval = request -> request.subject() != null && request.subject().contains("photo contest")
                ? new Mm7RequestEval.Decision(Mm7RequestEval.Action.DELIVERED, new Mm7Status(1100, "Partial success", null), "svc-77")
                : new Mm7RequestEval.Decision(Mm7RequestEval.Action.PERM_FAIL, Mm7Status.of(StatusCode.SERVICE_DENIED, "not today"), null);
        try (RunningGateway gw = start("1000", "", Map.of(Mm7Hooks.REQUEST_EVAL, eval))) {
            HttpResponse<String> handled = gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());
            assertThat(handled.statusCode()).isEqualTo(200);
            assertThat(handled.body()).contains("<StatusCode>1100</StatusCode>", "<ServiceCode>svc-77</ServiceCode>");
            HttpResponse<String> refused = gw.post("/ringtones/", "text/xml", Samples.envelope("r-1", Samples.deliverBody(null)).getBytes(StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("<StatusCode>4007</StatusCode>", "<Details>not today</Details>");
            Thread.sleep(500);
            assertThat(outboxHasMail(gw)).as("nothing converted").isFalse();
        }
    }

    /**
     * Momentum's mm7_request_eval may change the request before it is converted: here it drops a
     * recipient, replaces the picture, changes the subject and adds a header field to the mail. The
     * R record keeps the request as received.
     */
    @Test
    void requestEvalCanChangeRecipientsContentAndTheMail() throws Exception {
        byte[] replacement = "a different picture".getBytes(StandardCharsets.UTF_8);
        Mm7RequestEval eval = new Mm7RequestEval() {
            @Override
            public Decision evaluate(Mm7Request request) {
                return Decision.CONTINUE;
            }

            @Override
            public Decision evaluate(Mm7RequestView request) {
                request.cc().clear();
                request.subject("checked: " + request.subject());
                java.util.List<Mm7RequestView.ContentPart> parts = request.parts();
                for (int i = 0; i < parts.size(); i++) {
                    Mm7RequestView.ContentPart part = parts.get(i);
                    if (part.contentType().startsWith("image/")) {
                        parts.set(i, new Mm7RequestView.ContentPart("image/png", part.contentId(), "replaced.png", replacement));
                    }
                }
                request.mailHeaders().put("X-Campaign", "summer-contest");
                return Decision.CONTINUE;
            }
        };
        try (RunningGateway gw = start("1000", "", Map.of(Mm7Hooks.REQUEST_EVAL, eval))) {
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxHasMail(gw));
            String mail = Files.readString(RunningGateway.files(gw.outbox()).get(0), StandardCharsets.UTF_8);
            assertThat(mail).contains("X-Campaign: summer-contest", "Subject: checked: Entry for the photo contest", "replaced.png",
                    java.util.Base64.getEncoder().encodeToString(replacement));
            assertThat(mail).doesNotContain("photos@newsroom.example", "R0lGODlhAQABAIAAAP").contains("Sunset over the harbour");
            // R is queued as the answer goes out, and written with the log writer's next batch
            await().atMost(Duration.ofSeconds(5)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "R").isEmpty());
            String[] r = MmsLogRoutesTest.records(gw.mmsLog(), "R").get(0);
            assertThat(r[4]).as("R: the recipients as received").contains("photos\\@newsroom.example");
        }
    }

    /**
     * Momentum's mm7_handle_submitRsp may send a submission elsewhere: MMSC A refuses it (2002), the
     * hook reroutes it to MM7 domain B with another recipient, and B (the simulated MMSC) takes it at
     * the next attempt. A's failure is a T saying so; the D is B's.
     */
    @Test
    void handleSubmitRspCanRerouteToAnotherMm7DomainAndRecipients() throws Exception {
        Mm7HandleSubmitRsp reroute = new Mm7HandleSubmitRsp() {
            @Override
            public SubmitOutcome afterSubmit(Mm7Request submitReq, SubmitOutcome outcome) {
                return outcome;
            }

            @Override
            public SubmitRoute reroute(Mm7Request submitReq, SubmitOutcome outcome) {
                return outcome.status() != null && outcome.status().code() == 2002
                        ? new SubmitRoute("b", java.util.List.of("15557654321@mms.b.example")) : null;
            }
        };
        try (RecordingMmsc a = new RecordingMmsc(r -> RecordingMmsc.submitRsp(r, 2002))) {
            int port = RunningGateway.freePort();
            Map<String, String> props = new HashMap<>(Map.of(
                    "mm7.simulator.enabled", "true", "mm7.simulator.statuses", "1000", "mm7.simulator.delivery-report-status", "",
                    "mm7.client.domains", "a,b",
                    "mm7.client.domain.a.mail-domain", "mms.example.com", "mm7.client.domain.a.url", "http://127.0.0.1:" + a.port() + "/mm7",
                    "mm7.client.domain.b.mail-domain", "mms.b.example", "mm7.client.domain.b.url", "http://127.0.0.1:" + port + "/mmsc/",
                    "mm7.client.retry.initial-delay", "100", "mms.logger.heartbeat", "0"));
            try (RunningGateway gw = RunningGateway.start(dir, port, props, Map.of(Mm7Hooks.HANDLE_SUBMIT_RSP, reroute))) {
                pickUp();
                await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
                assertThat(a.requests()).hasSize(1);
                MmscSimulator simulator = gw.context().getRegistry().lookupByNameAndType("mmscSimulator", MmscSimulator.class);
                assertThat(simulator.received()).singleElement().satisfies(submit ->
                        // an envelope recipient the mail's To and Cc do not show goes as Bcc
                        assertThat(submit.recipients().all()).containsExactly(org.camelmm7.mm7.Mm7Address.number("15557654321")));
                String[] t = MmsLogRoutesTest.records(gw.mmsLog(), "T").get(0);
                assertThat(t[7]).isEqualTo("a");
                assertThat(t[10]).startsWith("rerouted to MM7 domain b after 2002");
                String[] d = MmsLogRoutesTest.records(gw.mmsLog(), "D").get(0);
                assertThat(d[7]).isEqualTo("b");
                assertThat(d[4]).isEqualTo("15557654321\\@mms.b.example");
                assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P")).isEmpty();
            }
        }
    }

    /** Momentum's MM7_Source_Address: the %sa of the submission's records, logging only; else the SenderAddress, else the mail's sender. */
    @Test
    void preSubmitCanSetTheSourceAddressTheLogsWrite() throws Exception {
        Mm7PreSubmit pre = new Mm7PreSubmit() {
            @Override
            public Mm7Request beforeSubmit(Mm7Request submitReq, jakarta.mail.internet.MimeMessage mail) {
                return submitReq;
            }

            @Override
            public String sourceAddress(Mm7Request submitReq, jakarta.mail.internet.MimeMessage mail) {
                return "campaign-42";
            }
        };
        try (RunningGateway gw = start("1000", "", Map.of(Mm7Hooks.PRE_SUBMIT, pre))) {
            pickUp();
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "D").get(0)[3]).isEqualTo("campaign-42");
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "X").get(0)[3]).isEqualTo("campaign-42");
            MmscSimulator simulator = gw.context().getRegistry().lookupByNameAndType("mmscSimulator", MmscSimulator.class);
            assertThat(new String(simulator.receivedBodies().get(0).bytes(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("campaign-42");
        }
        // no hook and no SenderAddress configured: the mail's sender (the same log file: its second D)
        try (RunningGateway gw = start("1000", "", Map.of())) {
            pickUp();
            await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.records(gw.mmsLog(), "D").size() == 2);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "D").get(1)[3]).isEqualTo("ann\\@example.org");
        }
    }

    @Test
    void preSubmitCanChangeAnySubmitReqField() throws Exception {
        Mm7PreSubmit pre = (request, mail) -> Mm7Request.builder(request.operation()).transaction(request.transaction())
                .senderIdentification(request.senderIdentification()).recipients(request.recipients()).content(request.content())
                .field("Subject", "changed by hook").field("ServiceCode", "premium").build();
        try (RunningGateway gw = start("1000", "", Map.of(Mm7Hooks.PRE_SUBMIT, pre))) {
            pickUp();
            MmscSimulator simulator = gw.context().getRegistry().lookupByNameAndType("mmscSimulator", MmscSimulator.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.received().size() == 1);
            assertThat(simulator.received().get(0).subject()).isEqualTo("changed by hook");
            assertThat(simulator.received().get(0).field("ServiceCode")).isEqualTo("premium");
        }
    }

    @Test
    void handleSubmitRspCanForceAPermanentFailure() throws Exception {
        Mm7HandleSubmitRsp handle = (request, outcome) -> new SubmitOutcome(SubmitOutcome.Kind.PERMANENT, outcome.status(), null, "refused by policy");
        try (RunningGateway gw = start("1000", "", Map.of(Mm7Hooks.HANDLE_SUBMIT_RSP, handle))) {
            pickUp();
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "P").isEmpty());
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P").get(0)[10]).isEqualTo("refused by policy");
            // no D: the submission failed (the bounce's e-mail delivery is in the mail log)
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "D")).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxHasMail(gw));
        }
    }

    @Test
    void handleDeliveryReportCanSuppressTheBounceMail() throws Exception {
        Mm7HandleDeliveryReport handle = (report, submission, negative) -> false;
        try (RunningGateway gw = start("1000", "Rejected", Map.of(Mm7Hooks.HANDLE_DELIVERY_REPORT, handle))) {
            pickUp();
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.bounceLog(), "O").isEmpty());
            Thread.sleep(700);
            assertThat(outboxHasMail(gw)).as("no bounce mail").isFalse();
        }
    }
}
