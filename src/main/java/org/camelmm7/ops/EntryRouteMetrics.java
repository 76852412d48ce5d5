package org.camelmm7.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Camel's per-route metrics ({@code camel_exchanges_*}, {@code camel_route_policy_seconds}) for the
 * routes an exchange enters by: HTTP, files, the spool, timers. A route called with {@code direct:}
 * runs inside its caller and is timed as part of it. Camel 4.18's route policy formats a property
 * name twice per route an exchange passes: with every route timed it was 8 % of a delivery
 * report's CPU (four routes), profiled. {@code mm7.management.metrics.direct-routes = true} times
 * every route again.
 */
public final class EntryRouteMetrics implements RoutePolicyFactory {

    private final MicrometerRoutePolicyFactory camel = new MicrometerRoutePolicyFactory();
    private final boolean directRoutes;

    public EntryRouteMetrics(CamelContext context, boolean directRoutes) {
        camel.setCamelContext(context);
        this.directRoutes = directRoutes;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return directRoutes || !calledWithDirect(route) ? camel.createRoutePolicy(context, routeId, route) : null;
    }

    private static boolean calledWithDirect(NamedNode route) {
        String from = route instanceof RouteDefinition definition && definition.getInput() != null ? definition.getInput().getEndpointUri() : null;
        return from != null && from.startsWith("direct:");
    }
}
