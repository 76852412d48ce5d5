package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.camelmm7.RunningGateway;
import org.camelmm7.TestBroker;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on an Artemis queue: accepted once the broker has the entry, delivered from it, set aside to a queue. */
class BrokerSpoolTest {

    @TempDir
    Path dir;

    static Map<String, String> brokerSpool(TestBroker broker, String... more) {
        Map<String, String> p = new HashMap<>(Map.of(
                "mm7.broker.url", broker.url(),
                "mm7.spool.uri", "jms:queue:mm7-spool?disableReplyTo=true&acknowledgementModeName=CLIENT_ACKNOWLEDGE&jmsMessageType=Bytes&concurrentConsumers=4",
                "mm7.spool.failed-uri", "jms:queue:mm7-failed?disableReplyTo=true"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void aDeliverReqIsSpooledOnTheBrokerAndDeliveredFromIt() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, brokerSpool(broker))) {
            HttpResponse<String> r = gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("<StatusCode>1000</StatusCode>");
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);
            Path eml = RunningGateway.files(gw.outbox()).get(0);
            assertThat(eml.getFileName().toString()).endsWith("-000001.eml");
            assertThat(java.nio.file.Files.readString(eml)).doesNotContain("JMS").contains("Subject:");
            // acknowledged once delivered; the consumer does not wait for the broker to take it
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.messages("mm7-spool") == 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> !MmsLogRoutesTest.mailRecords(gw.mailLog(), "D").isEmpty());
        }
    }

    @Test
    void mailAfterMailIsSpooledWithoutAskingTheBrokerForTheQueueEachTime() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, brokerSpool(broker))) {
            int requests = 20;
            postDeliverReqs(gw, requests); // sessions, producers and consumers opened
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == requests);
            long queriesBefore = broker.packetsReceived(PacketImpl.SESS_QUEUEQUERY);
            long sendsBefore = broker.packetsReceived(PacketImpl.SESS_SEND);
            postDeliverReqs(gw, requests);
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 2 * requests);
            // without cached destinations every send first asks the broker whether the queue exists
            assertThat(broker.packetsReceived(PacketImpl.SESS_SEND) - sendsBefore).isEqualTo(requests);
            assertThat(broker.packetsReceived(PacketImpl.SESS_QUEUEQUERY) - queriesBefore).isLessThan(3);
        }
    }

    @Test
    void mailAfterMailIsSentWithoutAskingTheBrokerForCreditEachTime() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, brokerSpool(broker))) {
            byte[] request = Samples.bigDeliverReq(new byte[48 * 1024]); // a mail larger than Artemis's default 64 KiB window
            int requests = 20;
            for (int i = 0; i < requests; i++) {
                assertThat(gw.post("/photo_contest/", Samples.bigDeliverReqContentType(), request).body())
                        .contains("<StatusCode>1000</StatusCode>");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == requests);
            // with the default window every send asks for credit first; with 1 MiB a session asks once per fifteen of these
            assertThat(broker.packetsReceived(PacketImpl.SESS_PRODUCER_REQUEST_CREDITS)).isLessThan(requests / 2);
        }
    }

    private static void postDeliverReqs(RunningGateway gw, int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).body())
                    .contains("<StatusCode>1000</StatusCode>");
        }
    }

    @Test
    void aBrokerRestartedUnderLoadCosts4006sAndNothingAcceptedAndIntakeResumesByItself() throws Exception {
        // every entry through the broker: with mail handed over in memory, a restart while the mail leg
        // keeps up costs no request a 4006 (seen once in a CI run), and the store's refusal is what is tested here
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, brokerSpool(broker, "mm7.mail.handoff-in-memory", "0"))) {
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Map<String, Integer> answers = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger n = new AtomicInteger();
            String sample = new String(Samples.deliverReq(), StandardCharsets.ISO_8859_1);
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                load.submit(() -> {
                    while (!stop.get()) {
                        String subject = "restart-" + n.incrementAndGet();
                        HttpResponse<String> r = gw.post("/photo_contest/", Samples.deliverReqContentType(),
                                sample.replace("Entry for the photo contest", subject).getBytes(StandardCharsets.ISO_8859_1));
                        String status = r.body().replaceAll("(?s).*<StatusCode>(\\d+)</StatusCode>.*", "$1");
                        answers.merge(r.statusCode() + "/" + status, 1, Integer::sum);
                        if ("1000".equals(status)) {
                            accepted.add(subject);
                        }
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() >= 50);
            broker.stop();
            Thread.sleep(3000);
            broker.start();
            int before = accepted.size();
            // intake takes up again by itself
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() > before + 50);
            stop.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            System.out.println("broker restart under load: answers " + answers);
            assertThat(answers.keySet()).allSatisfy(a -> assertThat(a).isIn("200/1000", "500/4006"));
            assertThat(answers).containsKey("500/4006");
            // by subject, not by count: a delivery the broker's restart interrupted may come twice
            await().atMost(Duration.ofSeconds(60)).until(() -> gw.delivered(Pattern.compile("Subject: (restart-\\d+)")).containsAll(accepted));
        }
    }


    @Test
    void aBrokerWithItsDiskFullCosts4006InTheStoreTimeAndTheGatewayKeepsServing() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             // a session's producer holds credit ahead (the gateway asks for 1 MiB), and sends it covers are taken (and
             // persisted) even once the broker blocks producers: with a window smaller than one mail every send asks for credit
             RunningGateway gw = RunningGateway.start(dir, brokerSpool(broker, "mm7.spool.store-timeout", "2000",
                     "mm7.broker.url", broker.url() + "&producerWindowSize=1024"))) {
            String sample = new String(Samples.deliverReq(), StandardCharsets.ISO_8859_1);
            postDeliverReqs(gw, 1); // the address exists, a session and its producer are open
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(gw.outbox()).size() == 1);
            broker.diskFull(true);
            // more requests than the listener has worker threads: without the limit every one of them waits for good
            ExecutorService mmsc = Executors.newFixedThreadPool(24);
            List<Future<HttpResponse<String>>> blocked = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 24; i++) {
                byte[] body = sample.replace("Entry for the photo contest", "while-blocked-" + i).getBytes(StandardCharsets.ISO_8859_1);
                blocked.add(mmsc.submit(() -> gw.post("/photo_contest/", Samples.deliverReqContentType(), body)));
            }
            for (Future<HttpResponse<String>> f : blocked) {
                HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(500);
                assertThat(r.body()).contains("<StatusCode>4006</StatusCode>");
            }
            mmsc.shutdown();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(15));
            // a load balancer learns of it: readiness is DOWN, the timeouts are counted
            HttpResponse<String> notReady = ready(gw);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"name\":\"spool-store\",\"status\":\"DOWN\"", "took no entry in 2000 ms");
            assertThat(RunningGateway.send(java.net.http.HttpRequest.newBuilder(gw.managementUri("/observe/metrics")).build()).body())
                    .contains("mm7_spool_store_timeouts 24.0");
            // the interrupted threads serve the next requests: accepted as soon as the broker takes messages again
            broker.diskFull(false);
            postDeliverReqs(gw, 30);
            await().atMost(Duration.ofSeconds(20)).until(() -> RunningGateway.files(gw.outbox()).size() == 31);
            Thread.sleep(1000);
            // the refused ones never reached the broker: the MMSC's retry will be their only copy
            assertThat(gw.delivered(Pattern.compile("Subject: (while-blocked-\\d+)"))).isEmpty();
            assertThat(RunningGateway.files(gw.outbox())).hasSize(31);
            assertThat(broker.messages("mm7-spool")).isZero();
            // the store took entries again: ready at once, not only when the DOWN time is over
            assertThat(ready(gw).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readinessReportsTheBroker() throws Exception {
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, brokerSpool(broker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ready(gw).statusCode() == 200);
            assertThat(ready(gw).body()).contains("{\"name\":\"broker\",\"status\":\"UP\"}");
            broker.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> ready(gw).statusCode() == 503);
            assertThat(ready(gw).body()).contains("{\"name\":\"broker\",\"status\":\"DOWN\"", "does not take a connection");
            broker.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> ready(gw).statusCode() == 200);
        }
    }

    private static HttpResponse<String> ready(RunningGateway gw) {
        return RunningGateway.send(java.net.http.HttpRequest.newBuilder(gw.managementUri("/observe/health/ready")).GET().build());
    }

    @Test
    void aGatewayStoppedWhileItsMailWaitsForARetryLeavesItOnTheQueueForTheNext() throws Exception {
        int closed = RunningGateway.freePort();
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"))) {
            try (RunningGateway gw = RunningGateway.start(Files.createDirectories(dir.resolve("first")),
                    brokerSpool(broker, "mm7.mail.uri", "smtp://127.0.0.1:" + closed))) {
                assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).body())
                        .contains("<StatusCode>1000</StatusCode>");
                // taken from the queue, tried, and waiting for the next attempt
                await().atMost(Duration.ofSeconds(10)).until(() -> !MmsLogRoutesTest.mailRecords(gw.mailLog(), "T").isEmpty());
            }
            // neither acknowledged nor set aside: the message is back on the queue
            assertThat(broker.messages("mm7-failed")).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.messages("mm7-spool") == 1);
            try (RunningGateway next = RunningGateway.start(Files.createDirectories(dir.resolve("next")), brokerSpool(broker))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> RunningGateway.files(next.outbox()).size() == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> broker.messages("mm7-spool") == 0);
            }
            assertThat(broker.messages("mm7-failed")).isZero();
        }
    }

    @Test
    void undeliverableMailIsSetAsideOnItsQueue() throws Exception {
        int closed = RunningGateway.freePort();
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"));
             RunningGateway gw = RunningGateway.start(dir, brokerSpool(broker, "mm7.mail.uri", "smtp://127.0.0.1:" + closed,
                     "mm7.mail.retry.maximum-redeliveries", "2"))) {
            assertThat(gw.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.messages("mm7-failed") == 1);
            // taken off the spool once set aside (the consumer acknowledges it)
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.messages("mm7-spool") == 0);
            // the logs are written in batches every 50 ms: the P line may follow the queue by a batch
            await().atMost(Duration.ofSeconds(5)).until(() -> MmsLogRoutesTest.mailRecords(gw.mailLog(), "P").size() == 1);
            assertThat(MmsLogRoutesTest.mailRecords(gw.mailLog(), "T")).hasSize(2);
        }
    }
}
