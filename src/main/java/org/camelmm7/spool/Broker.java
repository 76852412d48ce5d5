package org.camelmm7.spool;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The Apache ActiveMQ Artemis broker several gateways share ({@code mm7.broker.url}): the spool and
 * the MM7 client's pickup queue may live there, as {@code jms:queue:…} endpoints. Camel's JMS
 * component gets a connection factory that keeps sessions and producers open between sends (a
 * connection per send would cost more than the send), and that opens a new connection after the
 * broker went away.
 */
public final class Broker extends ServiceSupport {

    /** The credit a producer asks the broker for at a time: about twenty mails of 44 KB requests. */
    static final int PRODUCER_WINDOW_BYTES = 1024 * 1024;

    private final ActiveMQConnectionFactory direct;
    private final CachingConnectionFactory cached;
    private final String url;

    private Broker(String url, String user, String password, int sessions) {
        this.url = url;
        this.direct = new ActiveMQConnectionFactory(url, user, password);
        if (!url.contains("cacheDestinations=")) {
            // otherwise every send asks the broker whether the queue exists: a round trip per accepted mail
            direct.setCacheDestinations(true);
        }
        if (!url.contains("producerWindowSize=")) {
            // Artemis's 64 KiB of credit hardly covers one mail: a request for more, and a wait for it, before most sends
            direct.setProducerWindowSize(PRODUCER_WINDOW_BYTES);
        }
        this.cached = new CachingConnectionFactory(direct);
        cached.setSessionCacheSize(sessions);
        cached.setReconnectOnException(true);
    }

    /** The broker at {@code url}, as the connection factory of Camel's JMS component. */
    public static Broker install(CamelContext context, String url, String user, String password, int sessions) throws Exception {
        Broker broker = new Broker(url, user, password, sessions);
        JmsComponent jms = context.getComponent("jms", JmsComponent.class);
        jms.setConnectionFactory(broker.cached);
        jms.setHeaderFilterStrategy(new OnlyGatewayHeaders());
        context.addService(broker, true, true);
        return broker;
    }

    /**
     * What a message carries besides its body: the gateway's own headers ({@code Mm7…}: the entry's
     * name, its gateway ID, why it was set aside), not the HTTP request's or the mail's headers an
     * exchange holds on its way (some are no valid JMS property names at all).
     */
    static final class OnlyGatewayHeaders extends JmsHeaderFilterStrategy {

        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return !name.startsWith("Mm7") || super.applyFilterToCamelHeaders(name, value, exchange);
        }
    }

    /** Connections made on demand, not cached: for the readiness probe. */
    public ConnectionFactory direct() {
        return direct;
    }

    public String url() {
        return url;
    }

    @Override
    protected void doStop() {
        cached.destroy();
        direct.close();
    }
}
