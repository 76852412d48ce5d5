package org.camelmm7.momentum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Momentum configuration ({@code ecelerity.conf}) read as its scopes and options: {@code name
 * ["argument"] { … }} scopes, {@code option = value} with a quoted string, a bare word, a list
 * {@code ( "a" "b" )} or parameters {@code [ uri = "file://…" ]}, and {@code #} comments. Scope and
 * option names are case-insensitive in Momentum, so they are kept in lower case.
 */
public final class EcelerityConf {

    /** An option: its values (one for a string or word, several for a list; {@code key=value} for parameters). */
    public record Option(String name, List<String> values, int line) {

        public String value() {
            return String.join(",", values);
        }
    }

    /** A scope: its type ({@code http_listener}, {@code listen}, {@code domain}, …) and argument (null without one). */
    public record Scope(String type, String argument, List<Option> options, List<Scope> scopes, int line) {

        public Option option(String name) {
            return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    private EcelerityConf(String text) {
        this.text = text;
    }

    /** The top level of the file as a scope of type {@code global}. */
    public static Scope parse(String text) {
        EcelerityConf conf = new EcelerityConf(text);
        Scope global = new Scope("global", null, new ArrayList<>(), new ArrayList<>(), 1);
        conf.body(global, false);
        return global;
    }

    private void body(Scope scope, boolean closed) {
        while (true) {
            String token = next();
            if (token == null) {
                if (closed) {
                    throw error("the scope opened on line " + scope.line() + " is not closed");
                }
                return;
            }
            if (token.equals("}")) {
                if (!closed) {
                    throw error("} without a scope to close");
                }
                return;
            }
            if (isPunctuation(token)) {
                throw error("'" + token + "' where an option or a scope was expected");
            }
            String name = token.toLowerCase(Locale.ROOT);
            int at = line;
            String after = next();
            if ("=".equals(after)) {
                scope.options().add(new Option(name, value(), at));
            } else if ("{".equals(after)) {
                Scope child = new Scope(name, null, new ArrayList<>(), new ArrayList<>(), at);
                scope.scopes().add(child);
                body(child, true);
            } else if (after != null && !isPunctuation(after) && "{".equals(next())) {
                Scope child = new Scope(name, unquote(after), new ArrayList<>(), new ArrayList<>(), at);
                scope.scopes().add(child);
                body(child, true);
            } else {
                throw error("'" + token + "' is neither an option (name = value) nor a scope (name [\"argument\"] { … })");
            }
        }
    }

    private List<String> value() {
        String token = next();
        if (token == null) {
            throw error("a value is missing");
        }
        List<String> values = new ArrayList<>();
        if (token.equals("(")) {
            for (String t = next(); !")".equals(t); t = next()) {
                if (t == null || isPunctuation(t)) {
                    throw error("a list ( … ) is not closed");
                }
                values.add(unquote(t));
            }
        } else if (token.equals("[")) {
            for (String t = next(); !"]".equals(t); t = next()) {
                if (t == null || t.equals(",")) {
                    if (t == null) {
                        throw error("parameters [ … ] are not closed");
                    }
                    continue;
                }
                String eq = next();
                String v = next();
                if (!"=".equals(eq) || v == null) {
                    throw error("parameters are written [ name = \"value\" ]");
                }
                values.add(t.toLowerCase(Locale.ROOT) + "=" + unquote(v));
            }
        } else if (isPunctuation(token)) {
            throw error("'" + token + "' where a value was expected");
        } else {
            values.add(unquote(token));
        }
        return values;
    }

    private static boolean isPunctuation(String token) {
        return token.length() == 1 && "{}()[]=,".contains(token);
    }

    private static String unquote(String token) {
        if (token.length() >= 2 && token.startsWith("\u0000\"")) {
            return token.substring(2);
        }
        return token;
    }

    /** The next token: punctuation, a bare word, or a quoted string (marked with a leading NUL and quote). */
    private String next() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if ("{}()[]=,".indexOf(c) >= 0) {
            pos++;
            return String.valueOf(c);
        }
        if (c == '"') {
            StringBuilder s = new StringBuilder("\u0000\"");
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("a quoted string is not closed");
                }
                char q = text.charAt(pos++);
                if (q == '"') {
                    return s.toString();
                }
                if (q == '\\' && pos < text.length()) {
                    q = text.charAt(pos++);
                }
                if (q == '\n') {
                    line++;
                }
                s.append(q);
            }
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "{}()[]=,\"#".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("line " + line + ": " + message);
    }
}
