package org.camelmm7.mm7;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * A MIME entity read in place from the bytes it arrived in: its header fields, its body as a slice
 * of those bytes (never copied), and, for a multipart, its parts, read in the same single pass.
 * Reading is lenient where real peers are sloppy (bare LF line ends, header lines without a space,
 * a missing final delimiter, a preamble and an epilogue, padding after a delimiter) and bounded where
 * a hostile peer could make it expensive ({@link Limits}): the cost grows with the bytes, whatever
 * their shape.
 */
public final class MimeEntity {

    /**
     * How much structure one request may have: multipart nesting, parts in all, bytes of one
     * entity's header fields, and bytes of the SOAP envelope (which is read into a tree).
     */
    public record Limits(int maxDepth, int maxParts, int maxHeaderBytes, int maxSoapBytes) {
        public static final Limits DEFAULT = new Limits(16, 1000, 64 * 1024, 256 * 1024);
    }

    /** One header field: its name as written and its value, unfolded and trimmed. */
    public record Field(String name, String value) {
    }

    private final byte[] bytes;
    private final int start;
    private final int bodyStart;
    private final int end;
    private final List<Field> fields;
    private final List<MimeEntity> parts;

    private MimeEntity(byte[] bytes, int start, int bodyStart, int end, List<Field> fields, List<MimeEntity> parts) {
        this.bytes = bytes;
        this.start = start;
        this.bodyStart = bodyStart;
        this.end = end;
        this.fields = fields;
        this.parts = parts;
    }

    /**
     * An entity whose header fields and body are {@code bytes[from, to)}; multiparts are read down
     * to their leaves.
     *
     * @throws Mm7Exception 4004 when the structure is over the limits
     */
    public static MimeEntity parse(byte[] bytes, int from, int to, Limits limits) {
        return parse(bytes, from, to, new Budget(limits), 0, null);
    }

    /**
     * A body without header fields of its own, typed by {@code contentType} (an HTTP request's
     * body and its Content-Type header). A multipart without a {@code boundary} parameter is read
     * with the boundary its first delimiter line names.
     */
    public static MimeEntity body(byte[] bytes, String contentType, Limits limits) {
        List<Field> fields = contentType == null ? List.of() : List.of(new Field("Content-Type", contentType));
        Budget budget = new Budget(limits);
        List<MimeEntity> parts = partsOf(bytes, 0, bytes.length, fields, budget, 0, true);
        return new MimeEntity(bytes, 0, 0, bytes.length, fields, parts);
    }

    private static MimeEntity parse(byte[] bytes, int from, int to, Budget budget, int depth, String defaultType) {
        List<Field> fields = new ArrayList<>(6);
        int bodyStart = readFields(bytes, from, to, fields, budget.limits.maxHeaderBytes());
        // which of two counts is a reader's guess, and readers guess differently (mime4j takes another)
        int types = 0;
        int encodings = 0;
        for (Field f : fields) {
            types += f.name().equalsIgnoreCase("Content-Type") ? 1 : 0;
            encodings += f.name().equalsIgnoreCase("Content-Transfer-Encoding") ? 1 : 0;
        }
        if (types > 1 || encodings > 1) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "malformed MIME: a part with more than one "
                    + (types > 1 ? "Content-Type" : "Content-Transfer-Encoding") + " field", null);
        }
        if (defaultType != null && types == 0) {
            fields.add(new Field("Content-Type", defaultType));
        }
        List<MimeEntity> parts = partsOf(bytes, bodyStart, to, fields, budget, depth, false);
        return new MimeEntity(bytes, from, bodyStart, to, List.copyOf(fields), parts);
    }

    private static List<MimeEntity> partsOf(byte[] bytes, int bodyStart, int end, List<Field> fields, Budget budget, int depth, boolean sniff) {
        String header = first(fields, "Content-Type");
        HeaderValue type = HeaderValue.parse(header);
        if (!type.isMultipart()) {
            return List.of();
        }
        if (!type.readsOneWay(header)) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "malformed MIME: a multipart Content-Type that reads two ways: " + header, null);
        }
        String boundary = type.parameter("boundary");
        if (boundary == null && sniff) {
            boundary = sniffBoundary(bytes, bodyStart, end);
        }
        if (boundary == null || boundary.isEmpty()) {
            if (sniff) {
                throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "multipart request without a boundary", null);
            }
            return List.of(); // a multipart type without its boundary: kept whole, as a leaf
        }
        if (depth >= budget.limits.maxDepth()) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "MIME nested deeper than " + budget.limits.maxDepth() + " multiparts", null);
        }
        // multipart/digest parts default to message/rfc822, all others to text/plain
        String partDefault = type.value().equals("multipart/digest") ? "message/rfc822" : null;
        List<MimeEntity> parts = new ArrayList<>();
        DelimiterSearch delimiters = new DelimiterSearch(boundary);
        int d = delimiters.next(bytes, bodyStart, end);
        if (d < 0) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "malformed MIME: no delimiter line for boundary " + boundary, null);
        }
        while (d >= 0) {
            int after = d + delimiters.length();
            if (after + 1 < end && bytes[after] == '-' && bytes[after + 1] == '-') {
                break; // the close delimiter: what follows is the epilogue
            }
            int partStart = skipLine(bytes, after, end);
            if (partStart == end) {
                break; // a delimiter line that ends the bytes (cut off) opens no part
            }
            int next = delimiters.next(bytes, partStart, end);
            // the line break before a delimiter belongs to the delimiter; without a final one the part runs to the end
            int partEnd = next < 0 ? end : lineBreakBefore(bytes, partStart, next);
            budget.part();
            parts.add(parse(bytes, partStart, partEnd, budget, depth + 1, partDefault));
            d = next;
        }
        if (parts.isEmpty()) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "multipart without parts", null);
        }
        return List.copyOf(parts);
    }

    /**
     * Finds delimiter lines: "--" and the boundary at a line start, followed by "--" (the close
     * delimiter), blanks or the line end. A line start is the search's start or a byte after LF, so
     * the search looks for LF "--" boundary with Horspool's skips: it reads a fraction of the bytes
     * it passes.
     */
    private static final class DelimiterSearch {
        private final byte[] pattern;
        private final int[] skip = new int[256];

        DelimiterSearch(String boundary) {
            pattern = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int m = pattern.length;
            Arrays.fill(skip, m);
            for (int k = 0; k < m - 1; k++) {
                skip[pattern[k] & 0xFF] = m - 1 - k;
            }
        }

        /** The delimiter's length ("--" and the boundary). */
        int length() {
            return pattern.length - 1;
        }

        /** Where the next delimiter line at or after {@code from} (a line start) begins; -1 when there is none. */
        int next(byte[] b, int from, int end) {
            if (matches(b, from - 1, end, 1)) {
                return from;
            }
            int m = pattern.length;
            for (int i = from; i + m <= end; i += skip[b[i + m - 1] & 0xFF]) {
                if (b[i + m - 1] == pattern[m - 1] && matches(b, i, end, 0)) {
                    return i + 1;
                }
            }
            return -1;
        }

        /** Whether the pattern from its byte {@code first} on is at {@code at + first}, and ends the delimiter properly. */
        private boolean matches(byte[] b, int at, int end, int first) {
            int m = pattern.length;
            if (at + m > end) {
                return false;
            }
            for (int k = first; k < m; k++) {
                if (b[at + k] != pattern[k]) {
                    return false;
                }
            }
            int after = at + m;
            if (after == end) {
                return true;
            }
            byte c = b[after];
            // "--" closes; a single '-' goes on into a longer boundary, which is not this one (RFC 2046 §5.1.1)
            return c == '-' ? after + 1 < end && b[after + 1] == '-' : c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }

    private static int skipLine(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    private static int lineBreakBefore(byte[] b, int partStart, int delimiterAt) {
        int e = delimiterAt - 1; // the LF
        if (e > partStart && b[e - 1] == '\r') {
            e--;
        }
        return Math.max(partStart, e);
    }

    /** Reads header fields from {@code from}; returns where the body starts. */
    private static int readFields(byte[] b, int from, int to, List<Field> fields, int maxHeaderBytes) {
        int i = from;
        StringBuilder current = null;
        while (i < to) {
            int lineEnd = i;
            while (lineEnd < to && b[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > i && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            int next = Math.min(lineEnd + 1, to);
            if (contentEnd == i) {
                add(fields, current);
                return next; // the empty line: the body follows
            }
            if (next - from > maxHeaderBytes) {
                throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "MIME header fields longer than " + maxHeaderBytes + " bytes", null);
            }
            String line = new String(b, i, contentEnd - i, StandardCharsets.ISO_8859_1);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(' ').append(line.strip()); // a folded continuation
            } else if (line.indexOf(':') > 0) {
                add(fields, current);
                current = new StringBuilder(line);
            } else {
                add(fields, current);
                return i; // not a header field: the body started without the empty line
            }
            i = next;
        }
        add(fields, current);
        return to;
    }

    private static void add(List<Field> fields, StringBuilder line) {
        if (line != null) {
            int colon = line.indexOf(":");
            fields.add(new Field(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
        }
    }

    /** The first line starting with "--" names the boundary when the Content-Type forgot it. */
    private static String sniffBoundary(byte[] b, int from, int end) {
        int lineStart = from;
        for (int i = from; i < Math.min(end, from + 8192); i++) {
            if (b[i] == '\n') {
                String line = new String(b, lineStart, i - lineStart, StandardCharsets.ISO_8859_1).trim();
                if (line.startsWith("--") && line.length() > 2) {
                    return line.substring(2);
                }
                lineStart = i + 1;
            }
        }
        return null;
    }

    private static String first(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    // --- what the entity holds --------------------------------------------------------------

    /** The first value of a header field, unfolded and trimmed; null when absent. */
    public String header(String name) {
        return first(fields, name);
    }

    public List<Field> fields() {
        return fields;
    }

    public HeaderValue contentType() {
        String type = header("Content-Type");
        return HeaderValue.parse(type == null ? "text/plain" : type);
    }

    /** The parts of a multipart; empty for any other entity. */
    public List<MimeEntity> parts() {
        return parts;
    }

    public boolean isMultipart() {
        return !parts.isEmpty();
    }

    /** The body as it came, still in its transfer encoding. */
    public InputStream rawBody() {
        return new ByteArrayInputStream(bytes, bodyStart, end - bodyStart);
    }

    public int rawBodyLength() {
        return end - bodyStart;
    }

    /** Writes the body as it came into {@code out}. */
    public void writeRawBody(OutputStream out) throws IOException {
        out.write(bytes, bodyStart, end - bodyStart);
    }

    /** The body's bytes as they came; {@code bytes()[bodyOffset(), bodyOffset() + rawBodyLength())}. For writers that scan it in place. */
    public byte[] bytes() {
        return bytes;
    }

    public int bodyOffset() {
        return bodyStart;
    }

    /** Header fields and body exactly as received, for an entity passed on unchanged. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, start, end - start);
    }

    /** The entity with one header field set to {@code value} (added, or replacing the one there), its body as received. */
    public void writeWithHeader(OutputStream out, String name, String value) throws IOException {
        StringBuilder head = new StringBuilder(256);
        for (Field f : fields) {
            if (!f.name().equalsIgnoreCase(name)) {
                head.append(f.name()).append(": ").append(f.value()).append("\r\n");
            }
        }
        head.append(name).append(": ").append(value).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        writeRawBody(out);
    }

    /** The body decoded from its transfer encoding (base64 strictly: a character outside it fails the read); raw for unknown encodings. */
    public InputStream decodedBody() {
        return switch (transferEncoding()) {
            case "base64" -> new Base64InputStream(rawBody(), true);
            case "quoted-printable" -> new QuotedPrintableInputStream(rawBody(), false);
            default -> rawBody();
        };
    }

    public byte[] decodedBytes() throws IOException {
        try (InputStream in = decodedBody()) {
            return in.readAllBytes();
        }
    }

    /** The Content-Transfer-Encoding in lower case; {@code 7bit} when absent. */
    public String transferEncoding() {
        String cte = header("Content-Transfer-Encoding");
        return cte == null ? "7bit" : cte.trim().toLowerCase(Locale.ROOT);
    }

    /** The multipart's leaves in order, nested multiparts flattened. */
    public List<MimeEntity> leaves() {
        List<MimeEntity> leaves = new ArrayList<>();
        collect(this, leaves);
        return leaves;
    }

    private static void collect(MimeEntity entity, List<MimeEntity> leaves) {
        if (!entity.isMultipart()) {
            leaves.add(entity);
            return;
        }
        for (MimeEntity part : entity.parts) {
            collect(part, leaves);
        }
    }

    /** Counts the parts of all multiparts in the tree against the limit. */
    private static final class Budget {
        private final Limits limits;
        private int parts;

        Budget(Limits limits) {
            this.limits = limits;
        }

        void part() {
            if (++parts > limits.maxParts()) {
                throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "more than " + limits.maxParts() + " MIME parts", null);
            }
        }
    }
}
