package org.camelmm7.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The arithmetic of HTTP Digest authentication (RFC 7616) with {@code qop=auth}, shared by the
 * listener, which checks responses, and the MM7 client, which answers MMSCs' challenges.
 */
public final class HttpDigest {

    /** The hash functions offered: SHA-256 (RFC 7616) and MD5 (RFC 2617, Momentum's AuthDigestMD5Parameters). */
    public enum Algorithm {
        SHA_256("SHA-256"), MD5("MD5");

        private final String token;

        Algorithm(String token) {
            this.token = token;
        }

        /** As the {@code algorithm} parameter spells it. */
        public String token() {
            return token;
        }

        /** Null for an algorithm not offered (the {@code -sess} variants included). */
        public static Algorithm of(String token) {
            for (Algorithm a : values()) {
                if (a.token.equalsIgnoreCase(token)) {
                    return a;
                }
            }
            return null;
        }

        String hash(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(token).digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private HttpDigest() {
    }

    /** The {@code response} parameter: H(H(user:realm:password):nonce:nc:cnonce:auth:H(method:uri)). */
    public static String response(Algorithm algorithm, String user, String realm, String password, String method, String uri, String nonce,
                                  String nc, String cnonce) {
        String ha1 = algorithm.hash(user + ":" + realm + ":" + password);
        String ha2 = algorithm.hash(method + ":" + uri);
        return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /**
     * The parameters of a challenge or credentials after the scheme, names in lower case:
     * {@code name=token} or {@code name="quoted \"string\""}, separated by commas. Null when
     * the text does not parse.
     */
    public static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String name = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    if (Character.isISOControl(text.charAt(i))) {
                        return null; // no control characters in a quoted string (RFC 9110 qdtext)
                    }
                    value.append(text.charAt(i++));
                }
                if (i == n) {
                    return null; // unterminated quoted string
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
                value = new StringBuilder(value.toString().trim());
            }
            if (name.isEmpty() || params.put(name, value.toString()) != null) {
                return null; // a parameter given twice is not trusted either way
            }
        }
        return params;
    }
}
