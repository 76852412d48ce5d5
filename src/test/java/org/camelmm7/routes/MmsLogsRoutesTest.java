package org.camelmm7.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.log.MmsEventRecorder;
import org.camelmm7.mm7.Mm7RequestParser;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Samples;
import org.camelmm7.mm7.StatusCode;
import org.junit.jupiter.api.Test;

/**
 * routes/mms-logs.camel.yaml on its own (camel-test-main-junit5, the gateway's configuration, no MM7
 * port): what the recorder queues is written to the MMS log file by the writer route.
 */
class MmsLogsRoutesTest extends RouteFileTestSupport {

    @Override
    String routeFile() {
        return "mms-logs.camel.yaml";
    }

    @Test
    void aRecordedReceptionIsWrittenToTheMmsLog() throws Exception {
        Exchange answered = new DefaultExchange(context);
        Mm7Exchange.REQUEST.set(answered, new Mm7RequestParser().parse(Samples.deliverReqContentType(), Samples.deliverReq()));
        Mm7Exchange.ANSWERED.set(answered, Mm7Status.of(StatusCode.SUCCESS));
        Mm7Exchange.GATEWAY_ID.set(answered, "gw-logs-1");
        Mm7Exchange.PEER.set(answered, "192.0.2.1");
        Mm7Exchange.VASP_PATH.set(answered, "/photo_contest/");
        Mm7Exchange.RECEIVED_AT.set(answered, Instant.now());
        Mm7Exchange.REQUEST_SIZE.set(answered, 1234L);
        context.getRegistry().lookupByNameAndType("mmsEventRecorder", MmsEventRecorder.class).reception(answered);

        Path mmsLog = dir.resolve("log/mmslog.ec");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(mmsLog) && Files.readString(mmsLog).contains("@R@"));
        assertThat(Files.readString(mmsLog)).contains("@R@", "gw-logs-1", "\"vasp-deliver-0001\"", "1000");
    }
}
