package org.camelmm7.email;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.InternetAddress;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;
import org.camelmm7.mm7.MimeEntity;

/**
 * Writes a mail's bytes directly: header fields (folded, RFC 2047 where they are not ASCII),
 * text parts in UTF-8, attachments in base64. No Jakarta Mail on the way, so writing a mail costs
 * one pass over its bytes.
 */
final class MailWriter {

    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final int FOLD = 78;

    private final OutputStream out;
    private String boundary;
    private boolean firstPart;

    MailWriter(OutputStream out) {
        this.out = out;
    }

    /** A header field whose value is ASCII already (the caller encoded what needed it), folded at spaces past 78 columns. */
    MailWriter field(String name, String value) throws IOException {
        StringBuilder line = new StringBuilder(name.length() + value.length() + 8).append(name).append(':');
        int column = line.length();
        for (String word : value.split(" ", -1)) {
            if (column + 1 + word.length() > FOLD && column > name.length() + 1) {
                line.append("\r\n");
                column = 0;
            }
            line.append(' ').append(word);
            column += 1 + word.length();
        }
        return utf8(line.append("\r\n").toString());
    }

    /** An unstructured field (Subject): RFC 2047 encoded words in UTF-8 where it is not printable ASCII. */
    MailWriter text(String name, String value) throws IOException {
        String line = value.replaceAll("[\\r\\n]+", " ");
        int used = name.length() + 2;
        return field(name, EncoderUtil.hasToBeEncoded(line, used)
                ? EncoderUtil.encodeEncodedWord(line, EncoderUtil.Usage.TEXT_TOKEN, used, StandardCharsets.UTF_8, null)
                : line);
    }

    MailWriter addresses(String name, List<InternetAddress> addresses) throws IOException {
        if (addresses.isEmpty()) {
            return this;
        }
        StringBuilder value = new StringBuilder();
        for (InternetAddress a : addresses) {
            if (value.length() > 0) {
                value.append(", ");
            }
            value.append(a.toString());
        }
        return field(name, value.toString());
    }

    MailWriter date(Instant when) throws IOException {
        return field("Date", RFC_5322.format(when));
    }

    MailWriter ascii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** Text that may hold a UTF-8 address (RFC 6532); identical to ASCII where it is ASCII. */
    MailWriter utf8(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MailWriter newline() throws IOException {
        return ascii("\r\n");
    }

    /**
     * Text as UTF-8: 7bit when it is short-lined ASCII, else quoted-printable. Nothing is added at
     * the end: the line break before a multipart delimiter belongs to the delimiter.
     */
    MailWriter textBody(String text, boolean headersDone) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        boolean plain = isShortLinedAscii(utf8);
        ascii("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: " + (plain ? "7bit" : "quoted-printable") + "\r\n");
        if (headersDone) {
            newline();
        }
        return plain ? textLines(utf8) : quotedPrintable(utf8);
    }

    /** The content of a text part after its header fields (as {@link #textBody} chose its encoding). */
    private MailWriter textLines(byte[] utf8) throws IOException {
        String normalised = new String(utf8, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        return ascii(normalised);
    }

    private MailWriter quotedPrintable(byte[] utf8) throws IOException {
        try (QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(new NonClosing(out), false)) {
            qp.write(utf8);
        }
        return this;
    }

    private static boolean isShortLinedAscii(byte[] bytes) {
        int lineLength = 0;
        for (byte b : bytes) {
            if (b < 0 || (b < 0x20 && b != '\r' && b != '\n' && b != '\t')) {
                return false;
            }
            lineLength = b == '\n' ? 0 : lineLength + 1;
            if (lineLength > 900) {
                return false;
            }
        }
        return true;
    }

    /** Opens a multipart body: its Content-Type field with the boundary, and the blank line that ends the header. */
    MailWriter multipart(String contentType, String boundary) throws IOException {
        this.boundary = boundary;
        this.firstPart = true;
        return field("Content-Type", contentType + "; boundary=\"" + boundary + "\"").newline();
    }

    /** The delimiter before the next part; each after the first begins with the line break that ends the part before it (RFC 2046 5.1.1). */
    MailWriter part() throws IOException {
        ascii((firstPart ? "--" : "\r\n--") + boundary + "\r\n");
        firstPart = false;
        return this;
    }

    /** The close delimiter after the last part. */
    MailWriter endMultipart() throws IOException {
        return ascii("\r\n--" + boundary + "--\r\n");
    }

    /** A part's body in base64: base64 as it came (checked, in 76-character lines), anything else encoded. */
    MailWriter base64(MimeEntity part) throws IOException {
        if (part.transferEncoding().equals("base64")) {
            Base64Lines.rewrap(part.bytes(), part.bodyOffset(), part.bodyOffset() + part.rawBodyLength(), out);
        } else {
            // encoded as it is read: no decoded copy, no encoded copy, beside the mail being written
            long read;
            try (InputStream in = part.decodedBody(); OutputStream encoder = Base64.getMimeEncoder().wrap(new NonClosing(out))) {
                read = in.transferTo(encoder);
            }
            if (read > 0) {
                newline();
            }
        }
        return this;
    }

    /** A MIME parameter value: quoted as it is, or RFC 2231 encoded when it is not printable ASCII. */
    static String parameter(String name, String value) {
        boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (ascii) {
            return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        StringBuilder encoded = new StringBuilder(name).append("*=UTF-8''");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    /** Lets an encoder close (flushing its last line) without closing the mail's stream. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
