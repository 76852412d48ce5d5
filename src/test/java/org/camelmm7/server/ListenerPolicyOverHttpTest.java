package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP_Listener's checks over real HTTP: Basic auth (global and per path), peer ACL and the size limit. */
class ListenerPolicyOverHttpTest {

    @TempDir
    Path dir;

    private static final byte[] REPORT = Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8);

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicAuthFromAUserPasswordFileGlobalAndPerPath() throws Exception {
        Path all = Files.writeString(dir.resolve("users"), "# MMSC accounts\nmmsc:s3cret\n\n");
        Path contest = Files.writeString(dir.resolve("contest-users"), "contest:other\n");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.auth-file", all.toString(),
                "mm7.server.path.photo_contest.auth-file", contest.toString()))) {
            HttpResponse<String> none = gw.post("/ringtones/", "text/xml", REPORT);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"mm7\""));
            assertThat(gw.post("/ringtones/", "text/xml", REPORT, "Authorization", basic("mmsc", "wrong")).statusCode()).isEqualTo(401);
            assertThat(gw.post("/ringtones/", "text/xml", REPORT, "Authorization", basic("mmsc", "s3cret")).statusCode()).isEqualTo(200);

            assertThat(gw.post("/photo_contest/", "text/xml", REPORT, "Authorization", basic("mmsc", "s3cret")).statusCode()).isEqualTo(401);
            assertThat(gw.post("/photo_contest/", "text/xml", REPORT, "Authorization", basic("contest", "other")).statusCode()).isEqualTo(200);

            // credentials are rotated without a restart (the file is looked at once a second)
            Files.writeString(all, "mmsc:rotated\n");
            Files.setLastModifiedTime(all, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> gw.post("/ringtones/", "text/xml", REPORT, "Authorization", basic("mmsc", "s3cret")).statusCode() == 401);
            assertThat(gw.post("/ringtones/", "text/xml", REPORT, "Authorization", basic("mmsc", "rotated")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void deniedPeersGet403AndTheMostSpecificRangeWins() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.deny", "127.0.0.0/8"))) {
            assertThat(gw.post("/ringtones/", "text/xml", REPORT).statusCode()).isEqualTo(403);
        }
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.deny", "127.0.0.0/8", "mm7.server.allow", "127.0.0.1/32"))) {
            assertThat(gw.post("/ringtones/", "text/xml", REPORT).statusCode()).isEqualTo(200);
        }
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.allow", "10.0.0.0/8"))) {
            assertThat(gw.post("/ringtones/", "text/xml", REPORT).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void overSizeRequestsGet413WithOrWithoutContentLength() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.max-request-size", "4096"))) {
            byte[] big = new byte[8192];
            assertThat(gw.post("/ringtones/", "text/xml", big).statusCode()).isEqualTo(413);

            HttpRequest chunked = HttpRequest.newBuilder(gw.uri("/ringtones/")).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
            HttpResponse<String> r = RunningGateway.send(chunked);
            assertThat(r.statusCode()).isEqualTo(413);

            assertThat(gw.post("/ringtones/", "text/xml", REPORT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void startupFailsClearlyForAPathWithoutTrailingSlash() {
        Throwable thrown = Assertions.catchThrowable(() -> RunningGateway.start(dir, Map.of("mm7.server.vasp-uri-paths", "/mm7")).close());
        assertThat(thrown).isNotNull();
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).hasMessageContaining("'/mm7' must start and end with '/'");
    }
}
