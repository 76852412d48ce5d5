package org.example.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estate as it runs: its Camel Main, its HTTP port, an MMSC's POST, its queue's consumer. */
class EstateTakesMm7Test {

    @TempDir
    Path dir;
    private Main estate;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        estate = new Main(EstateApplication.class);
        estate.addOverrideProperty("camel.server.port", String.valueOf(port));
        estate.addOverrideProperty("estate.reports-dir", dir.toString());
        estate.start();
    }

    @AfterEach
    void stop() {
        estate.stop();
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/estate/mm7"))
                .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private byte[] deliveryReport() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/delivery-report-req.xml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aDeliveryReportFromAnMmscReachesTheEstatesQueueAndIsAnswered1000() throws Exception {
        HttpResponse<String> answer = post(deliveryReport());
        assertThat(answer.statusCode()).as(answer::body).isEqualTo(200);
        assertThat(answer.body()).contains("DeliveryReportRsp", "<StatusCode>1000</StatusCode>", "dr-estate-1");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));

        Path reports = dir.resolve("delivery-reports.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(reports));
        assertThat(Files.readString(reports)).startsWith("msg-estate-1 Retrieved ").endsWith("15551230000\n");
    }

    @Test
    void anotherOperationIsAnsweredUnsupportedAndNotQueued() throws Exception {
        String report = new String(deliveryReport(), StandardCharsets.UTF_8);
        HttpResponse<String> answer = post(report.replace("DeliveryReportReq", "ReadReplyReq").replace("Retrieved", "Read")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(answer.body()).contains("ReadReplyRsp", "<StatusCode>4003</StatusCode>");
        // a report after it is the queue's first and only entry
        assertThat(post(deliveryReport()).statusCode()).isEqualTo(200);
        Path reports = dir.resolve("delivery-reports.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(reports));
        assertThat(Files.readAllLines(reports)).singleElement().asString().startsWith("msg-estate-1 Retrieved ");
    }

    @Test
    void whatIsNoMm7IsRefusedByTheDataFormat() throws Exception {
        HttpResponse<String> answer = post("<not-mm7/>".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(dir.resolve("delivery-reports.txt")).doesNotExist();
    }
}
