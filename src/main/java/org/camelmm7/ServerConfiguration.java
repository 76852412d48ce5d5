package org.camelmm7;

import java.util.List;
import java.util.Set;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.spi.Registry;
import org.camelmm7.dataformat.Mm7DataFormat;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.listener.BodyBudgetSettings;
import org.camelmm7.listener.ListenerGuard;
import org.camelmm7.listener.ListenerPolicy;
import org.camelmm7.listener.ListenerSettings;
import org.camelmm7.listener.Mm7HttpServer;
import org.camelmm7.log.MmsLogs;
import org.camelmm7.server.Mm7HttpExchange;
import org.camelmm7.server.ServerSettings;
import org.camelmm7.server.VaspPaths;
import org.camelmm7.simulator.MmscSimulator;
import org.camelmm7.simulator.SimulatorSettings;
import org.camelmm7.support.GatewayMessageIds;
import org.camelmm7.support.Settings;
import org.slf4j.LoggerFactory;

/**
 * The MM7 server (mm7_serv) behind its HTTP listener (HTTP_Listener), and the simulated MMSC that
 * shares the listener. A gateway that only submits ({@code mm7.server.enabled = false}) opens no
 * MM7 port.
 */
public class ServerConfiguration implements CamelConfiguration {

    /** The listener, when one runs: the metrics count its connections and request bodies. */
    static final String LISTENER = "mm7HttpServer";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        ServerSettings server = ServerSettings.from(settings);
        ListenerSettings listening = ListenerSettings.from(settings);
        SimulatorSettings simulator = SimulatorSettings.from(settings, listening.localUrl(server.paths().all().get(0)));
        boolean serving = settings.bool("mm7.server.enabled");
        // without the server no path is served, and VaspPathRoutes makes no route
        VaspPaths served = serving ? server.paths() : new VaspPaths(List.of());
        registry.bind("vaspPaths", served);
        // the MM7 data format of the routes (unmarshal/marshal {custom: {ref: mm7}}), with the server's limits
        registry.bind("mm7", new Mm7DataFormat(server.limits()));
        Mm7HttpExchange edge = new Mm7HttpExchange(server, GatewayConfiguration.bound(context, "gatewayMessageIds", GatewayMessageIds.class),
                new Mm7Hooks(registry));
        registry.bind("mm7HttpExchange", edge);
        // predicates the routes' choices name with `ref` (a bean predicate costs a copy of the exchange each time)
        registry.bind("isAnsweredByHook", (Predicate) edge::isAnsweredByHook);
        registry.bind("isDeliverReq", (Predicate) edge::isDeliverReq);
        registry.bind("isDeliveryReport", (Predicate) edge::isDeliveryReport);
        registry.bind("isReadReply", (Predicate) edge::isReadReply);
        // the simulated MMSC, serving when mm7.simulator.enabled=true
        registry.bind("mmscSimulator", new MmscSimulator(simulator));

        // the listener serves the VASP paths and the simulated MMSC: without either, it is not started
        if (serving || simulator.enabled()) {
            listen(context, settings, listening, served, server.version(), simulator);
        }
        if (!serving) {
            LoggerFactory.getLogger(ServerConfiguration.class).info("MM7 server off (mm7.server.enabled = false): {}",
                    simulator.enabled() ? "the listener serves only the simulated MMSC" : "no MM7 port is opened");
        }
    }

    private static void listen(CamelContext context, Settings settings, ListenerSettings listening, VaspPaths paths, String mm7Version,
                               SimulatorSettings simulator) throws Exception {
        MmsLogs logs = GatewayConfiguration.bound(context, LogsConfiguration.LOGS, MmsLogs.class);
        Set<String> openPaths = simulator.enabled() ? Set.of(simulator.path()) : Set.of();
        ListenerGuard guard = new ListenerGuard(ListenerPolicy.from(settings, paths, openPaths, listening.scopes()),
                BodyBudgetSettings.from(settings, mm7Version), logs::isBehind);
        Mm7HttpServer listener = new Mm7HttpServer(listening, guard, String.join(" ", paths.all())
                + (simulator.enabled() ? (paths.all().isEmpty() ? "" : " and ") + "the simulated MMSC on " + simulator.path() : ""));
        context.getRegistry().bind(LISTENER, listener);
        context.addService(listener, true, true);
    }
}
