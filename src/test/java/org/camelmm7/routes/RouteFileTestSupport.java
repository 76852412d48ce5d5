package org.camelmm7.routes;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.camelmm7.RunningGateway;
import org.junit.jupiter.api.io.TempDir;

/**
 * One route file on the gateway's own configuration (camel-test-main-junit5): the settings of
 * {@link RunningGateway#testProperties} under a directory of the test class, without an MM7 port and
 * without the MMS log's heartbeat.
 */
abstract class RouteFileTestSupport extends CamelMainTestSupport {

    @TempDir
    static Path dir;

    /** The file under {@code routes/} the test class loads, alone. */
    abstract String routeFile();

    /** Settings the test class adds or changes. */
    void settings(Properties settings) {
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("classpath:routes/" + routeFile());
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.putAll(RunningGateway.testProperties(dir, RunningGateway.freePort()));
        p.put("mm7.server.enabled", "false");
        p.put("mms.logger.heartbeat", "0");
        settings(p);
        return p;
    }
}
