package org.camelmm7.support;

/**
 * Peer data made safe for a log line: control characters (a CR/LF that would forge a line, an
 * escape sequence that would repaint a terminal) are written as {@code \r}, {@code \n},
 * {@code \xNN}, and the text is cut at a length no honest value reaches.
 */
public final class LogSafe {

    private static final int MAX = 512;

    private LogSafe() {
    }

    /** Why something failed, for a log line: its message, or its class when it has none (a NullPointerException may not). */
    public static String reason(Throwable failure) {
        return text(failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName());
    }

    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        StringBuilder out = null;
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\n') {
                    out.append("\\n");
                } else {
                    out.append(String.format("\\x%02x", (int) c));
                }
            }
        }
        String safe = out != null ? out.toString() : s.substring(0, n);
        return s.length() > MAX ? safe + "…(" + s.length() + " chars)" : safe;
    }
}
