package org.camelmm7.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The features repository for camel-karaf estates cannot be installed here (the camel-karaf bundles
 * are not on Maven Central), so it is checked against camel-karaf's own features repository, which
 * is: every Camel feature it asks for must exist there, in a version its range accepts.
 */
class KarafFeaturesTest {

    private static final Path OURS = Path.of("target/feature/feature.xml");
    private static final Path CAMEL_KARAF = Path.of("target/karaf/camel-karaf-features.xml");

    @Test
    void everyCamelFeatureItNeedsIsInCamelKarafInAnAcceptedVersion() throws Exception {
        Element gateway = feature(parse(OURS), "camel-mm7-gateway");
        Map<String, String> camelKaraf = featureVersions(parse(CAMEL_KARAF));

        List<Element> needed = children(gateway, "feature");
        assertThat(needed).extracting(Node::getTextContent)
                .contains("camel-core", "camel-yaml-dsl", "camel-platform-http-main", "camel-mail", "camel-http", "camel-micrometer-prometheus");
        for (Element dependency : needed) {
            String name = dependency.getTextContent().trim();
            assertThat(camelKaraf).as("camel-karaf feature %s", name).containsKey(name);
            assertThat(inRange(camelKaraf.get(name), dependency.getAttribute("version")))
                    .as("%s %s within %s", name, camelKaraf.get(name), dependency.getAttribute("version")).isTrue();
        }
    }

    @Test
    void pointsAtCamelKarafAndAtThisBuildsBundle() throws Exception {
        Document ours = parse(OURS);
        String text = Files.readString(OURS);
        assertThat(text).as("every Maven property filtered in").doesNotContain("${");

        String repository = ours.getDocumentElement().getElementsByTagNameNS("*", "repository").item(0).getTextContent();
        String camelKarafVersion = parse(CAMEL_KARAF).getDocumentElement().getAttribute("name").replaceFirst("^camel-", "");
        assertThat(repository).isEqualTo("mvn:org.apache.camel.karaf/apache-camel/" + camelKarafVersion + "/xml/features");

        Element gateway = feature(ours, "camel-mm7-gateway");
        assertThat(children(gateway, "bundle")).extracting(b -> b.getTextContent().trim())
                .endsWith("mvn:org.camelmm7/camel-mm7-gateway/" + gateway.getAttribute("version") + "/jar/osgi")
                .anyMatch(b -> b.startsWith("mvn:com.h2database/h2/"))
                .anyMatch(b -> b.startsWith("mvn:com.zaxxer/HikariCP/"))
                .anyMatch(b -> b.startsWith("mvn:com.fasterxml.woodstox/woodstox-core/"));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element feature(Document repository, String name) {
        for (Element f : children(repository.getDocumentElement(), "feature")) {
            if (f.getAttribute("name").equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name);
    }

    private static Map<String, String> featureVersions(Document repository) {
        Map<String, String> versions = new HashMap<>();
        for (Element f : children(repository.getDocumentElement(), "feature")) {
            versions.put(f.getAttribute("name"), f.getAttribute("version"));
        }
        return versions;
    }

    private static List<Element> children(Element parent, String localName) {
        NodeList nodes = parent.getChildNodes();
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** An OSGi version range such as [4.14,5); major.minor is all the features here use. */
    static boolean inRange(String version, String range) {
        if (range.isEmpty()) {
            return true;
        }
        String[] bounds = range.substring(1, range.length() - 1).split(",");
        int low = compare(version, bounds[0]);
        int high = compare(version, bounds[1]);
        return (range.startsWith("[") ? low >= 0 : low > 0) && (range.endsWith("]") ? high <= 0 : high < 0);
    }

    private static int compare(String a, String b) {
        String[] x = a.trim().split("\\.");
        String[] y = b.trim().split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i].replaceAll("\\D.*", "")) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i].replaceAll("\\D.*", "")) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
