package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real entry point in a JVM of its own, on the runtime class path (no test jars) or as the runnable jar, configured
 * as operators do it (environment variables and -D properties), that a test can stop as an
 * operator would (SIGTERM) or as a crash does (SIGKILL).
 */
public final class GatewayProcess implements AutoCloseable {

    /**
     * Set (by the integration tests' run, after {@code mvn package}) to the runnable jar: every
     * gateway process is then {@code java -jar} of that jar instead of the class path.
     */
    public static final String RUNNER_JAR = "mm7.test.runner-jar";

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param dir        where the spool, logs and database of this gateway live; its output goes to {@code dir/gateway-N.log}
     * @param properties -D properties (they win over application.properties)
     * @param env        environment variables such as {@code MM7_SERVER_PORT}
     */
    public static GatewayProcess start(Path dir, String heap, Map<String, String> properties, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError"));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        String runnerJar = System.getProperty(RUNNER_JAR);
        if (runnerJar != null) {
            // the artifact operators deploy, as the README starts it
            cmd.addAll(List.of("-jar", Path.of(runnerJar).toAbsolutePath().toString()));
        } else {
            cmd.addAll(List.of("-cp", runtimeClasspath(), Mm7GatewayApplication.class.getName()));
        }
        Files.createDirectories(dir);
        Path log;
        int n = 0;
        do {
            log = dir.resolve("gateway-" + ++n + ".log");
        } while (Files.exists(log));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        GatewayProcess gateway = new GatewayProcess(pb.start(), log);
        Path started = log;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !gateway.process.isAlive() || Files.readString(started).contains("MM7 listener started"));
        assertThat(gateway.process.isAlive()).as("gateway did not start:%n%s", Files.readString(log)).isTrue();
        return gateway;
    }

    /** target/classes and the runtime dependencies only, as `java -jar` or camel:run would have them. */
    private static String runtimeClasspath() throws IOException {
        String dependencies = Files.readString(Path.of("target/runtime-classpath.txt")).trim();
        return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + dependencies;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Whether it runs, or how it ended (3: -XX:+ExitOnOutOfMemoryError), then its output: for failure messages. */
    public String state() throws IOException, InterruptedException {
        process.waitFor(2, TimeUnit.SECONDS);
        return (process.isAlive() ? "running" : "exited with " + process.exitValue()) + System.lineSeparator() + output();
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful stop an operator's service manager does. */
    public void terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }
}
