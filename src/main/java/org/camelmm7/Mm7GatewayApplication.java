package org.camelmm7;

import java.nio.file.Files;
import java.nio.file.Path;

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
        String config = System.getenv(CONFIG);
        if (config != null && !config.isBlank()) {
            main.setPropertyPlaceholderLocations(locations(Path.of(config.trim())));
        }
    }

    /** The environment variable naming a properties file read over application.properties. */
    public static final String CONFIG = "MM7_CONFIG";

    /**
     * The operator's file over application.properties (Camel's properties component takes a key from
     * the first location that has it); environment variables and -D properties still win over both.
     * A file that cannot be read stops the start.
     */
    static String locations(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(CONFIG + "=" + file + ": the file cannot be read");
        }
        return "file:" + file.toAbsolutePath() + ",classpath:application.properties";
    }
}
