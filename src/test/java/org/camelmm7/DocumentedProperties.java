package org.camelmm7;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code properties} examples of README.md and docs/*.md, read as a properties file reads them
 * (so a comment written after a value becomes part of the value, as it would for an operator), the
 * settings that their {@code sh} examples give ({@code -D} and {@code MM7_…} variables), and
 * the same with what a test machine has in place of the operator's hosts, files and ports. An
 * example marked {@code <!-- fragment -->} on the line before it is not meant to start alone.
 */
public final class DocumentedProperties {

    /** @param where file and line of the example */
    public record Example(String where, Map<String, String> properties, boolean fragment) {

        /**
         * Every value with each {@code stand-ins} key replaced by its value, in one pass (the longest key
         * first where several match): a stand-in is never itself replaced, so a temporary directory whose
         * random name holds {@code 8089} keeps it instead of taking a port number.
         */
        public Map<String, String> with(Map<String, String> standIns) {
            Map<String, String> out = new LinkedHashMap<>(properties);
            if (standIns.isEmpty()) {
                return out;
            }
            Pattern keys = Pattern.compile(standIns.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                    .map(Pattern::quote).collect(Collectors.joining("|")));
            out.replaceAll((k, v) -> keys.matcher(v).replaceAll(m -> Matcher.quoteReplacement(standIns.get(m.group()))));
            return out;
        }
    }

    /**
     * What this machine has in place of the examples' operator estate: the operator's CA, the
     * gateway's and the VASP's certificates issued by it (the gateway's for 127.0.0.1), the MMSCs'
     * credentials file (user {@code mmsc}, password {@code s3cret}), the management port's (user {@code ops}), the documented ports on free
     * ones, the operator's MMSC at the gateway's own simulator on the TLS port, and passwords
     * ({@code …}) as {@code mm7}.
     */
    public record StandIns(Map<String, String> values, TestCertificates.Issued ca, TestCertificates.Issued vasp, int plainPort, int tlsPort) {

        public static StandIns in(Path dir) {
            try {
                Files.createDirectories(dir);
                TestCertificates.Issued ca = TestCertificates.authority("CN=Operator CA");
                TestCertificates.Pem gateway = TestCertificates.issue(ca, "CN=gateway.test", "127.0.0.1").writePem(dir, "gateway");
                TestCertificates.Issued vasp = TestCertificates.issue(ca, "CN=vasp.test", "vasp.test");
                TestCertificates.Pem vaspPem = vasp.writePem(dir, "vasp");
                Path caFile = ca.writePem(dir, "operator-ca").certificate();
                Path users = Files.writeString(dir.resolve("mmsc-users"), "mmsc:s3cret\n");
                Path operators = Files.writeString(dir.resolve("management-users.properties"), "user.ops=s3cret,operator\nrole.operator=*\n");
                int plain = RunningGateway.freePort();
                int tls = RunningGateway.freePort();
                Map<String, String> values = new LinkedHashMap<>();
                values.put("/etc/mm7/tls/gateway.crt", gateway.certificate().toString());
                values.put("/etc/mm7/tls/gateway.key", gateway.key().toString());
                values.put("/etc/mm7/tls/operator-ca.pem", caFile.toString());
                values.put("/etc/mm7/tls/vasp.crt", vaspPem.certificate().toString());
                values.put("/etc/mm7/tls/vasp.key", vaspPem.key().toString());
                values.put("/etc/mm7/mmsc-users", users.toString());
                values.put("/etc/mm7/management-users.properties", operators.toString());
                values.put("https://mmsc.operator.example/mm7", "https://127.0.0.1:" + tls + "/mmsc/");
                values.put("8089", Integer.toString(plain));
                values.put("8443", Integer.toString(tls));
                values.put("9000", Integer.toString(plain));
                values.put("smtp://relay.example.net:25", "smtp://127.0.0.1:" + RunningGateway.freePort());
                values.put("…", "mm7");
                return new StandIns(values, ca, vasp, plain, tls);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** With the broker and the database the scale-out example names. */
        public StandIns withServers(String brokerUrl, String postgresUrl) {
            Map<String, String> more = new LinkedHashMap<>();
            more.put("tcp://broker.example.net:61616?callTimeout=5000&reconnectAttempts=0", brokerUrl);
            more.put("jdbc:postgresql://db.example.net:5432/mm7", postgresUrl);
            more.putAll(values);
            return new StandIns(more, ca, vasp, plainPort, tlsPort);
        }
    }

    private DocumentedProperties() {
    }

    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D((?:mm7|mms)\\.[\\w.-]+)=('[^']*'|\\S+)");
    /** Environment variables of the gateway and its tools that name no setting: MM7_CONFIG names a file of them. */
    private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of(Mm7GatewayApplication.CONFIG, "MM7_JAR", "MM7_MANAGEMENT_URL",
            "MM7_MANAGEMENT_USER");
    private static final Pattern ENVIRONMENT = Pattern.compile("(?<![\\w$])((?:MM7|MMS)_[A-Z0-9_]+)=('[^']*'|\\S+)");

    /**
     * The settings a shell command gives: {@code -Dkey=value}, and {@code MM7_…=value} environment
     * variables named as Camel derives them from a key (upper case, dots and dashes as underscores).
     */
    static Map<String, String> settingsOf(String command) {
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher d = SYSTEM_PROPERTY.matcher(command);
        while (d.find()) {
            settings.put(d.group(1), unquoted(d.group(2)));
        }
        Matcher e = ENVIRONMENT.matcher(command);
        while (e.find()) {
            String env = e.group(1);
            if (NOT_SETTINGS.contains(env)) {
                continue; // MomentumImportTest starts gateways with it
            }
            String key = RunningGateway.shippedKeys().stream().filter(k -> k.toUpperCase().replaceAll("[.-]", "_").equals(env)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(env + " is no setting's environment variable"));
            settings.put(key, unquoted(e.group(2)));
        }
        return settings;
    }

    private static String unquoted(String value) {
        return value.startsWith("'") ? value.substring(1, value.length() - 1) : value;
    }

    public static List<Example> all() {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        for (Path file : files) {
            examples.addAll(in(file));
        }
        return examples;
    }

    /** The README's example that sets this key. */
    public static Example readme(String key) {
        return in(Path.of("README.md")).stream().filter(e -> e.properties().containsKey(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("README.md has no properties example with " + key));
    }

    private static List<Example> in(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<Example> examples = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().equals("```sh")) {
                    int start = i;
                    StringBuilder command = new StringBuilder();
                    while (++i < lines.size() && !lines.get(i).trim().equals("```")) {
                        command.append(lines.get(i)).append('\n');
                    }
                    Map<String, String> settings = settingsOf(command.toString());
                    if (!settings.isEmpty()) {
                        examples.add(new Example(file + ":" + (start + 1), settings, start > 0 && lines.get(start - 1).contains("<!-- fragment")));
                    }
                    continue;
                }
                if (!lines.get(i).trim().equals("```properties")) {
                    continue;
                }
                int start = i;
                StringBuilder text = new StringBuilder();
                while (++i < lines.size() && !lines.get(i).trim().equals("```")) {
                    text.append(lines.get(i)).append('\n');
                }
                Properties p = new Properties();
                p.load(new StringReader(text.toString()));
                Map<String, String> properties = new LinkedHashMap<>();
                p.stringPropertyNames().stream().sorted().forEach(k -> properties.put(k, p.getProperty(k)));
                boolean fragment = start > 0 && lines.get(start - 1).contains("<!-- fragment");
                examples.add(new Example(file + ":" + (start + 1), properties, fragment));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
