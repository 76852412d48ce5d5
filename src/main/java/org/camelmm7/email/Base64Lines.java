package org.camelmm7.email;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A base64 body passed on without decoding it: its characters checked (only the base64 alphabet,
 * padding only at the end, a complete last quantum, whitespace between lines) and written again in
 * lines of 76 characters, so the mail carries exactly the bytes the peer sent, in valid MIME.
 */
final class Base64Lines {

    private static final int LINE = 76;
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALPHABET[c] = true;
        }
        ALPHABET['+'] = true;
        ALPHABET['/'] = true;
    }

    private Base64Lines() {
    }

    /** @throws IOException when the body is not base64: the peer's content, refused with 4004 */
    static void rewrap(byte[] b, int from, int to, OutputStream out) throws IOException {
        byte[] line = new byte[LINE + 2];
        int inLine = 0;
        long data = 0;
        int padding = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                continue;
            }
            if (c == '=') {
                padding++;
                continue;
            }
            if (c >= 128 || !ALPHABET[c] || padding > 0) {
                throw new IOException("invalid base64: " + (padding > 0 ? "data after the padding" : "character 0x" + Integer.toHexString(c))
                        + " at byte " + (i - from));
            }
            data++;
            line[inLine++] = (byte) c;
            if (inLine == LINE) {
                flush(out, line, inLine);
                inLine = 0;
            }
        }
        int rest = (int) (data % 4);
        if (rest == 1 || padding > 2 || (padding > 0 && (rest + padding) % 4 != 0)) {
            throw new IOException("invalid base64: the last group is incomplete (" + rest + " character(s), " + padding + " padding)");
        }
        // a last quantum sent without its padding gets it
        for (int p = rest == 0 ? 0 : 4 - rest; p > 0; p--) {
            line[inLine++] = '=';
            if (inLine == LINE) {
                flush(out, line, inLine);
                inLine = 0;
            }
        }
        if (inLine > 0) {
            flush(out, line, inLine);
        }
    }

    private static void flush(OutputStream out, byte[] line, int length) throws IOException {
        line[length] = '\r';
        line[length + 1] = '\n';
        out.write(line, 0, length + 2);
    }
}
