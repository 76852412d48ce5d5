package org.camelmm7;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.support.FilesInProgress;
import org.camelmm7.support.GatewayMessageIds;
import org.camelmm7.support.Settings;

/**
 * The first of the gateway's configuration classes (application.properties,
 * {@code camel.main.configuration-classes}): what every area shares. Then come, in this order,
 * {@link LogsConfiguration}, {@link ServerConfiguration}, {@link MailLegConfiguration} and
 * {@link ClientConfiguration}; each reads the settings of its area once, binds the beans its routes
 * name, and fails at startup with a clear message when a key is wrong.
 */
public class GatewayConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        registry.bind("gatewayMessageIds", new GatewayMessageIds());
        registry.bind(HostNames.BEAN, HostNames.of(settings));
        // the spool's and the pickup's file endpoints forget a file once it is done (Camel 4.18's LRU did not, for a while)
        context.getCamelContextExtension().registerEndpointCallback(new FilesInProgress());
        // extension points: defaults unless beans of these names are bound already
        new Mm7Hooks(registry).bindDefaults();
    }

    /** A bean an earlier configuration class bound. */
    static <T> T bound(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException(name + " is not bound: camel.main.configuration-classes must list "
                    + "GatewayConfiguration, LogsConfiguration, ServerConfiguration, MailLegConfiguration, ClientConfiguration in this order");
        }
        return bean;
    }
}
