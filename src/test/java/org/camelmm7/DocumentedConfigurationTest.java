package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camelmm7.DocumentedProperties.Example;
import org.camelmm7.DocumentedProperties.StandIns;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code properties} example of README.md and docs/ starts a gateway, with this machine's
 * stand-ins for the operator's files, hosts and ports ({@link StandIns}), and its sockets answer:
 * a delivery report on each documented socket, over TLS with the VASP's client certificate where
 * the example has a TLS socket.
 */
class DocumentedConfigurationTest {

    @TempDir
    Path dir;

    static Stream<Example> examples() {
        return DocumentedProperties.all().stream().filter(e -> !e.fragment());
    }

    @Test
    void theDocsHaveExamplesToStart() {
        assertThat(examples().map(Example::where)).anyMatch(w -> w.startsWith("README.md")).anyMatch(w -> w.startsWith("docs/"));
    }

    @Test
    void aStandInIsNotReplacedAgain() {
        // a JUnit directory named junit-1808912 once became junit-1<port>12, and the certificate was not found
        Example example = new Example("here", Map.of("mm7.server.tls.certificate", "/etc/mm7/tls/gateway.crt", "mm7.server.port", "8089"), false);
        Map<String, String> standIns = new LinkedHashMap<>();
        standIns.put("/etc/mm7/tls/gateway.crt", "/tmp/junit-1808912/estate/gateway.crt");
        standIns.put("8089", "41638");
        assertThat(example.with(standIns)).containsEntry("mm7.server.tls.certificate", "/tmp/junit-1808912/estate/gateway.crt")
                .containsEntry("mm7.server.port", "41638");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void startsAndAnswersOnItsSockets(Example example) throws Exception {
        StandIns standIns = StandIns.in(dir.resolve("estate"));
        TestBroker broker = null;
        try {
            if (example.properties().containsKey("mm7.broker.url")) {
                broker = TestBroker.start(dir.resolve("broker"));
                standIns = standIns.withServers(broker.url(), TestServers.postgresUrl());
            }
            Map<String, String> p = new HashMap<>(example.with(standIns.values()));
            p.put("mm7.simulator.enabled", "true");
            p.put("mms.logger.heartbeat", "0");
            assertThat(p.values()).as("%s: every placeholder has a stand-in", example.where()).noneMatch(v -> v.contains("example.net"));
            try (RunningGateway gw = RunningGateway.start(dir, standIns.plainPort(), p)) {
                List<String> listen = List.of(p.getOrDefault("mm7.server.listen", "").split(","));
                byte[] report = Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8);
                assertThat(gw.post("/ringtones/", "text/xml", report).statusCode()).as(example.where()).isEqualTo(200);
                if (listen.stream().anyMatch(s -> s.trim().endsWith("tls"))) {
                    HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.context(standIns.vasp(), standIns.ca()))
                            .connectTimeout(Duration.ofSeconds(5)).build();
                    HttpResponse<String> tls = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + standIns.tlsPort() + "/ringtones/"))
                            .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(report)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(tls.statusCode()).as(example.where() + " over TLS").isEqualTo(200);
                }
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
