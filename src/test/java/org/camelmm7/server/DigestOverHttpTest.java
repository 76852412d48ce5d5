package org.camelmm7.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.camelmm7.RunningGateway;
import org.camelmm7.mm7.Samples;
import org.camelmm7.support.HttpDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP Digest on the listener (AuthDigestMD5Parameters, RFC 7616) with curl as the MMSC: an
 * implementation of the client side that is not ours.
 */
class DigestOverHttpTest {

    @TempDir
    Path dir;

    private static final byte[] REPORT = Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void curlIsThere() throws Exception {
        // .ci/run installs curl; a machine without it cannot run these tests at all
        assertThat(new ProcessBuilder("curl", "--version").start().waitFor()).as("curl is needed (apt-get install curl)").isZero();
    }

    @Test
    void curlAuthenticatesWithSha256AndMd5AndAWrongPasswordIsRefused() throws Exception {
        for (String scheme : List.of("digest-sha-256", "digest-md5")) {
            try (RunningGateway gw = start(scheme)) {
                Curl ok = curl(gw, "mmsc:s3cret");
                assertThat(ok.status()).as(scheme).isEqualTo(200);
                assertThat(ok.authorization()).contains("algorithm=" + (scheme.equals("digest-md5") ? "MD5" : "SHA-256"));
                assertThat(curl(gw, "mmsc:wrong").status()).as(scheme).isEqualTo(401);
            }
        }
    }

    @Test
    void aCapturedRequestCannotBePlayedAgain() throws Exception {
        try (RunningGateway gw = start("digest-sha-256")) {
            Curl original = curl(gw, "mmsc:s3cret");
            assertThat(original.status()).isEqualTo(200);
            HttpResponse<String> replay = gw.post("/ringtones/", "text/xml", REPORT, "Authorization", original.authorization());
            assertThat(replay.statusCode()).isEqualTo(401);
            assertThat(replay.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).doesNotContain("stale"));
        }
    }

    @Test
    void anExpiredNonceIsAnsweredStaleAndBasicStaysWhenConfigured() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.server.auth-file", users().toString(),
                "mm7.server.auth-schemes", "digest-sha-256, basic", "mm7.server.digest.nonce-lifetime", "1"))) {
            HttpResponse<String> challenge = gw.post("/ringtones/", "text/xml", REPORT);
            assertThat(challenge.statusCode()).isEqualTo(401);
            assertThat(challenge.headers().allValues("WWW-Authenticate")).hasSize(2).satisfiesExactly(
                    d -> assertThat(d).startsWith("Digest realm=\"mm7\", qop=\"auth\", algorithm=SHA-256"),
                    b -> assertThat(b).startsWith("Basic realm=\"mm7\""));
            String nonce = HttpDigest.parameters(challenge.headers().allValues("WWW-Authenticate").get(0).substring(7)).get("nonce");
            TimeUnit.MILLISECONDS.sleep(1_500);
            String late = "Digest username=\"mmsc\", realm=\"mm7\", nonce=\"" + nonce + "\", uri=\"/ringtones/\", algorithm=SHA-256, qop=auth, "
                    + "nc=00000001, cnonce=\"c\", response=\""
                    + HttpDigest.response(HttpDigest.Algorithm.SHA_256, "mmsc", "mm7", "s3cret", "POST", "/ringtones/", nonce, "00000001", "c") + "\"";
            HttpResponse<String> stale = gw.post("/ringtones/", "text/xml", REPORT, "Authorization", late);
            assertThat(stale.statusCode()).isEqualTo(401);
            assertThat(stale.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).endsWith("stale=true"));
            assertThat(gw.post("/ringtones/", "text/xml", REPORT, "Authorization", "Basic bW1zYzpzM2NyZXQ=").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void basicIsRefusedWhereOnlyDigestIsTaken() throws Exception {
        try (RunningGateway gw = start("digest-sha-256")) {
            assertThat(gw.post("/ringtones/", "text/xml", REPORT, "Authorization", "Basic bW1zYzpzM2NyZXQ=").statusCode()).isEqualTo(401);
        }
    }

    private RunningGateway start(String schemes) throws IOException {
        return RunningGateway.start(dir, Map.of("mm7.server.auth-file", users().toString(), "mm7.server.auth-schemes", schemes));
    }

    private Path users() throws IOException {
        return Files.writeString(dir.resolve("users"), "mmsc:s3cret\n");
    }

    private record Curl(int status, String authorization) {
    }

    /** curl --digest, with the Authorization header it sent on its second try (from its verbose output). */
    private Curl curl(RunningGateway gw, String user) throws Exception {
        Path body = Files.write(dir.resolve("report.xml"), REPORT);
        Process p = new ProcessBuilder("curl", "-s", "-v", "-o", "/dev/null", "-w", "%{http_code}", "--digest", "-u", user,
                "-H", "Content-Type: text/xml", "--data-binary", "@" + body, gw.uri("/ringtones/").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> sent = new ArrayList<>();
        for (String line : out.split("\r?\n")) {
            if (line.startsWith("> Authorization: Digest ")) {
                sent.add(line.substring("> Authorization: ".length()).trim());
            }
        }
        return new Curl(Integer.parseInt(out.substring(out.length() - 3)), sent.isEmpty() ? null : sent.get(sent.size() - 1));
    }
}
