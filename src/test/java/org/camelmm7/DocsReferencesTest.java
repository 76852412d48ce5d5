package org.camelmm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camelmm7.client.ClientExchange;
import org.camelmm7.email.MailExchange;
import org.camelmm7.exchange.ExchangeKey;
import org.camelmm7.exchange.Mm7Exchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What README.md, docs/ and the routes name exists: every setting key, every exchange property and
 * every class of this project (and method, where they name one), and every file and heading their
 * links lead to. Names drift when code or a heading is renamed and nothing else notices.
 */
class DocsReferencesTest {

    private static final Pattern SETTING = Pattern.compile("\\b(?:mm7|mms)\\.(?:server|client|mail|spool|broker|management|simulator|logger|bounce-logger)"
            + "(?:\\.[a-z0-9<>*_-]+)*");
    private static final Pattern EXCHANGE_PROPERTY = Pattern.compile("exchangeProperty\\.(\\w+)");
    private static final Pattern NAMED_IN_CODE = Pattern.compile("`(mm7[A-Z]\\w*)`");
    private static final Pattern OUR_CLASS = Pattern.compile("\\borg\\.camelmm7(?:\\.\\w+)+");
    private static final Pattern CLASS_MEMBER = Pattern.compile("`([A-Z]\\w*)(?:\\.(\\w+))?`");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
    /** A Markdown link to a file of this repository or a heading: [text](path), [text](path#heading), [text](#heading). */
    private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\((?!https?:|mailto:)([^)#\\s]*)(?:#([^)\\s]+))?\\)");
    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.*?)\\s*$", Pattern.MULTILINE);
    private static final Pattern FENCED_BLOCK = Pattern.compile("^```.*?^```", Pattern.MULTILINE | Pattern.DOTALL);

    private static Set<String> shippedKeys;
    private static Set<String> literals;
    private static String mainSources;
    private static List<Path> allSources;

    @BeforeAll
    static void read() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            p.load(r);
        }
        shippedKeys = p.stringPropertyNames();
        // the examples' classes too: the docs name them
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("src")), Files.walk(Path.of("examples")))) {
            allSources = s.filter(f -> f.toString().endsWith(".java")).toList();
        }
        StringBuilder main = new StringBuilder();
        for (Path f : allSources) {
            if (f.startsWith("src/main")) {
                main.append(Files.readString(f)).append('\n');
            }
        }
        // names the build and the logging configuration give (the bundle's name, logger names)
        for (String f : List.of("pom.xml", "src/main/resources/log4j2.properties")) {
            main.append(Files.readString(Path.of(f)).replaceAll("([\\w.-]+)", "\"$1\"")).append('\n');
        }
        mainSources = main.toString();
        literals = new HashSet<>();
        // line by line: a quote in a char literal or a comment then puts only its own line out of step
        for (String line : mainSources.split("\n")) {
            Matcher m = STRING_LITERAL.matcher(line.replace("'\"'", ""));
            while (m.find()) {
                literals.add(m.group(1));
            }
        }
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Stream.concat(Files.list(Path.of("docs")), Files.list(Path.of("src/main/resources/routes")))) {
            // docs/images holds the figures (a plot, its samples): not text to check
            s.filter(Files::isRegularFile).sorted().forEach(docs::add);
        }
        return docs;
    }

    private static Set<String> found(Pattern pattern, int group) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Path doc : documents()) {
            Matcher m = pattern.matcher(Files.readString(doc));
            while (m.find()) {
                out.add(doc + ": " + m.group(group));
            }
        }
        return out;
    }

    private static String name(String found) {
        return found.substring(found.indexOf(": ") + 2);
    }

    @Test
    void everySettingKeyTheDocsNameIsReadByTheGateway() throws IOException {
        Set<String> keys = found(SETTING, 0);
        assertThat(keys).hasSizeGreaterThan(100);
        assertThat(keys.stream().filter(k -> !settingExists(name(k)))).isEmpty();
    }

    private static boolean settingExists(String key) {
        if (shippedKeys.contains(key)) {
            return true;
        }
        String[] parts = key.split("\\.");
        if ((key.startsWith("mms.logger.") || key.startsWith("mms.bounce-logger.")) && key.endsWith(".*") && parts.length == 4) {
            // every option of a logger instance, e.g. mms.logger.rt.*
            return shippedKeys.contains(parts[0] + "." + parts[1] + ".instances");
        }
        int placeholder = key.indexOf('*') >= 0 && key.indexOf('<') < 0 ? key.indexOf('*') : key.indexOf('<');
        if (placeholder >= 0) {
            // a family, e.g. mm7.client.domain.<name>.*: some key or literal starts that way
            String prefix = key.substring(0, placeholder);
            return shippedKeys.stream().anyMatch(k -> k.startsWith(prefix)) || literals.stream().anyMatch(l -> l.startsWith(prefix));
        }
        String option = parts[parts.length - 1];
        if (key.startsWith("mm7.client.domain.") && parts.length >= 5) {
            // mm7.client.domain.<name>.<option>: an option a domain reads, or one with a default
            String domainOption = String.join(".", List.of(parts).subList(4, parts.length));
            return literals.contains(domainOption) || shippedKeys.contains("mm7.client.domain-defaults." + domainOption);
        }
        if (key.startsWith("mms.logger.") || key.startsWith("mms.bounce-logger.")) {
            // an instance's options are the logger's own
            String logger = parts[0] + "." + parts[1] + ".";
            return shippedKeys.contains(logger + option) || literals.contains("." + option);
        }
        // read under a computed prefix: the key's end is a literal of the code that reads it
        return literals.contains(key) || literals.contains("." + option) || literals.stream().anyMatch(l -> l.endsWith("." + option));
    }

    @Test
    void everyExchangePropertyIsOneMm7ExchangeNames() throws IOException {
        // typed keys (Mm7Exchange and the holders of keys whose types live higher up) and the headers' names
        Set<String> named = Stream.of(Mm7Exchange.class, MailExchange.class, ClientExchange.class).flatMap(c -> Stream.of(c.getFields())).map(f -> {
            try {
                Object value = f.get(null);
                return value instanceof ExchangeKey<?> key ? key.name() : (String) value;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
        Set<String> properties = found(EXCHANGE_PROPERTY, 1);
        assertThat(properties).isNotEmpty();
        assertThat(properties.stream().filter(p -> !name(p).startsWith("Camel") && !named.contains(name(p)))).isEmpty();
        // bean and property names written as code: a property, or a name the gateway binds
        assertThat(found(NAMED_IN_CODE, 1).stream().filter(n -> !named.contains(name(n)) && !literals.contains(name(n)))).isEmpty();
    }

    @Test
    void everyClassOfOursTheDocsNameExistsWithTheMembersTheyName() throws IOException {
        Set<String> qualified = found(OUR_CLASS, 0);
        assertThat(qualified.stream().filter(q -> {
            String n = name(q).replaceAll("\\.cfg$", "");
            Path asPath = Path.of(n.replace('.', '/'));
            return !Files.exists(Path.of("src/main/java").resolve(asPath + ".java")) && !Files.isDirectory(Path.of("src/main/java").resolve(asPath))
                    && !literals.stream().anyMatch(l -> l.equals(n) || l.startsWith(n + "."))
                    && !Files.exists(Path.of("src/main/java").resolve(asPath.getParent() + ".java"));
        })).isEmpty();

        List<String> missing = new ArrayList<>();
        for (String f : found(CLASS_MEMBER, 0)) {
            Matcher m = CLASS_MEMBER.matcher(name(f));
            if (!m.matches()) {
                continue;
            }
            String type = m.group(1);
            String member = m.group(2);
            List<Path> declaring = declaring(type);
            boolean ours = !declaring.isEmpty();
            if (type.matches(".*(Test|IT|Benchmark)") && !ours) {
                missing.add(f);
            } else if (ours && member != null && !member.equals("java") && declaring.stream().noneMatch(d -> declares(d, member))) {
                missing.add(f);
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Source files that declare a type of this name (a file of its own, or nested). */
    private static List<Path> declaring(String type) {
        Pattern declaration = Pattern.compile("\\b(?:class|record|interface|enum)\\s+" + type + "\\b");
        return allSources.stream().filter(f -> {
            try {
                return f.getFileName().toString().equals(type + ".java") || declaration.matcher(Files.readString(f)).find();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static boolean declares(Path file, String member) {
        try {
            return Pattern.compile("\\b" + member + "\\s*[(=;]|\\b(?:class|record|interface|enum)\\s+" + member + "\\b").matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyLinkOfTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : documents()) {
            if (!doc.toString().endsWith(".md")) {
                continue;
            }
            Matcher m = LOCAL_LINK.matcher(FENCED_BLOCK.matcher(Files.readString(doc)).replaceAll(""));
            while (m.find()) {
                links++;
                Path target = m.group(1).isEmpty() ? doc : doc.resolveSibling(m.group(1)).normalize();
                if (!Files.exists(target)) {
                    broken.add(doc + ": " + m.group());
                } else if (m.group(2) != null && target.toString().endsWith(".md") && !headingAnchors(target).contains(m.group(2))) {
                    broken.add(doc + ": " + m.group() + " (no such heading in " + target + ")");
                }
            }
        }
        assertThat(links).isGreaterThan(50);
        assertThat(broken).isEmpty();
    }

    /** The anchors a Markdown viewer such as GitHub's gives a file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    private static Set<String> headingAnchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(FENCED_BLOCK.matcher(Files.readString(markdown)).replaceAll(""));
        while (m.find()) {
            String anchor = m.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = anchor;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = anchor + "-" + n;
            }
        }
        return anchors;
    }
}
