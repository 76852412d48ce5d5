package org.camelmm7;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.camelmm7.listener.ListenerGuard;
import org.camelmm7.log.MmsLogs;

/**
 * What happens when the gateway starts and stops, beyond the routes: the listener guard goes in
 * front of every platform-http route once the HTTP router exists, and log lines still queued when
 * Camel has stopped are written out.
 */
final class GatewayLifecycle extends SimpleEventNotifierSupport {

    private final CamelContext context;
    private final ListenerGuard guard;
    private final MmsLogs logs;

    GatewayLifecycle(CamelContext context, ListenerGuard guard, MmsLogs logs) {
        this.context = context;
        this.guard = guard;
        this.logs = logs;
    }

    private boolean guarded;

    @Override
    public void notify(CamelEvent event) {
        // before the routes start, so no request reaches a route unguarded
        if (event instanceof CamelEvent.CamelContextRoutesStartingEvent || event instanceof CamelEvent.CamelContextStartedEvent) {
            installGuard();
        } else if (event instanceof CamelEvent.CamelContextStoppedEvent) {
            logs.flushOnStop();
        }
    }

    private synchronized void installGuard() {
        if (guarded) {
            return;
        }
        // by name rather than isManagementServer(), which Camel 4.17 (the Camel CLI's) lacks
        String managementRouter = context.getPropertiesComponent().resolveProperty("camel.management.port")
                .map(port -> VertxPlatformHttpRouter.getRouterNameFromPort(Integer.parseInt(port.trim())))
                .orElse(null);
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (!router.getName().equals(managementRouter)) {
                router.route().order(-1).handler(guard);
                guarded = true;
            }
        }
        if (guarded) {
            org.slf4j.LoggerFactory.getLogger(GatewayLifecycle.class).debug("listener guard installed");
        }
    }
}
