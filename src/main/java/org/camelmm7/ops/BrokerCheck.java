package org.camelmm7.ops;

import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.apache.camel.health.HealthCheckResultBuilder;

/** Readiness: the message broker that holds the spool (and the pickup queue) takes a connection. */
public final class BrokerCheck extends ReadinessCheck {

    private final ConnectionFactory broker;
    private final String url;

    public BrokerCheck(ConnectionFactory broker, String url) {
        super("broker");
        this.broker = broker;
        this.url = url;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("broker", url);
        try (Connection connection = broker.createConnection()) {
            connection.start();
            builder.up();
        } catch (JMSException | RuntimeException e) {
            builder.message("broker " + url + " does not take a connection: " + e.getMessage()).down();
        }
    }
}
