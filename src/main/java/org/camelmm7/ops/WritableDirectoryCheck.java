package org.camelmm7.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: a directory the gateway must write to (the spool, a file outbox) takes a file now.
 * For endpoints that are not directories (JMS, Kafka) there is nothing to check here.
 */
public final class WritableDirectoryCheck extends AbstractHealthCheck {

    private final Path directory;

    /** @param endpointUri a Camel endpoint URI; only {@code file:} URIs are checked */
    public WritableDirectoryCheck(String id, String endpointUri) {
        super("mm7", id);
        this.directory = directoryOf(endpointUri);
    }

    static Path directoryOf(String uri) {
        if (uri == null || !uri.startsWith("file:")) {
            return null;
        }
        String path = uri.substring("file:".length()).replaceFirst("^//", "");
        int query = path.indexOf('?');
        return Path.of(query < 0 ? path : path.substring(0, query));
    }

    @Override
    public boolean isLiveness() {
        return false;
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
            Files.delete(probe);
            builder.up();
        } catch (IOException | RuntimeException e) {
            builder.message(directory + " cannot be written: " + e.getMessage()).down();
        }
    }
}
