package org.camelmm7.karaf;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway inside Karaf, configured through Config Admin: the PID
 * {@code org.camelmm7.gateway} ({@code etc/org.camelmm7.gateway.cfg}, {@code config:property-set})
 * overrides the embedded application.properties, and a change restarts the gateway with it.
 *
 * <p>The same activator serves both Karaf packagings. In the self-contained bundle Camel is
 * embedded, so a plain camel-main finds components on the bundle class path. In the bundle for
 * camel-karaf features Camel lives in other bundles, and camel-karaf's OSGi context finds their
 * components through the service registry.
 */
public final class GatewayActivator implements BundleActivator {

    static final String CONFIG_PID = "org.camelmm7.gateway";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayActivator.class);

    private BundleContext bundleContext;
    private boolean camelEmbedded;
    private String routes;
    private ServiceRegistration<ManagedService> configuration;
    private GatewayInstance running;
    private Properties runningSettings;
    private boolean stopped;

    @Override
    public void start(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
        Bundle bundle = bundleContext.getBundle();
        camelEmbedded = FrameworkUtil.getBundle(CamelContext.class) == bundle;
        // wildcard classpath: scanning is not reliable in OSGi, so name each route file of the bundle
        routes = String.join(",", routeFiles(bundle));
        Dictionary<String, Object> pid = new Hashtable<>();
        pid.put(Constants.SERVICE_PID, CONFIG_PID);
        // Config Admin calls updated() once now (null without a configuration) and on every change
        configuration = bundleContext.registerService(ManagedService.class, this::configure, pid);
    }

    @Override
    public void stop(BundleContext bundleContext) throws InterruptedException {
        configuration.unregister();
        synchronized (this) {
            // an update Config Admin delivers after this point must not start the gateway again
            stopped = true;
            if (running != null) {
                running.stop();
                running = null;
            }
        }
    }

    private synchronized void configure(Dictionary<String, ?> pidProperties) {
        Properties settings = gatewaySettings(pidProperties);
        if (stopped || running != null && settings.equals(runningSettings)) {
            return;
        }
        try {
            if (running != null) {
                LOG.info("camel-mm7-gateway configuration {} changed: restarting", CONFIG_PID);
                running.stop();
            }
            Main main = camelEmbedded ? new Main() : new OsgiCamelMain(bundleContext);
            running = new GatewayInstance(main, routes, settings, GatewayActivator.class.getClassLoader());
            runningSettings = settings;
            running.start();
            LOG.info("camel-mm7-gateway starting ({} Camel, {} settings from {})",
                    camelEmbedded ? "embedded" : "shared", settings.size(), CONFIG_PID);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The PID's keys, without those Config Admin and Karaf add about the configuration itself. */
    static Properties gatewaySettings(Dictionary<String, ?> pidProperties) {
        Properties settings = new Properties();
        if (pidProperties != null) {
            for (String key : Collections.list(pidProperties.keys())) {
                if (!key.startsWith("service.") && !key.startsWith("felix.")) {
                    settings.setProperty(key, Objects.toString(pidProperties.get(key)));
                }
            }
        }
        return settings;
    }

    static List<String> routeFiles(Bundle bundle) {
        List<String> files = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries("routes", "*.camel.yaml", false);
        for (URL entry : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
            files.add("classpath:" + entry.getPath().replaceFirst("^/", ""));
        }
        Collections.sort(files);
        return files;
    }
}
