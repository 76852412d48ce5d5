package org.camelmm7.server;

import org.apache.camel.builder.RouteBuilder;
import org.camelmm7.exchange.Mm7Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform-http consumer per configured VASP path (the {@code vaspPaths} bean that
 * GatewayConfiguration validated), so adding a path needs only configuration. Each hands the request
 * to {@code direct:mm7-request} (mm7-server.camel.yaml).
 */
public class VaspPathRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(VaspPathRoutes.class);

    @Override
    public void configure() {
        VaspPaths paths = getContext().getRegistry().lookupByNameAndType("vaspPaths", VaspPaths.class);
        paths.shadowed().forEach(line -> LOG.warn("mm7.server.vasp-uri-paths: {}", line));
        // in the order configured: the router tries them in this order, as the listener's policy does
        for (String path : paths.all()) {
            from("platform-http:" + path + "?matchOnUriPrefix=true&httpMethodRestrict=POST")
                    .routeId("receive-mm7-on-" + VaspPaths.keyOf(path))
                    .setProperty(Mm7Exchange.VASP_PATH.name(), constant(path))
                    .to("direct:mm7-request");
        }
    }
}
