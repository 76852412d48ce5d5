package org.camelmm7.mm7;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MIME header value such as {@code multipart/related; type=text/xml; Start="<a>"} read the
 * tolerant way: parameter names in any case, values quoted or not (even with '/' in them, which
 * RFC 2045 forbids and Jakarta Mail rejects), stray spaces and semicolons ignored.
 */
public record HeaderValue(String value, Map<String, String> parameters) {

    public static HeaderValue parse(String header) {
        Map<String, String> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (header == null) {
            return new HeaderValue("", params);
        }
        int semi = indexOfUnquoted(header, 0);
        String value = (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int pos = semi;
        while (pos >= 0 && pos < header.length()) {
            int next = indexOfUnquoted(header, pos + 1);
            String param = (next < 0 ? header.substring(pos + 1) : header.substring(pos + 1, next)).trim();
            int eq = param.indexOf('=');
            if (eq > 0) {
                params.putIfAbsent(param.substring(0, eq).trim(), unquote(param.substring(eq + 1).trim()));
            }
            pos = next;
        }
        return new HeaderValue(value, params);
    }

    /**
     * Whether {@code header}, this value as it was read, can be read only one way: its type and
     * subtype are tokens (no quote that would swallow the parameters), every quoted string ends,
     * and it names its boundary at most once. Readers differ where it cannot (mime4j takes the last
     * boundary, this the first).
     */
    public boolean readsOneWay(String header) {
        if (!value.chars().allMatch(c -> c == '/' || c < 127 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))) {
            return false;
        }
        if (!closesItsQuotes(header)) {
            return false;
        }
        int boundaries = 0;
        for (int pos = indexOfUnquoted(header, 0); pos >= 0; pos = indexOfUnquoted(header, pos + 1)) {
            int next = indexOfUnquoted(header, pos + 1);
            String param = next < 0 ? header.substring(pos + 1) : header.substring(pos + 1, next);
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                boundaries++;
            }
        }
        return boundaries <= 1;
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public boolean isMultipart() {
        return value.startsWith("multipart/");
    }

    public boolean isXml() {
        return value.equals("text/xml") || value.equals("application/xml") || value.endsWith("+xml");
    }

    /** {@code <abc>}, {@code cid:abc} and {@code abc} all name the Content-ID {@code abc}. */
    public static String bareContentId(String id) {
        if (id == null) {
            return null;
        }
        String s = id.trim();
        if (s.regionMatches(true, 0, "cid:", 0, 4)) {
            s = s.substring(4).trim();
        }
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        if (s.regionMatches(true, 0, "cid:", 0, 4)) {
            s = s.substring(4).trim();
        }
        return s;
    }

    private static boolean closesItsQuotes(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            }
        }
        return !quoted;
    }

    private static int indexOfUnquoted(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder sb = new StringBuilder(v.length());
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    c = v.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return v;
    }
}
