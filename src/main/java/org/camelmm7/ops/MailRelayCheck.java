package org.camelmm7.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.camelmm7.support.Endpoints;

/** Readiness: an smtp(s):// mail endpoint accepts a TCP connection within two seconds. */
public final class MailRelayCheck extends ReadinessCheck {

    private final String host;
    private final int port;

    public MailRelayCheck(Endpoints.MailRelay relay) {
        super("mail-relay");
        this.host = relay.host();
        this.port = relay.port();
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
