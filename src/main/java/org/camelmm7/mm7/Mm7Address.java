package org.camelmm7.mm7;

/**
 * An MM7 {@code addressType}: one of RFC2822Address, Number or ShortCode, with the
 * {@code displayOnly} flag (shown to recipients, never delivered to).
 */
public record Mm7Address(Type type, String value, boolean displayOnly) {

    public enum Type {
        RFC2822("RFC2822Address"), NUMBER("Number"), SHORT_CODE("ShortCode");

        private final String element;

        Type(String element) {
            this.element = element;
        }

        public String element() {
            return element;
        }

        /** By element local name; instantcom spells RFC822Address. Null when it is no address element. */
        public static Type ofElement(String localName) {
            return switch (localName) {
                case "RFC2822Address", "RFC822Address", "EMailAddress" -> RFC2822;
                case "Number" -> NUMBER;
                case "ShortCode" -> SHORT_CODE;
                default -> null;
            };
        }
    }

    public static Mm7Address number(String value) {
        return new Mm7Address(Type.NUMBER, value, false);
    }

    public static Mm7Address shortCode(String value) {
        return new Mm7Address(Type.SHORT_CODE, value, false);
    }

    public static Mm7Address rfc2822(String value) {
        return new Mm7Address(Type.RFC2822, value, false);
    }

    /**
     * An address given as bare text ({@code <Sender>1395...</Sender>}, as some MMSCs send): an
     * '@' makes it an e-mail address, up to six digits a short code (Mbuni's rule), else a number.
     */
    public static Mm7Address untyped(String text) {
        String v = text.trim();
        if (v.contains("@")) {
            return rfc2822(v);
        }
        String digits = v.startsWith("+") ? v.substring(1) : v;
        if (!digits.isEmpty() && digits.length() <= 6 && digits.chars().allMatch(Character::isDigit) && !v.startsWith("+")) {
            return shortCode(v);
        }
        return number(v);
    }

    public Mm7Address asDisplayOnly() {
        return new Mm7Address(type, value, true);
    }

    @Override
    public String toString() {
        return value;
    }
}
