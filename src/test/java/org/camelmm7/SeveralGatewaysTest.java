package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import org.camelmm7.client.RecordingMmsc;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes as one: their tracking in one PostgreSQL database, their spool on one
 * Artemis queue, their mail to one SMTP relay. Measured here and reported in the README: what a
 * SIGKILL in the middle of intake loses (nothing) and duplicates.
 */
class SeveralGatewaysTest {

    private static final String SPOOL = "jms:queue:mm7-spool?disableReplyTo=true&acknowledgementModeName=CLIENT_ACKNOWLEDGE&jmsMessageType=Bytes&concurrentConsumers=4";

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private String emptyDatabase() throws Exception {
        String url = TestServers.postgresUrl();
        try (Connection c = DriverManager.getConnection(url, "mm7", "mm7"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return url;
    }

    /** A gateway in its own process and directory, tracking in the shared database. */
    private GatewayProcess gateway(String name, int port, String database, Map<String, String> more) throws IOException {
        Path home = dir.resolve(name);
        Map<String, String> p = new HashMap<>(Map.of(
                "mm7.client.tracking.jdbc-url", database,
                "mm7.client.tracking.username", "mm7",
                "mm7.client.tracking.password", "mm7",
                "mm7.mail.message-id-domain", name + ".test",
                "mms.logger.heartbeat", "0"));
        p.putAll(more);
        GatewayProcess g = GatewayProcess.start(home, "256m", p, Map.of("MM7_SERVER_PORT", Integer.toString(port), "MM7_SERVER_HOST", "127.0.0.1",
                "MM7_MANAGEMENT_PORT", Integer.toString(RunningGateway.freePort())));
        running.add(g);
        return g;
    }

    @Test
    void aDeliveryReportPostedToTheOtherGatewayIsMatchedThere() throws Exception {
        String database = emptyDatabase();
        int portA = RunningGateway.freePort();
        int portB = RunningGateway.freePort();
        // A submits to its own simulated MMSC, which posts the (negative) report to B
        gateway("a", portA, database, Map.of("mm7.simulator.enabled", "true", "mm7.simulator.statuses", "1000",
                "mm7.simulator.delivery-report-status", "Rejected", "mm7.simulator.delivery-report-delay", "500",
                "mm7.simulator.delivery-report-url", "http://127.0.0.1:" + portB + "/ringtones/",
                "mm7.client.domains", "sim", "mm7.client.domain.sim.mail-domain", "mms.example.com",
                "mm7.client.domain.sim.url", "http://127.0.0.1:" + portA + "/mmsc/", "mm7.client.domain.sim.delivery-report", "true"));
        gateway("b", portB, database, Map.of());
        Path pickup = Files.createDirectories(dir.resolve("a/pickup"));
        Files.move(Files.writeString(pickup.resolve(".m"), "From: ann@example.org\r\nTo: 15551234567@mms.example.com\r\nSubject: hi\r\n"
                + "Message-ID: <orig-1@example.org>\r\n\r\nhello\r\n"), pickup.resolve("m.eml"));

        Path logB = dir.resolve("b/log/mmslog.ec");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(logB) && !MmsLogRoutesTest.records(logB, "S").isEmpty());
        String[] s = MmsLogRoutesTest.records(logB, "S").get(0);
        assertThat(s[9]).as("%drl: seconds from A's submission to the report at B").matches("\\d+");
        assertThat(s[10]).isEqualTo("Rejected");
        Path bouncesB = dir.resolve("b/log/mmsbouncelog.ec");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(bouncesB) && !MmsLogRoutesTest.records(bouncesB, "O").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(dir.resolve("b/outbox")).size() == 1);
        String bounce = Files.readString(RunningGateway.files(dir.resolve("b/outbox")).get(0));
        assertThat(bounce).contains("ann@example.org").contains("orig-1@example.org");
        assertThat(MmsLogRoutesTest.records(dir.resolve("a/log/mmslog.ec"), "D")).hasSize(1);
    }

    @Test
    void aGatewayKilledInTheMiddleOfIntakeLosesNothingAnsweredAndTheOtherDeliversIt() throws Exception {
        String database = emptyDatabase();
        int smtp = RunningGateway.freePort();
        GreenMail relay = new GreenMail(LoopbackMail.setup(smtp, "smtp"));
        relay.start();
        running.add(relay::stop);
        TestBroker broker = TestBroker.start(dir.resolve("broker"));
        running.add(broker);
        Map<String, String> shared = Map.of("mm7.broker.url", broker.url(), "mm7.spool.uri", SPOOL,
                "mm7.spool.failed-uri", "jms:queue:mm7-failed?disableReplyTo=true", "mm7.mail.uri", "smtp://127.0.0.1:" + smtp);
        int portA = RunningGateway.freePort();
        GatewayProcess a = gateway("a", portA, database, shared);
        gateway("b", RunningGateway.freePort(), database, shared);

        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService load = Executors.newFixedThreadPool(8);
        String body = new String(Samples.deliverReq(), StandardCharsets.ISO_8859_1);
        for (int t = 0; t < 8; t++) {
            load.submit(() -> {
                for (int n = sent.incrementAndGet(); n <= 2000 && !killed.get(); n = sent.incrementAndGet()) {
                    String subject = "load-" + n;
                    byte[] request = body.replace("Entry for the photo contest", subject).getBytes(StandardCharsets.ISO_8859_1);
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA + "/photo_contest/"))
                                .timeout(Duration.ofSeconds(20)).header("Content-Type", Samples.deliverReqContentType())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && r.body().contains("<StatusCode>1000</StatusCode>")) {
                            answered.add(subject);
                        }
                    } catch (IOException | InterruptedException gone) {
                        // A is gone: what it answered is what counts
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= 1000);
        a.kill();
        killed.set(true);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        // B takes over what A had on the queue, in delivery included
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> delivered(relay).containsAll(answered));
        List<String> all = subjects(relay);
        Set<String> unique = new HashSet<>(all);
        // the relay keeps one copy per envelope recipient: a mail delivered twice shows as twice that many
        Map<String, Integer> copies = new HashMap<>();
        all.forEach(x -> copies.merge(x, 1, Integer::sum));
        int perMail = copies.values().stream().min(Integer::compare).orElse(1);
        long duplicates = copies.values().stream().mapToLong(c -> c / perMail - 1).sum();
        System.out.printf("several gateways: %d answered 1000 by A before SIGKILL, %d mails delivered, %d lost, %d duplicates, %d on the queue%n",
                answered.size(), unique.size(), answered.stream().filter(x -> !unique.contains(x)).count(), duplicates, broker.messages("mm7-spool"));
        assertThat(unique).containsAll(answered);
        assertThat(broker.messages("mm7-failed")).isZero();
    }

    @Test
    void mailOnThePickupQueueIsSubmittedByWhicheverGatewayTakesItAndNoneIsLostWhenOneIsKilled() throws Exception {
        String database = emptyDatabase();
        TestBroker broker = TestBroker.start(dir.resolve("broker"));
        running.add(broker);
        RecordingMmsc mmsc = new RecordingMmsc(r -> RecordingMmsc.submitRsp(r, 1000));
        running.add(mmsc);
        Map<String, String> shared = Map.of("mm7.broker.url", broker.url(),
                "mm7.client.from-uri", "jms:queue:mm7-pickup?transacted=true&concurrentConsumers=2",
                "mm7.client.domains", "operator", "mm7.client.domain.operator.mail-domain", "mms.example.com",
                "mm7.client.domain.operator.url", "http://127.0.0.1:" + mmsc.port() + "/mm7");
        GatewayProcess a = gateway("a", RunningGateway.freePort(), database, shared);
        gateway("b", RunningGateway.freePort(), database, shared);

        int mails = 300;
        try (var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(broker.url());
             jakarta.jms.JMSContext jms = factory.createContext()) {
            var queue = jms.createQueue("mm7-pickup");
            for (int i = 1; i <= mails; i++) {
                jms.createProducer().send(queue, ("From: ann@example.org\r\nTo: 1555000" + i + "@mms.example.com\r\nSubject: pickup-" + i
                        + "\r\nMessage-ID: <p" + i + "@example.org>\r\n\r\nhello " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> mmsc.requests().size() >= mails / 3);
        a.kill();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> submittedSubjects(mmsc).size() == mails && broker.messages("mm7-pickup") == 0);
        List<String> all = new ArrayList<>();
        for (RecordingMmsc.Request r : mmsc.requests()) {
            all.add(subjectOf(r));
        }
        System.out.printf("pickup on the broker: %d mails queued, %d submitted, %d submitted twice (A killed after %d)%n", mails,
                new HashSet<>(all).size(), all.size() - new HashSet<>(all).size(), mails / 3);
        assertThat(new HashSet<>(all)).hasSize(mails);
    }

    private static Set<String> submittedSubjects(RecordingMmsc mmsc) {
        Set<String> subjects = new HashSet<>();
        for (RecordingMmsc.Request r : mmsc.requests()) {
            subjects.add(subjectOf(r));
        }
        return subjects;
    }

    private static String subjectOf(RecordingMmsc.Request r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<Subject>([^<]*)</Subject>").matcher(new String(r.body(), StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "?";
    }

    private static Set<String> delivered(GreenMail relay) throws Exception {
        return new HashSet<>(subjects(relay));
    }

    private static List<String> subjects(GreenMail relay) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : relay.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }
}
