package org.camelmm7.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: an smtp(s):// mail endpoint accepts a TCP connection within two seconds. */
public final class MailRelayCheck extends AbstractHealthCheck {

    private final String host;
    private final int port;

    public MailRelayCheck(String mailUri) {
        super("mm7", "mail-relay");
        if (mailUri.startsWith("smtp")) {
            URI uri = URI.create(mailUri.replaceFirst("\\?.*$", ""));
            this.host = uri.getHost();
            this.port = uri.getPort() > 0 ? uri.getPort() : mailUri.startsWith("smtps") ? 465 : 25;
        } else {
            this.host = null;
            this.port = -1;
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (host == null) {
            builder.up();
            return;
        }
        builder.detail("relay", host + ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            builder.up();
        } catch (IOException e) {
            builder.message("mail relay " + host + ":" + port + " is not reachable: " + e.getMessage()).down();
        }
    }
}
