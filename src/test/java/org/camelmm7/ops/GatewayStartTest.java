package org.camelmm7.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.camelmm7.RawHttp;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the gateway while an MMSC already sends: the listener is bound before the routes start
 * (a port in use must stop the start), and in that window a request must not be answered 404,
 * which an MMSC reads as "no such VASP" and may bounce the MMS for.
 */
class GatewayStartTest {

    @TempDir
    Path dir;

    @Test
    void aRequestBeforeTheRoutesHaveStartedIsAnsweredRetryLaterNot404() throws Exception {
        int port = RunningGateway.freePort();
        byte[] deliverReq = RawHttp.post("/photo_contest/", Samples.deliverReqContentType(), Samples.deliverReq());
        List<String> answersWhileStarting = new CopyOnWriteArrayList<>();
        // Camel tells its event notifiers when it is about to start the routes, on the thread that starts them
        EventNotifierSupport probeBeforeTheRoutes = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                try (RawHttp peer = RawHttp.connect(port)) {
                    RawHttp.Answer answer = peer.exchange(deliverReq, Duration.ofSeconds(10));
                    answersWhileStarting.add(answer.status() + " " + answer.body());
                } catch (UncheckedIOException notListening) {
                    answersWhileStarting.add("not listening: " + notListening.getMessage());
                }
            }
        };
        try (RunningGateway gw = RunningGateway.start(dir, port, Map.of(), Map.of("probeBeforeTheRoutes", probeBeforeTheRoutes))) {
            assertThat(answersWhileStarting).as("probed once, before the routes started").hasSize(1);
            assertThat(answersWhileStarting.get(0)).as("the listener is bound already, and answers 'retry later'")
                    .startsWith("500 ").contains("<StatusCode>4006</StatusCode>").contains("the gateway is starting");

            try (RawHttp peer = RawHttp.connect(port)) {
                RawHttp.Answer answer = peer.exchange(deliverReq, Duration.ofSeconds(10));
                assertThat(answer.status()).as("once started").isEqualTo(200);
                assertThat(answer.body()).contains("<StatusCode>1000</StatusCode>");
            }
        }
    }
}
