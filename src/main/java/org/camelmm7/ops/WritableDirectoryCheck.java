package org.camelmm7.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: a directory the gateway must write to (the spool, a file outbox) takes a file of
 * one block now (DOWN on a full disk, with the reason).
 * For endpoints that are not directories (JMS, Kafka) there is nothing to check here.
 */
public final class WritableDirectoryCheck extends ReadinessCheck {

    private static final byte[] PROBE = new byte[4096];

    private final Path directory;

    /** @param directory the directory behind an endpoint, or null when the endpoint is not a directory (always UP) */
    public WritableDirectoryCheck(String id, Path directory) {
        super(id);
        this.directory = directory;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (directory == null) {
            builder.up();
            return;
        }
        builder.detail("directory", directory.toAbsolutePath().toString());
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".health-", ".probe");
            try {
                // a block of data, not an empty file: a full disk still takes an empty file
                Files.write(probe, PROBE);
            } finally {
                Files.delete(probe);
            }
            builder.up();
        } catch (IOException | RuntimeException e) {
            builder.message(directory + " cannot be written: " + e.getMessage()).down();
        }
    }
}
