package org.camelmm7.karaf;

import java.util.Properties;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the gateway: camel-main on a thread of its own, with the bundle's class loader as
 * context class loader (Camel and Vert.x look up services through it), stopped gracefully.
 */
final class GatewayInstance {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayInstance.class);
    private static final long STOP_WAIT_MILLIS = 60_000;

    private final Main main;
    private final Thread thread;

    GatewayInstance(Main main, String routes, Properties settings, ClassLoader bundleLoader) {
        this.main = main;
        main.configure().withRoutesIncludePattern(routes);
        if (!settings.isEmpty()) {
            main.setOverrideProperties(settings);
        }
        this.thread = new Thread(() -> {
            Thread.currentThread().setContextClassLoader(bundleLoader);
            try {
                main.run();
            } catch (Exception e) {
                LOG.error("camel-mm7-gateway stopped: {}", e.getMessage(), e);
            }
        }, "camel-mm7-gateway");
    }

    void start() {
        thread.start();
    }

    /** Completes main.run(), which stops Camel within camel.main.shutdown-timeout. */
    void stop() throws InterruptedException {
        main.completed();
        thread.join(STOP_WAIT_MILLIS);
        if (thread.isAlive()) {
            LOG.warn("camel-mm7-gateway did not stop within {} ms", STOP_WAIT_MILLIS);
        }
    }
}
