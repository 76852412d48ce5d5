package org.camelmm7.client;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camelmm7.client.mmsc.Mmsc;
import org.camelmm7.client.mmsc.MmscConnection;
import org.camelmm7.client.mmsc.MmscLimits;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7WriterOptions;
import org.camelmm7.support.Settings;
import org.xml.sax.InputSource;

/**
 * One MM7 domain of the client, like a Momentum domain with {@code delivery_method = "mm7"}: the
 * mail domain whose recipients it serves, the MMSC it submits to and how ({@link MmscConnection}),
 * its SubmitReq options, and the MMSC's contracted rate and connections ({@link MmscLimits}).
 * Configured under {@code mm7.client.domain.<name>.*} for each name in {@code mm7.client.domains}.
 */
public record Mm7Domain(String name, RecipientMapping recipients, String mmscUrl, String authorization, int responseTimerSeconds,
                        String namespace, String version, Mm7WriterOptions writerOptions, SubmitOptions submitOptions,
                        boolean generateBounces, Set<Integer> permanentHttpStatuses, MmscConnection connection, MmscLimits limits) {

    /** The Camel endpoint the domain's SubmitReqs go to: a CXF endpoint bound under this name. */
    public String endpointName() {
        return "mmsc-" + name;
    }

    /** The MMSC this domain submits to, for the transport. */
    public Mmsc mmsc() {
        return new Mmsc(name, endpointName(), mmscUrl, responseTimerSeconds, connection, limits);
    }

    public static List<Mm7Domain> configured(Settings settings) {
        List<Mm7Domain> domains = new ArrayList<>();
        for (String name : settings.list("mm7.client.domains")) {
            // a key the domain does not set takes the value of mm7.client.domain-defaults (application.properties)
            domains.add(read(name, key -> {
                String own = settings.optional("mm7.client.domain." + name + "." + key);
                return own != null ? own : settings.optional("mm7.client.domain-defaults." + key);
            }));
        }
        return domains;
    }

    static Mm7Domain read(String name, Function<String, String> option) {
        String prefix = "mm7.client.domain." + name + ".";
        String mailDomain = require(option, prefix, "mail-domain");
        String url = require(option, prefix, "url");
        String auth = option.apply("basic-auth");
        String numberPrefix = option.apply("number-prefix");
        SubmitOptions submit = new SubmitOptions(
                option.apply("vaspid"),
                option.apply("vasid"),
                senderAddress(option.apply("sender-address"), prefix),
                option.apply("service-code"),
                messageClass(option.apply("message-class")),
                bool(option, prefix, "delivery-report"),
                bool(option, prefix, "read-reply"),
                bool(option, prefix, "reply-charging"),
                option.apply("reply-charging-size") == null ? null : number(option, prefix, "reply-charging-size"),
                option.apply("reply-deadline"),
                bool(option, prefix, "soap-attachment-simple-mime"),
                numberPrefix,
                extension(option.apply("request-ie-extended"), prefix));
        return new Mm7Domain(name, new RecipientMapping(mailDomain, numberPrefix), url,
                auth == null ? null : "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)),
                number(option, prefix, "response-timer"),
                require(option, prefix, "xml-schema"),
                require(option, prefix, "version"),
                new Mm7WriterOptions(require(option, prefix, "soap-env"), require(option, prefix, "namespace"),
                        bool(option, prefix, "use-namespace-in-body")),
                submit,
                bool(option, prefix, "generate-bounces"),
                httpStatuses(require(option, prefix, "permanent-http-statuses"), prefix),
                MmscConnection.read(option, prefix, bool(option, prefix, "tls.verify-hostname"), bool(option, prefix, "disable-chunked")),
                MmscLimits.read(option, prefix));
    }

    /** HTTP statuses without an MM7 status that bounce the mail at once (the others are retried). */
    static Set<Integer> httpStatuses(String csv, String prefix) {
        Set<Integer> statuses = new TreeSet<>();
        for (String s : csv.split("[,\\s]+")) {
            if (s.isBlank()) {
                continue;
            }
            if (!s.trim().matches("[1-5]\\d\\d")) {
                throw new IllegalArgumentException(prefix + "permanent-http-statuses: '" + s + "' is not an HTTP status");
            }
            statuses.add(Integer.valueOf(s.trim()));
        }
        return Set.copyOf(statuses);
    }

    /** Momentum writes {@code "<ShortCode>28444</ShortCode>"}; a bare value is read as an untyped address. */
    static Mm7Address senderAddress(String value, String prefix) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var m = Pattern.compile("\\s*<(\\w+)>([^<]*)</\\1>\\s*").matcher(value);
        if (m.matches()) {
            Mm7Address.Type type = Mm7Address.Type.ofElement(m.group(1));
            if (type == null) {
                throw new IllegalArgumentException(prefix + "sender-address '" + value + "': use RFC2822Address, Number or ShortCode");
            }
            return new Mm7Address(type, m.group(2).trim(), false);
        }
        return Mm7Address.untyped(value);
    }

    /** Raw XML elements (Momentum's mm7_request_ie_extended), refused at startup unless well-formed. */
    static String extension(String xml, String prefix) {
        if (xml == null || xml.isBlank()) {
            return null;
        }
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.newDocumentBuilder().parse(new InputSource(new StringReader("<x>" + xml + "</x>")));
        } catch (Exception e) {
            throw new IllegalArgumentException(prefix + "request-ie-extended is not well-formed XML: " + e.getMessage());
        }
        return xml.trim();
    }

    /** Momentum's examples write {@code "personal"}; the schema wants {@code Personal}. */
    static String messageClass(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase();
        return Character.toUpperCase(v.charAt(0)) + v.substring(1);
    }

    private static String require(Function<String, String> option, String prefix, String key) {
        String v = option.apply(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(prefix + key + " is not set (nor mm7.client.domain-defaults." + key + ")");
        }
        return v.trim();
    }

    /** Momentum's booleans: {@code true} or {@code 1}, {@code false} or {@code 0}; anything else is refused, naming the key. */
    static boolean bool(Function<String, String> option, String prefix, String key) {
        String v = require(option, prefix, key).toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(prefix + key + " '" + v + "' is not true or false");
        };
    }

    private static int number(Function<String, String> option, String prefix, String key) {
        String v = require(option, prefix, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + key + " '" + v + "' is not a whole number");
        }
    }
}
