package org.camelmm7.mm7;

/** A minimal streaming XML writer for the strict, predictable output MM7 peers expect. */
final class XmlWriter {

    private final StringBuilder out = new StringBuilder(1024);

    XmlWriter declaration() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n");
        return this;
    }

    XmlWriter open(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1], true)).append('"');
            }
        }
        out.append('>');
        return this;
    }

    XmlWriter empty(String name, String... attributes) {
        open(name, attributes);
        out.setLength(out.length() - 1);
        out.append("/>");
        return this;
    }

    XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing when the text is null. */
    XmlWriter element(String name, String text, String... attributes) {
        if (text != null) {
            open(name, attributes);
            out.append(escape(text, false));
            close(name);
        }
        return this;
    }

    /** Already well-formed XML, written as it is. */
    XmlWriter raw(String xml) {
        out.append(xml);
        return this;
    }

    XmlWriter newline() {
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String s, boolean attribute) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> attribute ? "&quot;" : null;
                case '\r' -> "&#13;";
                default -> c < 0x20 && c != '\n' && c != '\t' ? "" : null;
            };
            if (replacement != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
