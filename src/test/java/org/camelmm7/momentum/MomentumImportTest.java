package org.camelmm7.momentum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.camelmm7.DocumentedProperties;
import org.camelmm7.GatewayProcess;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tools/momentum-import on the configurations Momentum's documentation shows for its MM7 modules
 * (src/test/resources/momentum): what each becomes, and that the gateway starts with the result as
 * MM7_CONFIG (a process of its own, as an operator starts it) and serves the configured paths.
 */
class MomentumImportTest {

    @TempDir
    Path dir;

    private static String conf(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/momentum", name));
    }

    private static Properties properties(String imported) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(imported));
        return p;
    }

    @Test
    void theBarebonesServerWithItsTwoListensAndBothLoggers() throws Exception {
        String imported = MomentumImport.convert(conf("barebones.conf"), "barebones.conf");
        Properties p = properties(imported);
        assertThat(p).containsEntry("mm7.server.enabled", "true")
                .containsEntry("mm7.server.vasp-uri-paths", "/mm7/,/test1/,/test2/")
                .containsEntry("mm7.server.listen.listen1.address", ":8089")
                .containsEntry("mm7.server.listen.listen2.address", "[::1]:8089")
                .containsEntry("mms.logger.logfile", "var/log/ecelerity/mm7log.ec")
                .containsEntry("mms.logger.logmode", "0644")
                .containsEntry("mms.logger.heartbeat", "60")
                .containsEntry("mms.bounce-logger.bounce-logfile", "var/log/ecelerity/mmsbouncelog.ec");
        assertThat(imported).contains("# mm7_serv: debug_level = debug (line 4): not carried over: log levels are log4j2's",
                "# httpsrv { … } (line 10): not an MM7 module");
    }

    @Test
    void clientDomainsInBothSpellings() throws Exception {
        for (String file : new String[] {"client-before-3.5.6.conf", "client-3.5.6.conf"}) {
            Properties p = properties(MomentumImport.convert(conf(file), file));
            assertThat(p).as(file).containsEntry("mm7.server.enabled", "false")
                    .containsEntry("mm7.client.domains", "mm7-example-com")
                    .containsEntry("mm7.client.domain.mm7-example-com.mail-domain", "mm7.example.com")
                    .containsEntry("mm7.client.domain.mm7-example-com.url",
                            file.contains("before") ? "http://example.com:8080/" : "http://example.com:8080/mmssend")
                    .containsEntry("mm7.client.domain.mm7-example-com.basic-auth", "admin:secret")
                    .containsEntry("mm7.client.domain.mm7-example-com.version", "5.3.0")
                    .containsEntry("mm7.client.domain.mm7-example-com.vaspid", "test_global_vasp_id")
                    .containsEntry("mm7.client.domain.mm7-example-com.message-class", "personal")
                    .containsEntry("mm7.client.domain.mm7-example-com.delivery-report", "true");
        }
        assertThat(MomentumImport.convert(conf("client-before-3.5.6.conf"), "x")).contains("mm7_inactivity_timer = 300 (line 14): not carried over");
    }

    @Test
    void authenticationWithoutCredentialsThatCanBeCarriedOverRefusesRatherThanOpens() throws Exception {
        String imported = MomentumImport.convert(conf("digest-listener.conf"), "digest-listener.conf");
        assertThat(properties(imported)).containsEntry("mm7.server.always-deny", "true");
        assertThat(imported).contains("AuthDigestMD5Parameters".toLowerCase() + " = uri=ecauth:// (line 6): not carried over",
                "every request is refused (403) until mm7.server.auth-file names a user:password file");
        Properties withFile = properties(MomentumImport.convert(
                "HTTP_Listener {\n AuthDigestMD5Parameters = [ uri = \"file:///etc/mm7/users\" ]\n enable_authentication = true\n"
                        + " Listen \":8089\" { Peer \"10.0.0.0/8\" { always_allow = true } }\n}\n", "x"));
        assertThat(withFile).containsEntry("mm7.server.auth-file", "/etc/mm7/users").containsEntry("mm7.server.auth-schemes", "digest-md5")
                .containsEntry("mm7.server.listen.listen1.peer.peer1.address", "10.0.0.0/8")
                .containsEntry("mm7.server.listen.listen1.peer.peer1.always-allow", "true")
                .doesNotContainKey("mm7.server.always-deny");
    }

    @Test
    void aJlogInstanceWritesAFileOfItsOwnAndTheBarebonesClientADomain() throws Exception {
        String imported = MomentumImport.convert(conf("realtime-logger.conf"), "realtime-logger.conf");
        assertThat(properties(imported)).containsEntry("mms.logger.logfile", "/var/log/ecelerity/mmslog.ec")
                .containsEntry("mms.logger.instances", "mms_logger_rt").containsEntry("mms.logger.mms_logger_rt.logfile", "log/mms_logger_rt.ec");
        assertThat(imported).contains("a jlog journal is not written here");
        assertThat(properties(MomentumImport.convert(conf("client-barebones.conf"), "x")))
                .containsEntry("mm7.client.domain.mms-example-com.url", "http://10.0.0.1:8192/")
                .containsEntry("mm7.client.domain.mms-example-com.basic-auth", "admin:admin");
    }

    @Test
    void aConfigurationThatCannotBeReadNamesItsLine() {
        assertThatThrownBy(() -> MomentumImport.convert("mm7_serv {\n  mm7_vasp_uri_paths = (\"/a/\"\n}\n", "x"))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> MomentumImport.convert("mm7_serv {\n", "x")).hasMessageContaining("not closed");
    }

    /** Each documented configuration, imported, starts the gateway (MM7_CONFIG) and its paths answer. */
    @ParameterizedTest
    @ValueSource(strings = {"barebones.conf", "mm7-serv.conf", "digest-listener.conf", "realtime-logger.conf", "client-barebones.conf",
            "client-before-3.5.6.conf", "client-3.5.6.conf"})
    void theImportStartsTheGatewayAndServesItsPaths(String file) throws Exception {
        int port = RunningGateway.freePort();
        // this machine's free port for the documented one
        String imported = MomentumImport.convert(conf(file).replace("8089", Integer.toString(port)).replace("8081", Integer.toString(port))
                .replace("/var/log/ecelerity/", dir.resolve("var-log").toString() + "/"), file);
        Path config = Files.writeString(dir.resolve("mm7.properties"), imported);
        Properties p = properties(imported);
        Map<String, String> env = new HashMap<>(Map.of("MM7_CONFIG", config.toString(),
                "MM7_MANAGEMENT_PORT", Integer.toString(RunningGateway.freePort())));
        if (!p.containsKey("mm7.server.listen.listen1.address")) {
            env.put("MM7_SERVER_PORT", Integer.toString(port));
        }
        if ("false".equals(p.getProperty("mm7.server.enabled"))) {
            env.put("MM7_SIMULATOR_ENABLED", "true"); // a client-only gateway opens the listener for the simulator alone
        }
        try (GatewayProcess gw = GatewayProcess.start(dir.resolve("gateway"), "256m", Map.of(), env)) {
            String paths = p.getProperty("mm7.server.vasp-uri-paths", "");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : paths.isEmpty() ? new String[0] : paths.split(",")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(Samples.deliveryReport("Retrieved"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                // the Digest example's credentials are in Momentum's ecauth store, which is not carried over: refused
                assertThat(r.statusCode()).as(file + " " + path).isEqualTo(file.startsWith("digest") ? 403 : 200);
            }
            assertThat(gw.output()).as(file).contains("MM7 listener started").doesNotContain("ERROR");
        }
    }

    /** A configuration with every option docs/momentum-mapping.md lists: each carried over or named in a comment, and it starts. */
    @Test
    void everyOptionOfTheMappingIsCarriedOverOrNamedAndTheResultStarts() throws Exception {
        DocumentedProperties.StandIns standIns = DocumentedProperties.StandIns.in(dir.resolve("estate"));
        String conf = conf("full.conf");
        for (Map.Entry<String, String> standIn : standIns.values().entrySet()) {
            conf = conf.replace(standIn.getKey(), standIn.getValue());
        }
        String imported = MomentumImport.convert(conf, "full.conf");
        Properties p = properties(imported);
        assertThat(p).containsEntry("mm7.server.vasp-uri-paths", "/ringtones/,/photo_contest/")
                .containsEntry("mm7.server.default-email-to-domain", "vasp.example")
                .containsEntry("mm7.server.tls.client-ca", standIns.values().get("/etc/mm7/tls/operator-ca.pem"))
                .containsEntry("mm7.server.tls.verify-mode", "optional")
                .containsEntry("mm7.server.auth-file", standIns.values().get("/etc/mm7/mmsc-users"))
                .containsEntry("mm7.server.max-connections", "500")
                .containsEntry("mm7.server.log-requests", "true")
                .containsEntry("mm7.server.listen.listen1.peer.peer1.always-allow", "true")
                .containsEntry("mm7.server.listen.listen2.address", ":" + standIns.tlsPort() + " tls")
                .containsEntry("mm7.server.listen.listen2.max-request-size", "2097152")
                .containsEntry("mm7.server.listen.listen3.enable", "false")
                .containsEntry("mm7.server.peer.peer2.always-deny", "true")
                .containsEntry("mm7.client.mstore.bucket-use-shortcode", "false")
                .containsEntry("mms.logger.instances", "mms_logger_rt")
                .containsEntry("mms.logger.mms_logger_rt.logfile", "log/mm7.rt")
                .containsEntry("mms.bounce-logger.log-bounce-transient", "true")
                .containsEntry("mm7.client.domains", "mms-operator-example,mm7-legacy-operator-example")
                .containsEntry("mm7.client.domain.mms-operator-example.url", "http://127.0.0.1:9/mm7")
                .containsEntry("mm7.client.domain.mms-operator-example.max-rate", "5")
                .containsEntry("mm7.client.domain.mms-operator-example.max-connections", "4")
                .containsEntry("mm7.client.domain.mms-operator-example.sender-address", "<ShortCode>28444</ShortCode>")
                .containsEntry("mm7.client.domain.mms-operator-example.request-ie-extended", "<Campaign>spring</Campaign>")
                .containsEntry("mm7.client.domain.mm7-legacy-operator-example.url", "http://127.0.0.1:9/legacy")
                .containsEntry("mm7.client.domain.mm7-legacy-operator-example.basic-auth", "vasp:secret");
        // what Momentum has and the gateway does without, each with its reason
        for (String option : new String[] {"debug_level", "tls_allow_renegotiation", "pool_name", "events_per_iter", "listen_backlog",
                "accept_queue_backlog", "tcp_recv_buffer_size", "tcp_send_buffer_size", "disable_nagle_algorithm", "file_mode",
                "mm7_submit_tracking_cache", "mm7_submit_tracking_schema", "namespace", "bounce_namespace", "bounce_concurrency",
                "mm7_inactivity_timer", "idle_timeout", "http_method", "delivery_response_timeout"}) {
            assertThat(imported).as(option).containsPattern("(?m)^# .*: " + option + " = .*\\(line \\d+\\): not carried over: ");
        }
        Path config = Files.writeString(dir.resolve("mm7.properties"), imported);
        try (GatewayProcess gw = GatewayProcess.start(dir.resolve("gateway"), "256m", Map.of(), Map.of("MM7_CONFIG", config.toString(),
                "MM7_MANAGEMENT_PORT", Integer.toString(RunningGateway.freePort())))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + standIns.plainPort() + "/ringtones/")).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.deliveryReport("Retrieved"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200); // the Peer 127.0.0.0/8 of that Listen is always allowed
            assertThat(gw.output()).contains("MM7 listener started on https://").doesNotContain("ERROR");
        }
    }
}
