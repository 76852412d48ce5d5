package org.camelmm7.mm7;

/** The {@code Status} of an MM7 response: code, text (never empty on output) and optional details. */
public record Mm7Status(int code, String text, String details) {

    public static Mm7Status of(StatusCode code) {
        return new Mm7Status(code.code(), code.text(), null);
    }

    public static Mm7Status of(StatusCode code, String details) {
        return new Mm7Status(code.code(), code.text(), details);
    }

    public boolean isSuccess() {
        return code >= 1000 && code < 2000;
    }
}
