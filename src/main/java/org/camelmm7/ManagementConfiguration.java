package org.camelmm7;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.camelmm7.mail.BrokerSetAside;
import org.camelmm7.mail.DirectorySetAside;
import org.camelmm7.mail.SetAsideMail;
import org.camelmm7.ops.DependencyProbes;
import org.camelmm7.ops.EntryRouteMetrics;
import org.camelmm7.ops.ManagementHttp;
import org.camelmm7.ops.ManagementRequests;
import org.camelmm7.spool.Broker;
import org.camelmm7.support.Endpoints;
import org.camelmm7.support.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the management routes (management.camel.yaml) serve on the management port, and what they act on. */
public class ManagementConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        registry.bind("managementHttp", new ManagementHttp(settings.integer("mm7.management.port")));
        ManagementRequests requests = new ManagementRequests(settings.get("mm7.management.host"),
                Boolean.parseBoolean(settings.optional("camel.management.authentication-enabled"))
                        || Boolean.parseBoolean(settings.optional("camel.management.authenticationEnabled")));
        if (!requests.guarded()) {
            LOG.warn("the management port listens on {} without credentials: its management actions (/mm7/…) are refused;"
                    + " set camel.management.authentication-enabled (docs/operations.md) or a loopback mm7.management.host",
                    settings.get("mm7.management.host"));
        }
        registry.bind("managementRequests", requests);
        // Camel's own route policy is off (camel.metrics.enableRoutePolicy): this one leaves out the direct: routes
        if (Boolean.parseBoolean(settings.optional("camel.metrics.enabled"))) {
            context.addRoutePolicyFactory(new EntryRouteMetrics(context, settings.bool("mm7.management.metrics.direct-routes")));
        }
        String failed = settings.get("mm7.spool.failed-uri");
        registry.bind("setAsideMail", failed.startsWith("jms:") ? onTheBroker(context, failed)
                : new DirectorySetAside(Endpoints.directoryOf(context, failed)));
    }

    /**
     * In a method of its own: JMS classes are needed only with a broker. The queue's count is
     * {@code mm7_spool_set_aside} there (the directory's is counted by GatewayMetrics).
     */
    private static SetAsideMail onTheBroker(CamelContext context, String uri) {
        Broker broker = context.hasService(Broker.class);
        if (broker == null) {
            throw new IllegalArgumentException("mm7.spool.failed-uri " + uri + " is on a broker, but mm7.broker.url is not set");
        }
        BrokerSetAside setAside = new BrokerSetAside(broker.direct(), BrokerSetAside.queueOf(uri));
        GatewayConfiguration.bound(context, MailLegConfiguration.DEPENDENCIES, DependencyProbes.class).sample("mm7.spool.set.aside", setAside::count);
        return setAside;
    }
}
