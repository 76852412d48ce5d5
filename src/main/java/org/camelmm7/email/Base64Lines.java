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
        Lines lines = new Lines(out, from);
        for (int i = from; i < to; ) {
            int lineEnd = i;
            while (lineEnd < to && b[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd;
            while (contentEnd > i && isBlank(b[contentEnd - 1])) {
                contentEnd--;
            }
            // most senders already write whole quanta in lines of at most 76: such a line is copied as it is
            if (!lines.copy(b, i, contentEnd)) {
                lines.characters(b, i, lineEnd);
            }
            i = lineEnd + 1;
        }
        lines.finish();
    }

    private static boolean isBlank(byte c) {
        return c == '\r' || c == '\n' || c == ' ' || c == '\t';
    }

    /** The output lines being written, and what has been seen of the input. */
    private static final class Lines {
        private final OutputStream out;
        private final int origin;
        private final byte[] line = new byte[LINE + 2];
        private int inLine;
        private long data;
        private int padding;

        Lines(OutputStream out, int origin) {
            this.out = out;
            this.origin = origin;
        }

        /** Copies an input line that is whole quanta of the alphabet, when no output line is half written; false otherwise. */
        boolean copy(byte[] b, int start, int end) throws IOException {
            int n = end - start;
            if (inLine != 0 || padding != 0 || n == 0 || n > LINE || n % 4 != 0) {
                return false;
            }
            for (int k = start; k < end; k++) {
                int c = b[k];
                if (c < 0 || !ALPHABET[c]) {
                    return false;
                }
            }
            out.write(b, start, n);
            out.write(CRLF);
            data += n;
            return true;
        }

        /** Any other input: character by character. */
        void characters(byte[] b, int start, int end) throws IOException {
            for (int i = start; i < end; i++) {
                int c = b[i] & 0xFF;
                if (isBlank((byte) c)) {
                    continue;
                }
                if (c == '=') {
                    padding++;
                    continue;
                }
                if (c >= 128 || !ALPHABET[c] || padding > 0) {
                    throw new IOException("invalid base64: " + (padding > 0 ? "data after the padding" : "character 0x" + Integer.toHexString(c))
                            + " at byte " + (i - origin));
                }
                data++;
                put((byte) c);
            }
        }

        void finish() throws IOException {
            int rest = (int) (data % 4);
            if (rest == 1 || padding > 2 || (padding > 0 && (rest + padding) % 4 != 0)) {
                throw new IOException("invalid base64: the last group is incomplete (" + rest + " character(s), " + padding + " padding)");
            }
            // the last quantum's padding, written whether or not it was sent
            for (int p = rest == 0 ? 0 : 4 - rest; p > 0; p--) {
                put((byte) '=');
            }
            if (inLine > 0) {
                flush();
            }
        }

        private void put(byte c) throws IOException {
            line[inLine++] = c;
            if (inLine == LINE) {
                flush();
            }
        }

        private void flush() throws IOException {
            line[inLine] = '\r';
            line[inLine + 1] = '\n';
            out.write(line, 0, inLine + 2);
            inLine = 0;
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
