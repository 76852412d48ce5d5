package org.camelmm7.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The VASP URI paths ({@code mm7.server.vasp-uri-paths}, Momentum's {@code mm7_vasp_uri_paths}):
 * each must start and end with '/', and a request is served by the first path in the order
 * configured that it starts with ({@code /mm7/x} by {@code /mm7/}), as Momentum's HTTP server
 * registration ({@code ec_httpsrv_register}: "first match wins") — and the platform-http routes, one
 * per path in that order, are matched by the router the same way. A path listed after one it
 * starts with is never reached: {@link #shadowed()} names it for the startup log.
 */
public final class VaspPaths {

    private final List<String> paths;

    public VaspPaths(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    public static VaspPaths parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("mm7.server.vasp-uri-paths is empty: configure at least one path such as /mm7/");
        }
        Set<String> paths = new LinkedHashSet<>();
        for (String raw : csv.split("[,\\s]+")) {
            String p = raw.trim();
            if (p.isEmpty()) {
                continue;
            }
            paths.add(checked("mm7.server.vasp-uri-paths entry", p));
        }
        return new VaspPaths(new ArrayList<>(paths));
    }

    /**
     * A path served over platform-http, as the option {@code setting} names it: starting and ending
     * with '/', in normal form. The leading '/' also keeps platform-http 4.18 from reading a path
     * that begins with "proxy" as its proxy mode (CVE-2026-85316).
     */
    public static String checked(String setting, String p) {
        if (!p.startsWith("/") || !p.endsWith("/")) {
            throw new IllegalArgumentException(setting + " '" + p + "' must start and end with '/' (as in Momentum), e.g. /"
                    + p.replaceAll("^/|/$", "") + "/");
        }
        if (!p.chars().skip(1).allMatch(c -> c == '/' || isPathCharacter((char) c)) || p.contains("//") || p.contains("/./")
                || p.contains("/../")) {
            throw new IllegalArgumentException(setting + " '" + p + "' is not a URI path in normal form"
                    + " (letters, digits, - . _ ~ ! $ & ' ( ) * + , ; = : @; no empty, '.' or '..' segment, no percent-encoding)");
        }
        return p;
    }

    /** A character a path segment may hold without percent-encoding (RFC 3986 pchar, '%' excluded). */
    public static boolean isPathCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    public List<String> all() {
        return paths;
    }

    /** The configured path serving a request path: the first that is a prefix of it; {@code /x} is served by {@code /x/}. Null if none. */
    public String serving(String requestPath) {
        for (String p : paths) {
            if (requestPath.startsWith(p) || requestPath.equals(p.substring(0, p.length() - 1))) {
                return p;
            }
        }
        return null;
    }

    /** For each path that an earlier path serves every request of, a sentence saying so. */
    public List<String> shadowed() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String earlier = serving(paths.get(i));
            if (!earlier.equals(paths.get(i))) {
                lines.add(paths.get(i) + " is never reached: " + earlier + ", listed before it, serves every request under it"
                        + " (the first match wins, as in Momentum; list the longer path first)");
            }
        }
        return lines;
    }

    /** The name of a path in per-path configuration keys: {@code /photo_contest/} → {@code photo_contest}, {@code /} → {@code root}. */
    public static String keyOf(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "").replace('/', '_');
        return trimmed.isEmpty() ? "root" : trimmed;
    }
}
