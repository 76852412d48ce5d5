package org.camelmm7.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.camelmm7.RunningGateway;
import org.camelmm7.client.EmailToSubmitReq;
import org.camelmm7.client.RecipientMapping;
import org.camelmm7.client.SubmitOptions;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Namespaces;
import org.camelmm7.mm7.Mm7ResponseParser;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.SubmitOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated MMSC over real HTTP: statuses in turn, and delivery reports posted back to the gateway. */
class MmscSimulatorTest {

    /** What a domain with no options of its own submits with: Momentum's defaults, as application.properties ships them. */
    private static final SubmitOptions MOMENTUM_DEFAULTS = new SubmitOptions(null, "MessageSystems-VASID", null, null, null, false, false, false,
            null, null, true, null, null);

    @TempDir
    Path dir;

    @Test
    void answersTheConfiguredStatusesAndPostsDeliveryReportsBackToTheVaspPath() throws Exception {
        int port = RunningGateway.freePort();
        try (RunningGateway gw = RunningGateway.start(dir, port, Map.of("mm7.simulator.enabled", "true",
                "mm7.simulator.statuses", "4006,1000", "mm7.simulator.delivery-report-status", "Rejected",
                "mm7.simulator.delivery-report-delay", "200", "mms.logger.heartbeat", "0"))) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
            mail.setFrom("ann@example.org");
            mail.setRecipients(Message.RecipientType.TO, "15551234567@mms.example.com");
            mail.setSubject("loop");
            mail.setText("hello");
            var submit = new EmailToSubmitReq(new RecipientMapping("mms.example.com", null), MOMENTUM_DEFAULTS,
                    Mm7Namespaces.REL_6_MM7_1_4, "6.8.0").convert(mail, List.of(new InternetAddress("15551234567@mms.example.com")), "sub-1", "c@gw");
            Mm7HttpBody body = new Mm7Writer().writeRequest(submit.request());
            Mm7ResponseParser parser = new Mm7ResponseParser();

            HttpResponse<String> first = gw.post("/mmsc/", body.contentType(), body.bytes());
            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(first.body()).contains("<RSErrorRsp", "<StatusCode>4006</StatusCode>", ">sub-1</mm7:TransactionID>");
            assertThat(SubmitOutcome.of(first.statusCode(), "text/xml", first.body().getBytes(), parser, Set.of()).kind()).isEqualTo(SubmitOutcome.Kind.TEMPORARY);

            HttpResponse<String> second = gw.post("/mmsc/", body.contentType(), body.bytes());
            SubmitOutcome delivered = SubmitOutcome.of(second.statusCode(), "text/xml", second.body().getBytes(), parser, Set.of());
            assertThat(delivered.kind()).isEqualTo(SubmitOutcome.Kind.DELIVERED);
            assertThat(delivered.messageId()).isEqualTo("sim-2");

            // the report comes back to the gateway's VASP path: S in the MMS log, O in the bounce log
            await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.records(gw.bounceLog(), "O").isEmpty());
            String[] status = MmsLogRoutesTest.records(gw.mmsLog(), "S").get(0);
            assertThat(status[8]).isEqualTo("\"sim-2\"");
            assertThat(status[10]).isEqualTo("Rejected");
            assertThat(status[3]).isEqualTo("15551234567");

            MmscSimulator simulator = gw.context().getRegistry().lookupByNameAndType("mmscSimulator", MmscSimulator.class);
            assertThat(simulator.received()).hasSize(2);
            assertThat(simulator.received().get(1).subject()).isEqualTo("loop");
        }
    }

    @Test
    void isOffByDefault() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            assertThat(gw.post("/mmsc/", "text/xml", "<x/>".getBytes()).statusCode()).isEqualTo(404);
        }
    }
}
