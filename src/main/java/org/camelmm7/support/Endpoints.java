package org.camelmm7.support;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;

/** What the gateway needs to know of a configured endpoint, read as Camel reads its URI. */
public final class Endpoints {

    /**
     * A mail endpoint as the logs name it and readiness probes it.
     *
     * @param scheme its scheme: {@code file}, {@code smtp}, {@code smtps}, …
     * @param host   the relay's host; null unless the endpoint sends mail
     * @param port   the relay's port; -1 without a host
     */
    public record MailRelay(String scheme, String host, int port) {
    }

    private Endpoints() {
    }

    /** The directory behind a file endpoint; null for other endpoints (smtp, jms). */
    public static Path directoryOf(CamelContext context, String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        Endpoint endpoint = context.getEndpoint(uri);
        return endpoint instanceof FileEndpoint file ? file.getFile().toPath() : null;
    }

    public static MailRelay mailRelayOf(CamelContext context, String uri) {
        String scheme = uri.substring(0, Math.max(0, uri.indexOf(':')));
        if (context.getComponent(scheme) == null) {
            return new MailRelay(scheme, null, -1); // a component this gateway does not carry: nothing to probe
        }
        Endpoint endpoint = context.getEndpoint(uri);
        if (endpoint instanceof MailEndpoint mail) {
            MailConfiguration c = mail.getConfiguration();
            return new MailRelay(scheme, c.getHost(), c.getPort());
        }
        return new MailRelay(scheme, null, -1);
    }
}
