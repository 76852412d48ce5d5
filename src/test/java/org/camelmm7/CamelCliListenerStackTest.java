package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Camel CLI's dependencies (tools/camel-cli/pom.xml, not a module of this build) name Netty's
 * and Vert.x's BOMs by hand, so that the listener runs there on what the runnable jar ships
 * (docs/runtimes.md). A raise in pom.xml that forgets them would leave the CLI on the Netty the
 * raise was for.
 */
class CamelCliListenerStackTest {

    @Test
    void theCamelCliTakesTheNettyAndVertxOfTheBuild() throws Exception {
        String build = Files.readString(Path.of("pom.xml"));
        String cli = Files.readString(Path.of("tools/camel-cli/pom.xml"));

        assertThat(bomVersion(cli, "io.netty", "netty-bom")).isEqualTo(property(build, "netty.version"));
        assertThat(bomVersion(cli, "io.vertx", "vertx-dependencies")).isEqualTo(property(build, "vertx.version"));
    }

    private static String property(String pom, String name) {
        return find(pom, "<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">", name);
    }

    private static String bomVersion(String pom, String groupId, String artifactId) {
        return find(pom, "<groupId>" + Pattern.quote(groupId) + "</groupId>\\s*<artifactId>" + Pattern.quote(artifactId)
                + "</artifactId>\\s*<version>([^<]+)</version>", artifactId);
    }

    private static String find(String pom, String regex, String what) {
        Matcher m = Pattern.compile(regex).matcher(pom);
        assertThat(m.find()).as(what).isTrue();
        return m.group(1).trim();
    }
}
