package org.camelmm7.momentum;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.camelmm7.momentum.EcelerityConf.Option;
import org.camelmm7.momentum.EcelerityConf.Scope;

/**
 * {@code tools/momentum-import ecelerity.conf}: the gateway's properties for a Momentum
 * configuration's MM7 parts ({@code mm7_serv}, {@code HTTP_Listener} with its Listen and Peer
 * scopes, {@code mm7} and the domains it delivers to, {@code mms_logger}, {@code mms_bounce_logger}),
 * and a comment line for each option it does not carry over, saying why. Start the gateway with the
 * result as {@code MM7_CONFIG}.
 */
public final class MomentumImport {

    /** Options Momentum has and this gateway does without, and why (docs/momentum-mapping.md). */
    private static final Map<String, String> NOT_CARRIED = Map.ofEntries(
            Map.entry("debug_level", "log levels are log4j2's (logger org.camelmm7)"),
            Map.entry("pool_name", "Vert.x manages the listener's threads"),
            Map.entry("events_per_iter", "Vert.x manages the listener's threads"),
            Map.entry("listen_backlog", "the kernel's backlog applies"),
            Map.entry("accept_queue_backlog", "the kernel's backlog applies"),
            Map.entry("tcp_recv_buffer_size", "the kernel's buffer sizes apply"),
            Map.entry("tcp_send_buffer_size", "the kernel's buffer sizes apply"),
            Map.entry("disable_nagle_algorithm", "Nagle is always off"),
            Map.entry("file_mode", "not supported"),
            Map.entry("tls_allow_renegotiation", "the JDK refuses client-initiated renegotiation"),
            Map.entry("http_method", "SubmitReqs are POSTed, as MM7 says"),
            Map.entry("delivery_response_timeout", "response-timer is the one timer"),
            Map.entry("mm7_inactivity_timer", "idle MMSC connections close after the JVM-wide jdk.httpclient.keepalive.timeout"),
            Map.entry("idle_timeout", "idle MMSC connections close after the JVM-wide jdk.httpclient.keepalive.timeout"),
            Map.entry("namespace", "macros are the gateway's own set (docs/logs.md)"),
            Map.entry("bounce_namespace", "macros are the gateway's own set (docs/logs.md)"),
            Map.entry("concurrency", "the log writer is one thread"),
            Map.entry("bounce_concurrency", "the log writer is one thread"),
            Map.entry("thread_pool", "the log writer is one thread"),
            Map.entry("bounce_thread_pool", "the log writer is one thread"),
            Map.entry("servers", "the message store is the tracking database (mm7.client.tracking.*), not Riak"),
            Map.entry("mm7_submit_tracking_cache", "submissions are tracked in the tracking database (mm7.client.tracking.*), not Riak"),
            Map.entry("mm7_submit_tracking_schema", "submissions are tracked in the tracking database (mm7.client.tracking.*), not Riak"),
            Map.entry("disable_chunked", "answers are never chunked (the client's disable_chunked is per MM7 domain)"),
            Map.entry("authdigestmd5parameters", "credentials come from a user:password file here, not from ecauth"),
            Map.entry("authplainparameters", "credentials come from a user:password file here, not from ecauth"));

    private final Set<String> shipped;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> comments = new ArrayList<>();
    private final List<String> loggers = new ArrayList<>();
    private final List<String> bounceLoggers = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();
    private int listens;
    private int peers;

    private MomentumImport(Set<String> shipped) {
        this.shipped = shipped;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: tools/momentum-import ecelerity.conf > mm7.properties");
            System.exit(2);
        }
        try {
            System.out.print(convert(Files.readString(Path.of(args[0])), args[0]));
        } catch (IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** The properties file for the configuration's text ({@code source} names it in the first line). */
    public static String convert(String conf, String source) {
        MomentumImport importer = new MomentumImport(shippedKeys());
        importer.global(EcelerityConf.parse(conf));
        return importer.write(source);
    }

    private void global(Scope global) {
        boolean server = false;
        for (Scope s : global.scopes()) {
            switch (s.type()) {
                case "mm7_serv" -> {
                    server = true;
                    mm7Serv(s);
                }
                case "http_listener" -> httpListener(s);
                case "mm7" -> options(s, "mm7", this::clientOption);
                case "mms_logger" -> logger(s, "mms.logger", loggers);
                case "mms_bounce_logger" -> logger(s, "mms.bounce-logger", bounceLoggers);
                case "domain" -> domain(s);
                default -> comments.add(s.type() + (s.argument() == null ? "" : " \"" + s.argument() + "\"")
                        + " { … } (line " + s.line() + "): not an MM7 module; nothing carried over");
            }
        }
        for (Option o : global.options()) {
            if (!clientOption("global", o)) {
                notCarried("global", o);
            }
        }
        // Momentum without mm7_serv opens no MM7 port
        put("mm7.server.enabled", Boolean.toString(server));
        if (!loggers.isEmpty() && loggers.size() > 1) {
            put("mms.logger.instances", String.join(",", loggers.subList(1, loggers.size())));
        }
        if (bounceLoggers.size() > 1) {
            put("mms.bounce-logger.instances", String.join(",", bounceLoggers.subList(1, bounceLoggers.size())));
        }
        if (!domains.isEmpty()) {
            put("mm7.client.domains", String.join(",", domains));
        }
    }

    private void mm7Serv(Scope s) {
        for (Option o : s.options()) {
            String name = o.name();
            if (name.equals("mm7_vasp_uri_paths")) {
                put("mm7.server.vasp-uri-paths", o.value());
            } else if (name.startsWith("mm7_server_") && known("mm7.server." + kebab(name.substring("mm7_server_".length())))) {
                put("mm7.server." + kebab(name.substring("mm7_server_".length())), o.value());
            } else if (!listenerOption("mm7.server.", o, true)) {
                notCarried("mm7_serv", o);
            }
        }
        nested(s);
    }

    private void httpListener(Scope s) {
        for (Option o : s.options()) {
            if (!listenerOption("mm7.server.", o, true)) {
                notCarried("HTTP_Listener", o);
            }
        }
        authentication(s, "mm7.server.", "HTTP_Listener");
        for (Scope child : s.scopes()) {
            switch (child.type()) {
                case "listen" -> listen(child);
                case "peer" -> peer(child, "mm7.server.peer.");
                default -> comments.add("HTTP_Listener: " + child.type() + " scope (line " + child.line() + "): not carried over");
            }
        }
    }

    private void listen(Scope s) {
        String name = "listen" + ++listens;
        String prefix = "mm7.server.listen." + name + ".";
        boolean tls = s.options().stream().anyMatch(o -> (o.name().equals("use_ssl") || o.name().equals("enable_tls")) && truthy(o.value()));
        put(prefix + "address", s.argument() + (tls ? " tls" : ""));
        for (Option o : s.options()) {
            if (o.name().equals("enable")) {
                put(prefix + "enable", bool(o.value()));
            } else if (!o.name().equals("use_ssl") && !o.name().equals("enable_tls") && !listenerOption(prefix, o, false)) {
                notCarried("Listen \"" + s.argument() + "\"", o);
            }
        }
        authentication(s, prefix, "Listen \"" + s.argument() + "\"");
        for (Scope child : s.scopes()) {
            if (child.type().equals("peer")) {
                peer(child, prefix + "peer.");
            } else {
                comments.add("Listen \"" + s.argument() + "\": " + child.type() + " scope (line " + child.line() + "): not carried over");
            }
        }
    }

    private void peer(Scope s, String scopePrefix) {
        String prefix = scopePrefix + "peer" + ++peers + ".";
        put(prefix + "address", s.argument());
        for (Option o : s.options()) {
            if (!listenerOption(prefix, o, false)) {
                notCarried("Peer \"" + s.argument() + "\"", o);
            }
        }
        authentication(s, prefix, "Peer \"" + s.argument() + "\"");
        nested(s);
    }

    /**
     * Authentication turned on without credentials this gateway can read (Momentum's ecauth store):
     * every request is refused until a credentials file is set, rather than served without them.
     */
    private void authentication(Scope s, String prefix, String where) {
        Option on = s.option("enable_authentication");
        if (on != null && truthy(on.value()) && !properties.containsKey(prefix + "auth-file")) {
            put(prefix + "always-deny", "true");
            comments.add(where + ": enable_authentication = true (line " + on.line() + ") without a credentials file this gateway can read:"
                    + " every request is refused (403) until " + prefix + "auth-file names a user:password file and " + prefix
                    + "always-deny is removed");
        }
    }

    /** A listener option at the listener ({@code mm7.server.}) or in a scope ({@code …<name>.}). */
    private boolean listenerOption(String prefix, Option o, boolean listenerLevel) {
        String value = o.value();
        String key = switch (o.name()) {
            case "always_allow", "always_deny", "max_request_size", "idle_time" -> kebab(o.name());
            case "tls_verify_mode" -> listenerLevel ? "tls.verify-mode" : "tls-verify-mode";
            case "tls_client_ca" -> listenerLevel ? "tls.client-ca" : null;
            case "tls_certificate" -> "tls.certificate";
            case "tls_key" -> "tls.key";
            case "tls_verified_peer_is_authorized" -> listenerLevel ? "tls.verified-peer-is-authorized" : null;
            case "tls_protocols" -> listenerLevel ? "tls.protocols" : null;
            case "tls_ciphers" -> listenerLevel ? "tls.ciphers" : null;
            case "concurrency", "listener_sessions" -> listenerLevel ? "max-connections" : null;
            case "log_requests_to_paniclog" -> "log-requests";
            case "authplainparameters", "authdigestmd5parameters" -> "auth-file";
            case "enable_authentication" -> "";
            default -> null;
        };
        if (key == null) {
            return false;
        }
        if (key.isEmpty()) {
            return true; // authentication is on once a credentials file is set (auth-file)
        }
        if (key.startsWith("tls.certificate") || key.startsWith("tls.key")) {
            put("mm7.server." + key, value); // one certificate for every TLS socket
            return true;
        }
        if (key.equals("auth-file")) {
            String uri = o.values().stream().filter(v -> v.startsWith("uri=")).map(v -> v.substring(4)).findFirst().orElse(null);
            if (uri == null || !uri.startsWith("file:")) {
                return false;
            }
            value = Path.of(URI.create(uri)).toString();
            if (o.name().equals("authdigestmd5parameters")) {
                put(prefix + "auth-schemes", "digest-md5");
            }
        }
        put(prefix + key, value);
        return true;
    }

    private void logger(Scope s, String prefix, List<String> instances) {
        String name = s.argument() == null ? "default" : s.argument().replaceAll("[^A-Za-z0-9_-]", "-");
        String instancePrefix = instances.isEmpty() ? prefix + "." : prefix + "." + name + ".";
        instances.add(name);
        for (Option o : s.options()) {
            String key = kebab(o.name());
            if (key.endsWith("logfile") && o.value().startsWith("jlog:")) {
                // a jlog journal (Momentum's real-time statistics) is not written here: a file of its own instead
                put(instancePrefix + key, "log/" + name + ".ec");
                comments.add(s.type() + " \"" + name + "\": " + o.name() + " = " + o.value() + " (line " + o.line()
                        + "): a jlog journal is not written here (no web statistics read it): the instance writes log/" + name + ".ec");
            } else if (known(prefix + "." + key)) {
                put(instancePrefix + key, o.value());
            } else {
                notCarried(s.type() + " \"" + name + "\"", o);
            }
        }
        nested(s);
    }

    /** A Momentum domain that delivers over MM7 is an MM7 domain of the client. */
    private void domain(Scope s) {
        Option method = s.option("delivery_method");
        boolean mm7 = (method != null && method.value().equalsIgnoreCase("mm7")) || s.option("mm7_mmsc_server") != null
                || s.options().stream().anyMatch(o -> o.name().equals("routes") && o.value().startsWith("mm7://"));
        if (!mm7) {
            comments.add("domain \"" + s.argument() + "\" (line " + s.line() + "): does not deliver over MM7; nothing carried over");
            return;
        }
        String name = s.argument().replaceAll("[^A-Za-z0-9]", "-").toLowerCase(Locale.ROOT);
        domains.add(name);
        String prefix = "mm7.client.domain." + name + ".";
        put(prefix + "mail-domain", s.argument());
        String host = null;
        String port = null;
        String path = null;
        String user = null;
        String password = null;
        for (Option o : s.options()) {
            switch (o.name()) {
                case "delivery_method" -> { }
                case "routes" -> put(prefix + "url", o.values().get(0).replaceFirst("^mm7://", "http://")
                        .replaceFirst("^([^/]+//[^/?]+)(/[^?]*)?\\?port=(\\d+)$", "$1:$3$2"));
                case "http_host", "mm7_mmsc_server" -> host = o.value();
                case "http_uri", "mm7_mmsc_path" -> path = o.value();
                case "mm7_mmsc_port" -> port = o.value();
                case "http_basic_auth" -> put(prefix + "basic-auth", o.value());
                case "max_outbound_connections" -> put(prefix + "max-connections", o.value());
                case "outbound_throttle_messages" -> put(prefix + "max-rate", rate(o.value()));
                case "mm7_http_auth_user" -> user = o.value();
                case "mm7_http_auth_password" -> password = o.value();
                default -> {
                    if (!clientOption(prefix, o)) {
                        notCarried("domain \"" + s.argument() + "\"", o);
                    }
                }
            }
        }
        if (!properties.containsKey(prefix + "url") && host != null) {
            put(prefix + "url", "http://" + host + (port == null ? "" : ":" + port) + (path == null ? "/" : path));
        }
        if (user != null) {
            put(prefix + "basic-auth", user + ":" + (password == null ? "" : password));
        }
        nested(s);
    }

    /** An mm7_* option of the client: per domain ({@code prefix} a domain's), or for all ({@code mm7.client.domain-defaults.}). */
    private boolean clientOption(String prefix, Option o) {
        String p = prefix.startsWith("mm7.client.domain.") ? prefix : "mm7.client.domain-defaults.";
        String name = o.name();
        if (name.equals("mm7_mstore_save_message") || name.equals("mm7_mstore_bucket_use_shortcode")) {
            put("mm7.client.mstore." + kebab(name.substring("mm7_mstore_".length())),
                    bool(o.value()));
            return true;
        }
        String key = kebab(name.startsWith("mm7_") ? name.substring(4) : name);
        if (!known("mm7.client.domain-defaults." + key) && !Set.of("vaspid", "sender-address", "service-code", "message-class",
                "reply-charging-size", "reply-deadline", "request-ie-extended", "number-prefix").contains(key)) {
            return false;
        }
        put(p + key, Set.of("delivery-report", "read-reply", "reply-charging", "soap-attachment-simple-mime", "use-namespace-in-body",
                "generate-bounces", "disable-chunked").contains(key) ? bool(o.value()) : o.value());
        return true;
    }

    private void options(Scope s, String where, java.util.function.BiPredicate<String, Option> option) {
        for (Option o : s.options()) {
            if (!option.test(where, o)) {
                notCarried(where, o);
            }
        }
        nested(s);
    }

    private void nested(Scope s) {
        for (Scope child : s.scopes()) {
            comments.add(s.type() + ": " + child.type() + " scope (line " + child.line() + "): not carried over");
        }
    }

    private void notCarried(String where, Option o) {
        String why = NOT_CARRIED.getOrDefault(o.name(), "no equivalent here (docs/momentum-mapping.md)");
        comments.add(where + ": " + o.name() + " = " + o.value() + " (line " + o.line() + "): not carried over: " + why);
    }

    private void put(String key, String value) {
        properties.put(key, value);
    }

    private boolean known(String key) {
        return shipped.contains(key);
    }

    /** Momentum's {@code "N/S"} (N messages per S seconds, or N per second) as submissions per second. */
    static String rate(String throttle) {
        String[] parts = throttle.trim().split("/");
        double n = Double.parseDouble(parts[0].trim());
        double seconds = parts.length > 1 ? Double.parseDouble(parts[1].trim()) : 1;
        return java.math.BigDecimal.valueOf(n / seconds).stripTrailingZeros().toPlainString();
    }

    private static boolean truthy(String v) {
        return v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
    }

    private static String bool(String v) {
        return Boolean.toString(truthy(v));
    }

    static String kebab(String option) {
        return option.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String write(String source) {
        StringBuilder out = new StringBuilder("# imported from " + source + " by tools/momentum-import; start the gateway with MM7_CONFIG=<this file>\n");
        for (Map.Entry<String, String> e : properties.entrySet()) {
            out.append(e.getKey()).append(" = ").append(escape(e.getValue())).append('\n');
        }
        if (!comments.isEmpty()) {
            out.append("\n# not carried over:\n");
            for (String c : comments) {
                out.append("# ").append(c.replaceAll("[\\r\\n]+", " ")).append('\n');
            }
        }
        return out.toString();
    }

    /** A value as java.util.Properties reads it back: backslashes doubled, a leading space kept. */
    private static String escape(String value) {
        String v = value.replace("\\", "\\\\");
        return v.startsWith(" ") ? "\\" + v : v;
    }

    private static Set<String> shippedKeys() {
        try (InputStream in = MomentumImport.class.getResourceAsStream("/application.properties")) {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return p.stringPropertyNames();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
