package org.camelmm7.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.camelmm7.RunningGateway;
import org.camelmm7.SmtpSink;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mail leg keeps its SMTP connections open for several mails, as many as mm7.mail.smtp.mails-per-connection. */
class SmtpConnectionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} mails per connection, {1} delivery threads")
    @CsvSource({"100, 2", "1, 2", "5, 1"})
    void mailsShareConnections(int mailsPerConnection, int threads) throws Exception {
        try (SmtpSink relay = new SmtpSink();
             RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.mail.uri", "smtp://127.0.0.1:" + relay.port(),
                     "mm7.mail.smtp.mails-per-connection", Integer.toString(mailsPerConnection), "mm7.mail.concurrency", Integer.toString(threads)))) {
            for (int i = 0; i < 20; i++) {
                assertThat(gw.post("/ringtones/", "text/xml", deliverReq("reuse-" + i)).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.mails() == 20);
            int least = (20 + mailsPerConnection - 1) / mailsPerConnection;
            assertThat(relay.connections()).isBetween(least, Math.max(least, threads * (least + 1)));
        }
    }

    private static byte[] deliverReq(String tx) {
        return Samples.envelope(tx, "<DeliverReq xmlns=\"" + Samples.NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<Sender><Number>+15551234567</Number></Sender><Recipients><To><RFC2822Address>ann@example.org</RFC2822Address></To>"
                + "</Recipients><Subject>" + tx + "</Subject></DeliverReq>").getBytes(StandardCharsets.UTF_8);
    }
}
