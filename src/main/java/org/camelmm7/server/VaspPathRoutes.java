package org.camelmm7.server;

import org.apache.camel.builder.RouteBuilder;
import org.camelmm7.exchange.Mm7Exchange;

/**
 * One platform-http consumer per configured VASP path (the {@code vaspPaths} bean that
 * GatewayConfiguration validated), so adding a path needs only configuration. Each hands the request to {@code direct:mm7-request} (mm7-server.camel.yaml).
 */
public class VaspPathRoutes extends RouteBuilder {

    @Override
    public void configure() {
        VaspPaths paths = getContext().getRegistry().lookupByNameAndType("vaspPaths", VaspPaths.class);
        for (String path : paths.all()) {
            from("platform-http:" + path + "?matchOnUriPrefix=true&httpMethodRestrict=POST")
                    .routeId("receive-mm7-on-" + VaspPaths.keyOf(path))
                    .setProperty(Mm7Exchange.VASP_PATH, constant(path))
                    .to("direct:mm7-request");
        }
    }
}
