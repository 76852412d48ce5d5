package org.camelmm7.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The VASP URI paths ({@code mm7.server.vasp-uri-paths}, Momentum's {@code mm7_vasp_uri_paths}):
 * each must start and end with '/', and a request is served by the longest path it starts with
 * ({@code /mm7/x} by {@code /mm7/}), as Momentum's HTTP server registration does.
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

    /** The configured path serving a request path: the longest prefix; {@code /x} is served by {@code /x/}. Null if none. */
    public String serving(String requestPath) {
        String best = null;
        for (String p : paths) {
            boolean matches = requestPath.startsWith(p) || requestPath.equals(p.substring(0, p.length() - 1));
            if (matches && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best;
    }

    /** The name of a path in per-path configuration keys: {@code /photo_contest/} → {@code photo_contest}, {@code /} → {@code root}. */
    public static String keyOf(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "").replace('/', '_');
        return trimmed.isEmpty() ? "root" : trimmed;
    }
}
