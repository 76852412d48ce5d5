package org.camelmm7.support;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;

/** The directory behind a configured endpoint URI, as Camel reads the URI; none for other endpoints (smtp, jms). */
public final class FileEndpoints {

    private FileEndpoints() {
    }

    public static Path directoryOf(CamelContext context, String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        Endpoint endpoint = context.getEndpoint(uri);
        return endpoint instanceof FileEndpoint file ? file.getFile().toPath() : null;
    }
}
