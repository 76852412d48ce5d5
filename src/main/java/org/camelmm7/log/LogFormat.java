package org.camelmm7.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A Momentum log format such as {@code %t@R@%i@%sa@%da@%d@%P@%PG@%H@%B@%S@%e@\"%ti\"}, compiled
 * once. Text outside macros is literal; {@code \"} is a literal quote and {@code \\} a backslash
 * (Momentum's formats are C strings); {@code %%} is a literal percent sign. An unknown macro is
 * refused when the format is compiled, that is at startup.
 *
 * <p>Values are escaped so one event is one line with a fixed number of fields: {@code \} becomes
 * {@code \\}, {@code @} becomes {@code \@}, CR {@code \r}, LF {@code \n}, other control characters
 * a space.
 */
public final class LogFormat {

    private final String source;
    private final List<Object> segments;

    private LogFormat(String source, List<Object> segments) {
        this.source = source;
        this.segments = segments;
    }

    /** @param option the configuration key, named in the error for an unknown macro */
    public static LogFormat compile(String format, String option) {
        List<Object> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length() && (format.charAt(i + 1) == '"' || format.charAt(i + 1) == '\\')) {
                literal.append(format.charAt(++i));
            } else if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                literal.append('%');
                i++;
            } else if (c == '%') {
                Macro macro = Macro.at(format, i + 1);
                if (macro == null) {
                    String found = format.substring(i, Math.min(format.length(), i + 4)).split("[@\\s\"]")[0];
                    throw new IllegalArgumentException(option + ": unknown macro " + found + " in format '" + format
                            + "' (known: %t %i %I %ti %rm %d %g %b %P %PG %H %sa %da %S %e %B %drl)");
                }
                if (literal.length() > 0) {
                    segments.add(literal.toString());
                    literal.setLength(0);
                }
                segments.add(macro);
                i += macro.macroName().length();
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            segments.add(literal.toString());
        }
        return new LogFormat(format, List.copyOf(segments));
    }

    /** The event as one line, without line terminator. */
    public String format(MmsEvent event) {
        StringBuilder line = new StringBuilder(128);
        for (Object segment : segments) {
            if (segment instanceof Macro macro) {
                escapeInto(macro.valueOf(event), line);
            } else {
                line.append((String) segment);
            }
        }
        return line.toString();
    }

    public String source() {
        return source;
    }

    static void escapeInto(String value, StringBuilder out) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '@' -> out.append("\\@");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
    }
}
