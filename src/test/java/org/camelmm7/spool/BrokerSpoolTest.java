package org.camelmm7.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
                "mm7.spool.uri", "jms:queue:mm7-spool?disableReplyTo=true&transacted=true&concurrentConsumers=4",
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
            assertThat(broker.messages("mm7-spool")).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> !MmsLogRoutesTest.records(gw.mmsLog(), "D").isEmpty());
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
            // taken off the spool once set aside (the consumer's transaction commits)
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.messages("mm7-spool") == 0);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "P")).hasSize(1);
            assertThat(MmsLogRoutesTest.records(gw.mmsLog(), "T")).hasSize(2);
        }
    }
}
