package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each routes file starts on its own (an estate may load only the ones it wants, or replace one),
 * with the route configurations (error handling) its routes name: none names one another file defines.
 */
class RouteFilesTest {

    @TempDir
    Path dir;

    static List<String> routeFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void startsWithoutTheOtherFilesAndHasTheRouteConfigurationsItNames(String file) {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of("camel.main.routes-include-pattern", "classpath:routes/" + file,
                "mms.logger.heartbeat", "0"))) {
            ModelCamelContext model = (ModelCamelContext) gw.context();
            List<RouteDefinition> routes = model.getRouteDefinitions().stream()
                    .filter(r -> r.getLocation() != null && r.getLocation().contains(file)).toList();
            assertThat(routes).as("routes of %s", file).isNotEmpty();
            Set<String> configurations = model.getRouteConfigurationDefinitions().stream().map(RouteConfigurationDefinition::getId)
                    .collect(Collectors.toSet());
            // Camel starts a route whose configuration is missing with the default error handler, silently
            assertThat(routes).allSatisfy(r -> assertThat(r.getRouteConfigurationId() == null
                    || configurations.contains(r.getRouteConfigurationId())).as("%s names %s", r.getId(), r.getRouteConfigurationId()).isTrue());
        }
    }
}
