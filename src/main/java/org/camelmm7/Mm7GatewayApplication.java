package org.camelmm7;

import org.apache.camel.main.Main;

/** Starts the gateway: camel-main with the YAML routes, the per-path HTTP routes and the beans. */
public final class Mm7GatewayApplication {

    public static final String ROUTES = "classpath:routes/*.camel.yaml";

    private Mm7GatewayApplication() {
    }

    public static void main(String... args) throws Exception {
        Main main = new Main();
        configure(main);
        System.exit(main.run(args));
    }

    /** Shared with the tests, so they start exactly what runs in production. */
    public static void configure(Main main) {
        main.configure().withRoutesIncludePattern(ROUTES);
        main.configure().addConfiguration(GatewayConfiguration.class);
        main.configure().addRoutesBuilder(VaspPathRoutes.class);
    }
}
