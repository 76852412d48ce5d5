package org.camelmm7.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.Exchange;
import org.camelmm7.RunningGateway;
import org.junit.jupiter.api.Test;

/**
 * routes/mail-delivery.camel.yaml on its own (camel-test-main-junit5, the gateway's configuration,
 * no MM7 port): what is sent to mm7spool:incoming reaches the mail endpoint and leaves the spool; a
 * mail set aside is written with the line that says why.
 */
class MailDeliveryRoutesTest extends RouteFileTestSupport {

    @Override
    String routeFile() {
        return "mail-delivery.camel.yaml";
    }

    private static byte[] pickupMail(String id) {
        return ("X-Sender: ann@example.org\r\nX-Receiver: bob@example.org\r\nFrom: ann@example.org\r\nTo: bob@example.org\r\n"
                + "Subject: " + id + "\r\nMessage-ID: <" + id + "@gw.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A spool entry's headers, as the spool gives them. */
    private static Map<String, Object> entry(String name) {
        return Map.of(Exchange.FILE_NAME, name, Exchange.FILE_NAME_ONLY, name);
    }

    @Test
    void whatIsSpooledReachesTheOutboxAndLeavesTheSpool() throws Exception {
        template.sendBodyAndHeaders("mm7spool:incoming", pickupMail("spooled-1"), entry("spooled-1.eml"));
        Path delivered = dir.resolve("outbox/spooled-1.eml");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(delivered));
        assertThat(Files.readString(delivered)).contains("Subject: spooled-1", "hello");
        await().atMost(Duration.ofSeconds(5)).until(() -> RunningGateway.files(dir.resolve("spool")).isEmpty());
    }

    @Test
    void aMailSetAsideIsWrittenWithItsReasonFirst() throws Exception {
        template.sendBodyAndHeaders("direct:set-aside-undeliverable-mail", pickupMail("aside-1"), entry("aside-1.eml"));
        Path aside = dir.resolve("failed/aside-1.eml");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(aside));
        assertThat(Files.readString(aside)).startsWith("X-MM7-Delivery-Failure: unknown\r\nX-Sender: ann@example.org");
    }
}
