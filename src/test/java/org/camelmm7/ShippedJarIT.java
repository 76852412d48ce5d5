package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.VersionRange;
import org.camelmm7.DocumentedProperties.StandIns;
import org.camelmm7.client.RecordingMmsc;
import org.camelmm7.log.MmsLogRoutesTest;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as operators start it ({@code java -jar}, settings from the environment and
 * -D), in both directions: a DeliverReq becomes a mail, and a mail dropped in the pickup becomes a
 * SubmitReq whose delivery report comes back. The class path of a test JVM is not this jar: a
 * resource lost in shading (CXF's bus extensions) once left it unable to submit a single MMS
 * while every other test passed.
 */
class ShippedJarIT {

    /** Resources that are one jar's description of itself, which the merged jar leaves out on purpose. */
    private static final Set<String> LEFT_OUT = Set.of("META-INF/MANIFEST.MF", "META-INF/INDEX.LIST", "META-INF/jandex.idx", "pom.xml");

    @TempDir
    Path dir;
    private final List<GatewayProcess> running = new ArrayList<>();

    @AfterEach
    void stop(TestInfo test) throws Exception {
        // the gateways' output stays for reading after the run: target/shipped-jar-it/<test>.log
        Path logs = Files.createDirectories(Path.of("target/shipped-jar-it"));
        StringBuilder output = new StringBuilder();
        for (GatewayProcess g : running) {
            g.close();
            output.append(g.output());
        }
        Files.writeString(logs.resolve(test.getTestMethod().orElseThrow().getName() + ".log"), output);
    }

    private static Path jar() {
        return Path.of(System.getProperty(GatewayProcess.RUNNER_JAR));
    }

    @Test
    void everyResourceThatSeveralLibrariesShipIsMergedIntoTheJarNotDropped() throws Exception {
        Map<String, List<Path>> shippedBy = new LinkedHashMap<>();
        for (String entry : Files.readString(Path.of("target/runtime-classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            Path library = Path.of(entry);
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(library.toFile())) {
                jar.stream().filter(e -> !e.isDirectory() && !e.getName().endsWith(".class") && !LEFT_OUT.contains(e.getName())
                                && !e.getName().startsWith("META-INF/maven/"))
                        .forEach(e -> shippedBy.computeIfAbsent(e.getName(), n -> new ArrayList<>()).add(library));
            }
        }
        Set<String> lost = new TreeSet<>();
        try (JarFile runner = new JarFile(jar().toFile())) {
            for (Map.Entry<String, List<Path>> resource : shippedBy.entrySet()) {
                if (resource.getValue().size() < 2) {
                    continue;
                }
                // the shade plugin merges names that differ only in case (LICENSE.txt, license.txt) into one
                ZipEntry merged = runner.stream().filter(e -> e.getName().equalsIgnoreCase(resource.getKey())).findFirst().orElse(null);
                String content = merged == null ? "" : new String(runner.getInputStream(merged).readAllBytes(), StandardCharsets.UTF_8);
                for (Path library : resource.getValue()) {
                    try (JarFile jar = new JarFile(library.toFile())) {
                        String own = new String(jar.getInputStream(jar.getEntry(resource.getKey())).readAllBytes(), StandardCharsets.UTF_8);
                        for (String line : own.split("\\R")) {
                            String t = line.trim();
                            // XML is merged element by element (its declaration and root are written once)
                            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("<?xml") && !t.startsWith("<!DOCTYPE")
                                    && !t.matches("</?properties>") && !content.contains(t)) {
                                lost.add(resource.getKey() + " of " + library.getFileName() + ": " + t);
                            }
                        }
                    }
                }
            }
            assertThat(runner.getEntry("META-INF/cxf/bus-extensions.txt")).isNotNull();
        }
        assertThat(shippedBy).containsKey("META-INF/cxf/bus-extensions.txt");
        assertThat(lost).isEmpty();
    }

    /**
     * The floors the build bans below (pom.xml, {@code no-known-vulnerable-versions}), held to what
     * the jar itself says it holds: each library's own {@code META-INF/maven/.../pom.properties}.
     */
    @Test
    void noLibraryInTheJarIsInAVersionRangeTheBuildBans() throws Exception {
        Map<String, String> bannedRanges = new LinkedHashMap<>();
        String pom = Files.readString(Path.of("pom.xml"));
        String floors = pom.substring(pom.indexOf("<id>no-known-vulnerable-versions</id>"), pom.indexOf("</bannedDependencies>"));
        Matcher exclude = Pattern.compile("<exclude>([^:<]+):([^:<]+):([^<]+)</exclude>").matcher(floors);
        while (exclude.find()) {
            bannedRanges.put(exclude.group(1) + ":" + exclude.group(2), exclude.group(3));
        }
        Map<String, String> shipped = new HashMap<>();
        try (JarFile runner = new JarFile(jar().toFile())) {
            for (ZipEntry e : runner.stream().filter(e -> e.getName().matches("META-INF/maven/[^/]+/[^/]+/pom.properties")).toList()) {
                Properties library = new Properties();
                library.load(runner.getInputStream(e));
                shipped.put(library.getProperty("groupId") + ":" + library.getProperty("artifactId"), library.getProperty("version"));
            }
        }
        assertThat(bannedRanges).hasSizeGreaterThan(10);
        assertThat(shipped).as("every library the build holds to a floor is in the jar, named by its own metadata")
                .containsKeys(bannedRanges.keySet().toArray(String[]::new));
        List<String> banned = new ArrayList<>();
        for (Map.Entry<String, String> floor : bannedRanges.entrySet()) {
            String version = shipped.get(floor.getKey());
            if (VersionRange.createFromVersionSpec(floor.getValue()).containsVersion(new DefaultArtifactVersion(version))) {
                banned.add(floor.getKey() + ":" + version + " in " + floor.getValue());
            }
        }
        assertThat(banned).isEmpty();
    }

    @Test
    void aDeliverReqBecomesAMailAndAPickedUpMailASubmitReqWhoseDeliveryReportComesBack() throws Exception {
        int port = RunningGateway.freePort();
        start(port, Map.of(
                "mm7.simulator.enabled", "true",
                "mm7.simulator.delivery-report-delay", "200",
                "mm7.client.domains", "sim",
                "mm7.client.domain.sim.mail-domain", "mms.localhost",
                "mm7.client.domain.sim.url", "http://127.0.0.1:" + port + "/mmsc/",
                "mm7.client.domain.sim.delivery-report", "true"));

        HttpResponse<String> answer = RunningGateway.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/photo_contest/"))
                .header("Content-Type", Samples.deliverReqContentType()).POST(HttpRequest.BodyPublishers.ofByteArray(Samples.deliverReq())).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<StatusCode>1000</StatusCode>");
        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);
        assertThat(Files.readString(mails().get(0))).contains("X-MM7-TransactionID: vasp-deliver-0001");

        pickUp("15551234567@mms.localhost");
        await().atMost(Duration.ofSeconds(20)).until(() -> submitted("D").size() == 1 && records("S").size() == 1);
        assertThat(submitted("X")).hasSize(1);
        assertThat(submitted("D").get(0)[10]).isEqualTo("\"sim-1\"");
        assertThat(records("S").get(0)[10]).isEqualTo("Retrieved");
        assertThat(records("T")).isEmpty();
    }

    /**
     * README "Over TLS", on this machine's stand-ins: MMSCs post over TLS with a client certificate
     * and Digest, or to the IPv4 and IPv6 loopback on the plain port beside it; the gateway submits
     * over HTTPS with its own certificate to the operator's MMSC (the simulator), and with Digest to
     * an MMSC that asks for it.
     */
    @Test
    void theReadmeTlsExampleWithClientCertificatesAndDigestInBothDirections() throws Exception {
        StandIns standIns = StandIns.in(dir.resolve("estate"));
        AtomicInteger nonces = new AtomicInteger();
        try (RecordingMmsc digestMmsc = new RecordingMmsc(r -> RecordingMmsc.digestMmsc(r, nonces))) {
            Map<String, String> p = new HashMap<>(DocumentedProperties.readme("mm7.server.listen").with(standIns.values()));
            p.put("mm7.simulator.enabled", "true");
            p.put("mm7.simulator.delivery-report-delay", "200");
            p.put("mm7.client.domains", p.get("mm7.client.domains") + ", digest");
            p.put("mm7.client.domain.operator.delivery-report", "true");
            p.put("mm7.client.domain.digest.url", "http://127.0.0.1:" + digestMmsc.port() + "/mm7");
            p.put("mm7.client.domain.digest.mail-domain", "mms.digest.test");
            p.put("mm7.client.domain.digest.digest-auth", "vasp:pa55");
            start(standIns.plainPort(), p);

            for (String url : List.of("https://127.0.0.1:" + standIns.tlsPort(), "http://127.0.0.1:" + standIns.plainPort(),
                    "http://[::1]:" + standIns.plainPort())) {
                assertThat(curlDeliverReq(url + "/photo_contest/", standIns, "mmsc:s3cret")).as(url).isEqualTo("200");
            }
            assertThat(curlDeliverReq("http://127.0.0.1:" + standIns.plainPort() + "/photo_contest/", standIns, "mmsc:wrong")).isEqualTo("401");
            await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 3);

            pickUp("15551234567@mms.operator.example");
            await().atMost(Duration.ofSeconds(20)).until(() -> submitted("D").size() == 1 && records("S").size() == 1);
            pickUp("15557654321@mms.digest.test");
            await().atMost(Duration.ofSeconds(20)).until(() -> submitted("D").size() == 2);
            assertThat(records("T")).isEmpty();
            assertThat(digestMmsc.requests().get(digestMmsc.requests().size() - 1).header("Authorization")).startsWith("Digest ").contains("algorithm=SHA-256");
        }
    }

    private void start(int port, Map<String, String> properties) throws IOException {
        Map<String, String> p = new HashMap<>(properties);
        p.put("mms.logger.heartbeat", "0");
        running.add(GatewayProcess.start(dir, "256m", p, Map.of("MM7_SERVER_PORT", Integer.toString(port),
                "MM7_MANAGEMENT_PORT", Integer.toString(RunningGateway.freePort()))));
    }

    /** curl as the MMSC: the sample DeliverReq with Digest, over TLS with the VASP's certificate standing in for the MMSC's. */
    private String curlDeliverReq(String url, StandIns standIns, String user) throws Exception {
        Path body = Files.write(dir.resolve("deliver-req.mime"), Samples.deliverReq());
        Process curl = new ProcessBuilder("curl", "-s", "-g", "-o", "/dev/null", "-w", "%{http_code}", "--digest", "-u", user,
                "--cacert", standIns.values().get("/etc/mm7/tls/operator-ca.pem"),
                "--cert", standIns.values().get("/etc/mm7/tls/vasp.crt"), "--key", standIns.values().get("/etc/mm7/tls/vasp.key"),
                "-H", "Content-Type: " + Samples.deliverReqContentType(), "--data-binary", "@" + body, url).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private void pickUp(String to) throws IOException {
        Files.createDirectories(dir.resolve("pickup"));
        Path tmp = Files.writeString(dir.resolve("pickup/.incoming"), "From: ann@example.org\r\nTo: " + to + "\r\nSubject: hi\r\n\r\nhello\r\n");
        Files.move(tmp, dir.resolve("pickup/" + to + ".eml"));
    }

    private List<Path> mails() throws IOException {
        return RunningGateway.files(dir.resolve("outbox")).stream().filter(f -> f.toString().endsWith(".eml")).toList();
    }

    /** Lines about submissions to an MMSC (the intake and the mail leg write X and D lines of their own, with another gateway). */
    private List<String[]> submitted(String letter) throws IOException {
        return records(letter).stream().filter(r -> r[6].equals("mm7")).toList();
    }

    private List<String[]> records(String letter) throws IOException {
        Path log = dir.resolve("log/mmslog.ec");
        return Files.exists(log) ? MmsLogRoutesTest.records(log, letter) : List.of();
    }
}
