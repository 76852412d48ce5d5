package org.camelmm7;

import org.apache.camel.main.Main;

/** Starts the gateway with camel-main: the YAML routes, plus what application.properties names. */
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
        // the Camel CLI is given the route files on its command line, so the pattern is set here only;
        // the beans and the Java routes come from application.properties
        main.configure().withRoutesIncludePattern(ROUTES);
    }
}
