package org.camelmm7.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;

import org.camelmm7.CapturedLog;
import org.camelmm7.LoopbackMail;
import org.camelmm7.Mm7Ctl;
import org.camelmm7.Mm7Ctl.Run;
import org.camelmm7.RunningGateway;
import org.camelmm7.SmtpSink;
import org.camelmm7.TestBroker;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Set-aside mail through tools/mm7ctl, as an operator runs it: a mail the relay refused for good is
 * listed, shown, requeued once the relay takes mail again (and delivered), or deleted; with the
 * directory spool and with the broker's set-aside queue. The management actions need a loopback
 * port or credentials.
 */
class SetAsideManagementTest {

    @TempDir
    Path dir;

    private static Run mm7ctl(RunningGateway gw, String... args) throws IOException, InterruptedException {
        return Mm7Ctl.run(gw, args);
    }

    private static String metrics(RunningGateway gw) {
        return RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).GET().build()).body();
    }

    private Map<String, String> relayOn(int smtp, String... more) {
        Map<String, String> m = new HashMap<>(Map.of("mm7.mail.uri", "smtp://127.0.0.1:" + smtp,
                "mm7.server.default-email-to-domain", "vasp.example"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    /** A DeliverReq refused for good by the relay on this port: set aside. Returns its set-aside ID. */
    private static String setAside(RunningGateway gw) throws Exception {
        assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> MmsLogRoutesTest.mailRecords(gw.mailLog(), "P").size() == 1);
        Run list = mm7ctl(gw, "set-aside", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).hasSize(1);
        String[] line = list.out().lines().findFirst().orElseThrow().split("\t");
        assertThat(line[3]).contains("550");
        return line[0];
    }

    /**
     * A relay on the port the refusing one had: the gateway's kept SMTP connection to that one may
     * hold the port for a moment after it closed (BindException seen in CI), so binding is tried again.
     */
    private static GreenMail relayTakingOver(int port) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            GreenMail relay = new GreenMail(LoopbackMail.setup(port, "smtp"));
            try {
                relay.start();
                return relay;
            } catch (IllegalStateException portStillHeld) {
                relay.stop();
                if (attempt == 30) {
                    throw portStillHeld;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static void requeuedAndDelivered(RunningGateway gw, String id, SmtpSink refusing, int port) throws Exception {
        Run shown = mm7ctl(gw, "set-aside", "display", id);
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).startsWith("X-MM7-Delivery-Failure: ").contains("550");
        // the spool entry as it was spooled (its envelope first), not the message made of it for the relay
        assertThat(shown.out().lines().skip(1).findFirst().orElseThrow()).startsWith("X-Sender: ");
        // the cause fixed: the relay takes mail again
        refusing.close();
        GreenMail relay = relayTakingOver(port);
        try (CapturedLog log = CapturedLog.start()) {
            Run requeued = mm7ctl(gw, "set-aside", "requeue", id);
            assertThat(requeued.exit()).as(requeued.err()).isZero();
            assertThat(requeued.out()).as(requeued.err()).isEqualTo("requeued " + id + "\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.getReceivedMessages().length >= 1);
            assertThat(relay.getReceivedMessages()[0].getSubject()).isEqualTo("Entry for the photo contest");
            await().atMost(Duration.ofSeconds(5)).until(() -> MmsLogRoutesTest.mailRecords(gw.mailLog(), "D").size() == 1);
            assertThat(mm7ctl(gw, "set-aside", "list").out()).isEmpty();
            assertThat(log.containing("set-aside mail " + id + " requeued by anonymous@127.0.0.1")).hasSize(1);
            // once: it is not set aside any more
            Run again = mm7ctl(gw, "set-aside", "requeue", id);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("HTTP 404", "no set-aside mail " + id);
        } finally {
            relay.stop();
        }
    }

    @Test
    void aMailSetAsideInTheDirectoryIsListedShownRequeuedAndDelivered() throws Exception {
        int port = RunningGateway.freePort();
        SmtpSink refusing = SmtpSink.refusingRecipients(port);
        try (refusing; RunningGateway gw = RunningGateway.start(dir, relayOn(port))) {
            String id = setAside(gw);
            assertThat(Files.exists(gw.failed().resolve(id))).isTrue();
            requeuedAndDelivered(gw, id, refusing, port);
            assertThat(RunningGateway.files(gw.failed())).isEmpty();
        }
    }

    @Test
    void aMailSetAsideOnTheBrokerIsRequeuedAndDelivered() throws Exception {
        int port = RunningGateway.freePort();
        SmtpSink refusing = SmtpSink.refusingRecipients(port);
        try (refusing; TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, relayOn(port, "mm7.broker.url", broker.url(),
                     "mm7.spool.uri", "jms:queue:mm7-spool?disableReplyTo=true&acknowledgementModeName=CLIENT_ACKNOWLEDGE&jmsMessageType=Bytes&concurrentConsumers=2",
                     "mm7.spool.failed-uri", "jms:queue:mm7-failed?disableReplyTo=true"))) {
            String id = setAside(gw);
            assertThat(id).startsWith("ID:");
            assertThat(broker.messages("mm7-failed")).isEqualTo(1);
            // counted by the broker for the metrics (sampled every 10 s), as the directory's files are
            await().atMost(Duration.ofSeconds(15)).until(() -> metrics(gw).contains("mm7_spool_set_aside 1.0"));
            requeuedAndDelivered(gw, id, refusing, port);
            assertThat(broker.messages("mm7-failed")).isZero();
            await().atMost(Duration.ofSeconds(15)).until(() -> metrics(gw).contains("mm7_spool_set_aside 0.0"));
        }
    }

    @Test
    void aDeletedMailIsGone() throws Exception {
        int port = RunningGateway.freePort();
        try (SmtpSink refusing = SmtpSink.refusingRecipients(port); CapturedLog log = CapturedLog.start();
             RunningGateway gw = RunningGateway.start(dir, relayOn(port))) {
            String id = setAside(gw);
            Run deleted = mm7ctl(gw, "set-aside", "delete", id);
            assertThat(deleted.exit()).as(deleted.err()).isZero();
            assertThat(RunningGateway.files(gw.failed())).isEmpty();
            assertThat(log.containing("set-aside mail " + id + " deleted by anonymous@127.0.0.1")).hasSize(1);
            assertThat(mm7ctl(gw, "set-aside", "display", id).exit()).isEqualTo(1);
            // names outside the directory are no set-aside mail
            assertThat(RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/mm7/set-aside/..%2Fspool")).GET().build()).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void aManagementPortBoundBeyondLoopbackWithoutCredentialsRefusesTheActions() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.management.host", "0.0.0.0"))) {
            Run list = mm7ctl(gw, "set-aside", "list");
            assertThat(list.exit()).isEqualTo(1);
            assertThat(list.err()).contains("HTTP 403", "without credentials");
            assertThat(RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).GET().build()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void withCredentialsTheActionsNameWhoAsked() throws Exception {
        Path users = Files.writeString(dir.resolve("management-users.properties"), "user.ops=s3cret,operator\nrole.operator=*\n");
        int port = RunningGateway.freePort();
        try (SmtpSink refusing = SmtpSink.refusingRecipients(port); CapturedLog log = CapturedLog.start();
             RunningGateway gw = RunningGateway.start(dir, relayOn(port, "mm7.management.host", "0.0.0.0",
                     "camel.management.authentication-enabled", "true", "camel.management.authentication-path", "/mm7/*",
                     "camel.management.basic-properties-file", users.toString()))) {
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.failed()).size() == 1);
            String id = RunningGateway.files(gw.failed()).get(0).getFileName().toString();
            assertThat(mm7ctl(gw, "set-aside", "list").err()).contains("HTTP 401");
            assertThat(mm7ctl(gw, "--user", "ops:wrong", "set-aside", "delete", id).err()).contains("HTTP 401");
            Run deleted = mm7ctl(gw, "--user", "ops:s3cret", "set-aside", "delete", id);
            assertThat(deleted.exit()).as(deleted.err()).isZero();
            assertThat(log.containing("set-aside mail " + id + " deleted by ops@127.0.0.1")).hasSize(1);
            // health and metrics stay open to the monitoring
            URI metrics = gw.managementUri("/observe/metrics");
            assertThat(RunningGateway.send(HttpRequest.newBuilder(metrics).GET().build()).statusCode()).isEqualTo(200);
        }
    }
}
