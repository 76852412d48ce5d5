package org.camelmm7.karaf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway inside Karaf: camel-main on a thread of its own, started with the bundle and
 * stopped (gracefully, as under camel-main) with it.
 *
 * <p>The same activator serves both Karaf packagings. In the self-contained bundle Camel is
 * embedded, so a plain {@code DefaultCamelContext} finds components on the bundle class path. In
 * the bundle for camel-karaf features Camel lives in other bundles, and an
 * {@code OsgiDefaultCamelContext} finds their components through the OSGi service registry.
 */
public final class GatewayActivator implements BundleActivator {

    /** Karaf's place for the operator's settings: {@code etc/org.camelmm7.gateway.cfg}. */
    static final String CONFIG_PID = "org.camelmm7.gateway";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayActivator.class);
    private static final long STOP_WAIT_MILLIS = 60_000;

    private Main main;
    private Thread runner;

    @Override
    public void start(BundleContext bundleContext) throws IOException {
        Bundle bundle = bundleContext.getBundle();
        boolean camelEmbedded = FrameworkUtil.getBundle(CamelContext.class) == bundle;
        main = camelEmbedded ? new Main() : new OsgiCamelMain(bundleContext);
        // wildcard classpath: scanning is not reliable in OSGi, so name each route file of the bundle
        main.configure().withRoutesIncludePattern(String.join(",", routeFiles(bundle)));
        Properties settings = karafSettings();
        if (!settings.isEmpty()) {
            main.setOverrideProperties(settings);
        }
        ClassLoader bundleLoader = GatewayActivator.class.getClassLoader();
        runner = new Thread(() -> {
            // Camel and Vert.x look up services through the context class loader
            Thread.currentThread().setContextClassLoader(bundleLoader);
            try {
                main.run();
            } catch (Exception e) {
                LOG.error("camel-mm7-gateway stopped: {}", e.getMessage(), e);
            }
        }, "camel-mm7-gateway");
        runner.start();
        LOG.info("camel-mm7-gateway starting in bundle {} ({} Camel)", bundle.getSymbolicName(), camelEmbedded ? "embedded" : "shared");
    }

    @Override
    public void stop(BundleContext bundleContext) throws InterruptedException {
        // completes main.run(), which stops Camel within camel.main.shutdown-timeout
        main.completed();
        runner.join(STOP_WAIT_MILLIS);
        if (runner.isAlive()) {
            LOG.warn("camel-mm7-gateway did not stop within {} ms", STOP_WAIT_MILLIS);
        }
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

    /** etc/org.camelmm7.gateway.cfg, when there is one: it overrides the embedded defaults. */
    private static Properties karafSettings() throws IOException {
        Properties settings = new Properties();
        String etc = System.getProperty("karaf.etc");
        if (etc != null) {
            Path file = Path.of(etc, CONFIG_PID + ".cfg");
            if (Files.isReadable(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    settings.load(in);
                }
                LOG.info("camel-mm7-gateway settings from {}", file);
            }
        }
        return settings;
    }
}
