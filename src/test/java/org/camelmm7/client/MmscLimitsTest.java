package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camelmm7.RunningGateway;
import org.camelmm7.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MMSC's contract held by the client: {@code max-rate} paces submissions (one every 1/rate s),
 * {@code max-connections} caps those under way at once; each shown in the metrics. Each limit is
 * checked beside a run without it, so the measurement is seen to tell the two apart.
 */
class MmscLimitsTest {

    private static final long SECOND = 1_000_000_000L;
    /**
     * What the recording MMSC's arrival times may differ from the pace's departures: half of max-rate
     * 5's interval. A loaded CI machine was seen to deliver one request 45 ms late and the next early;
     * a departure a whole interval early (a burst the pace should not allow) still shows.
     */
    private static final long JITTER = SECOND / 5 / 2;

    @TempDir
    Path dir;

    private RunningGateway gateway(int mmscPort, String pickup, String... more) {
        Map<String, String> props = new HashMap<>(Map.of(
                "mm7.client.from-uri", pickup,
                "mm7.client.domains", "mmsc1",
                "mm7.client.domain.mmsc1.mail-domain", "mms.example.com",
                "mm7.client.domain.mmsc1.url", "http://127.0.0.1:" + mmscPort + "/mm7",
                "mms.logger.heartbeat", "0"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return RunningGateway.start(dir, props);
    }

    private static String mail(int i) {
        return "From: ann@example.org\r\nTo: 1555000" + i + "@mms.example.com\r\nSubject: campaign " + i + "\r\nMessage-ID: <c" + i
                + "@example.org>\r\n\r\nhello " + i + "\r\n";
    }

    private String pickupDirectory(int mails) throws Exception {
        Path pickup = Files.createDirectories(dir.resolve("pickup"));
        for (int i = 1; i <= mails; i++) {
            Files.writeString(pickup.resolve("mail-" + i + ".eml"), mail(i));
        }
        return "file:" + pickup + "?antInclude=*.eml&delete=true&initialDelay=100&delay=100";
    }

    /** The shortest time in which six submissions reached the MMSC (five intervals). */
    private static long shortestSixNanos(List<RecordingMmsc.Request> requests) {
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i + 5 < requests.size(); i++) {
            shortest = Math.min(shortest, requests.get(i + 5).receivedNanos() - requests.get(i).receivedNanos());
        }
        return shortest;
    }

    private static String metrics(RunningGateway gw) {
        return RunningGateway.send(HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).GET().build()).body();
    }

    @Test
    void withMaxRateFiveThirtyMailsReachTheMmscNoFasterThanFivePerSecond() throws Exception {
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> RecordingMmsc.submitRsp(r, 1000));
             RunningGateway gw = gateway(mmsc.port(), pickupDirectory(30), "mm7.client.domain.mmsc1.max-rate", "5")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mmsc.requests().size() == 30);
            List<RecordingMmsc.Request> requests = mmsc.requests();
            long span = requests.get(29).receivedNanos() - requests.get(0).receivedNanos();
            System.out.printf("max-rate 5: 30 submissions in %.2f s, six at the fastest in %.3f s%n", span / 1e9, shortestSixNanos(requests) / 1e9);
            // one every 200 ms: no six within a second, 29 intervals take 5.8 s
            assertThat(shortestSixNanos(requests)).isGreaterThan(SECOND - JITTER);
            assertThat(span).isGreaterThan(29 * SECOND / 5 - JITTER);
            assertThat(metrics(gw)).contains("mm7_client_mmsc_max_rate{domain=\"mmsc1\"} 5.0",
                    "mm7_client_submissions_total{domain=\"mmsc1\",outcome=\"delivered\"} 30.0");
        }
    }

    @Test
    void withoutMaxRateTheSameMailsArriveFasterThanFivePerSecond() throws Exception {
        try (RecordingMmsc mmsc = new RecordingMmsc(r -> RecordingMmsc.submitRsp(r, 1000));
             RunningGateway gw = gateway(mmsc.port(), pickupDirectory(30))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mmsc.requests().size() == 30);
            System.out.printf("no max-rate: six at the fastest in %.3f s%n", shortestSixNanos(mmsc.requests()) / 1e9);
            assertThat(shortestSixNanos(mmsc.requests())).isLessThan(SECOND - JITTER);
            assertThat(metrics(gw)).contains("mm7_client_mmsc_max_rate{domain=\"mmsc1\"} 0.0");
        }
    }

    private static void queue(TestBroker broker, int mails) throws Exception {
        try (var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(broker.url());
             jakarta.jms.JMSContext jms = factory.createContext()) {
            var queue = jms.createQueue("mm7-pickup");
            for (int i = 1; i <= mails; i++) {
                jms.createProducer().send(queue, mail(i).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** Four pickup consumers, an MMSC that takes 300 ms to answer: the most submissions under way at once. */
    private int mostAtOnce(String... limit) throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RecordingMmsc mmsc = new RecordingMmsc(r -> {
                 try {
                     Thread.sleep(300);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return RecordingMmsc.submitRsp(r, 1000);
             })) {
            queue(broker, 12);
            String[] props = new String[limit.length + 2];
            props[0] = "mm7.broker.url";
            // no read-ahead: the first consumer to connect would otherwise take all twelve
            props[1] = broker.url() + "&consumerWindowSize=0";
            System.arraycopy(limit, 0, props, 2, limit.length);
            try (RunningGateway gw = gateway(mmsc.port(), "jms:queue:mm7-pickup?transacted=true&concurrentConsumers=4", props)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> mmsc.requests().size() == 12);
                if (limit.length > 0) {
                    assertThat(metrics(gw)).contains("mm7_client_mmsc_max_connections{domain=\"mmsc1\"} 2.0",
                            "mm7_client_mmsc_connections_in_use{domain=\"mmsc1\"}", "mm7_client_mmsc_waiting{domain=\"mmsc1\"}");
                }
            }
            return mmsc.mostAtOnce();
        }
    }

    @Test
    void withMaxConnectionsTwoNoMoreThanTwoSubmissionsAreUnderWayAtOnce() throws Exception {
        assertThat(mostAtOnce("mm7.client.domain.mmsc1.max-connections", "2")).isEqualTo(2);
    }

    @Test
    void withoutMaxConnectionsTheFourPickupConsumersSubmitAtOnce() throws Exception {
        assertThat(mostAtOnce()).isGreaterThan(2);
    }
}
