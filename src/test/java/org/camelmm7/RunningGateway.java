package org.camelmm7;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The gateway as production starts it (same main configuration, routes and beans), on a free
 * port, with its spool, outbox and failed directories under a test folder. Closing it stops
 * Camel as a shutdown would.
 */
public final class RunningGateway implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int port;
    private final Path dir;

    private RunningGateway(Main main, int port, Path dir) {
        this.main = main;
        this.port = port;
        this.dir = dir;
    }

    /** Defaults for a test: files under {@code dir}, quick mail retries; {@code overrides} win. */
    public static RunningGateway start(Path dir, Map<String, String> overrides) {
        return start(dir, freePort(), overrides);
    }

    public static RunningGateway start(Path dir, int port, Map<String, String> overrides) {
        return start(dir, port, overrides, Map.of());
    }

    /** With {@code beans} bound before start, as a user replaces an extension point. */
    public static RunningGateway start(Path dir, int port, Map<String, String> overrides, Map<String, Object> beans) {
        Map<String, String> props = testProperties(dir, port);
        props.putAll(overrides);
        Main main = new Main();
        Mm7GatewayApplication.configure(main);
        Properties p = new Properties();
        p.putAll(props);
        main.setOverrideProperties(p);
        beans.forEach(main::bind);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("gateway did not start", e);
        }
        return new RunningGateway(main, port, dir);
    }

    /** The settings of a gateway under test: MM7 on {@code port}, its files under {@code dir}, quick mail retries. */
    public static Map<String, String> testProperties(Path dir, int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("mm7.server.host", "127.0.0.1");
        props.put("mm7.server.port", Integer.toString(port));
        // the shipped endpoint options, in the test's directories (the spool's first poll sooner)
        props.put("mm7.spool.uri", shipped("mm7.spool.uri").replace("file:spool/incoming", "file:" + dir.resolve("spool"))
                + "&initialDelay=100");
        props.put("mm7.spool.failed-uri", shipped("mm7.spool.failed-uri").replace("file:spool/failed", "file:" + dir.resolve("failed")));
        props.put("mm7.mail.uri", shipped("mm7.mail.uri").replace("file:outbox", "file:" + dir.resolve("outbox")));
        props.put("mm7.mail.message-id-domain", "gw.test");
        props.put("mm7.mail.retry.initial-delay", "200");
        props.put("mm7.mail.retry.maximum-delay", "1000");
        props.put("mm7.mail.retry.maximum-redeliveries", "100");
        props.put("camel.main.shutdown-timeout", "3");
        props.put("mm7.management.port", Integer.toString(freePort()));
        props.put("mm7.client.tracking.jdbc-url", shipped("mm7.client.tracking.jdbc-url").replace("./data/mm7-tracking", dir.resolve("data/mm7-tracking").toAbsolutePath().toString()));
        props.put("mm7.client.from-uri", "file:" + dir.resolve("pickup") + "?antInclude=*.eml&delete=true&initialDelay=100&delay=200");
        props.put("mms.logger.logfile", dir.resolve("log/mmslog.ec").toString());
        props.put("mms.bounce-logger.bounce-logfile", dir.resolve("log/mmsbouncelog.ec").toString());
        props.put("mail.logger.logfile", dir.resolve("log/maillog.ec").toString());
        return props;
    }

    /** A value of the shipped application.properties. */
    public static String shipped(String key) {
        return shippedProperties().getProperty(key).trim();
    }

    /** The keys of the shipped application.properties. */
    public static java.util.Set<String> shippedKeys() {
        return shippedProperties().stringPropertyNames();
    }

    private static Properties shippedProperties() {
        Properties shipped = new Properties();
        try (var in = RunningGateway.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shipped;
    }

    /** The files directly in a directory (none when it does not exist), hidden ones included. */
    public static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** Ports this JVM handed out already: the kernel may offer a port again once its probe socket is closed. */
    private static final Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A free port not handed out before in this JVM (two calls in a row, say the MM7 and the management port, never get the same). */
    public static int freePort() {
        for (int i = 0; i < 100; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port that was not handed out before");
    }

    /**
     * A free port below Linux's ephemeral range (32768–60999), for a server a test stops and starts
     * again on the same port: in the ephemeral range, a client's connection attempts while the
     * server is down can take the port (a socket connected to itself), and the restart fails.
     */
    public static int freePortForRestarts() {
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 100; i++) {
            int port = 20000 + random.nextInt(12000);
            try (ServerSocket s = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        return freePort();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public int port() {
        return port;
    }

    public Path outbox() {
        return dir.resolve("outbox");
    }

    public Path spool() {
        return dir.resolve("spool");
    }

    public Path mmsLog() {
        return dir.resolve("log/mmslog.ec");
    }

    /** The mail leg's log (records in the mainlog's shape: the type in the fifth field). */
    public Path mailLog() {
        return dir.resolve("log/maillog.ec");
    }

    public Path bounceLog() {
        return dir.resolve("log/mmsbouncelog.ec");
    }

    public Path failed() {
        return dir.resolve("failed");
    }

    /**
     * What {@code pattern}'s first group finds in each mail of the outbox (a TransactionID, a Subject): which mails arrived.
     * A mail still being written (a hidden temporary file, renamed when complete) is not one yet.
     */
    public Set<String> delivered(Pattern pattern) throws IOException {
        Set<String> found = new HashSet<>();
        for (Path mail : files(outbox())) {
            if (mail.getFileName().toString().startsWith(".")) {
                continue;
            }
            String text;
            try {
                text = Files.readString(mail, StandardCharsets.ISO_8859_1);
            } catch (java.nio.file.NoSuchFileException replacedMeanwhile) {
                // a mail delivered again replaces its file (Camel's file producer deletes, then renames): seen at the next look
                continue;
            }
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /** A URI on the management port (health, metrics). */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + context().getPropertiesComponent().resolveProperty("mm7.management.port").orElseThrow() + path);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
