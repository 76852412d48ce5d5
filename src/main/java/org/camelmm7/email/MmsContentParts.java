package org.camelmm7.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.camelmm7.mm7.HeaderValue;
import org.camelmm7.mm7.ReadOnlyDataSource;

/**
 * Flattens the MM content entity (a single part, multipart/mixed or multipart/related with SMIL,
 * nested at any depth) into its leaf parts, decoded from their transfer encoding, with the
 * file name a mail client should show. Text is decoded from its charset; undeclared text is read
 * as UTF-8 when it is valid UTF-8, else as ISO-8859-1.
 */
final class MmsContentParts {

    /**
     * One leaf of the MM: its media type, file name, declared charset, and its content decoded
     * on demand from the request's bytes (no copy of a large image is held in memory).
     */
    record Leaf(String mediaType, MimeBodyPart part, String fileName, String charset) {

        boolean isPlainText() {
            return mediaType.equals("text/plain");
        }

        DataSource content() {
            return new ReadOnlyDataSource(() -> {
                try {
                    return decoded(part);
                } catch (MessagingException e) {
                    throw new IOException(e);
                }
            }, mediaType);
        }

        String text() throws IOException {
            byte[] bytes;
            try (InputStream in = content().getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (charset != null) {
                return new String(bytes, declared(charset));
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Multiparts inside multiparts: real MMs nest two or three deep; deeper is refused before it costs a stack. */
    static final int MAX_NESTING = 16;

    private MmsContentParts() {
    }

    static List<Leaf> leaves(MimeBodyPart entity) throws MessagingException, IOException {
        List<Leaf> leaves = new ArrayList<>();
        collect(entity, leaves, 0);
        return leaves;
    }

    /** A text part's declared charset; one this JVM does not know cannot be decoded without guessing. */
    private static Charset declared(String charset) throws IOException {
        try {
            return Charset.forName(charset.trim());
        } catch (IllegalArgumentException unknown) {
            throw new IOException("text part declares charset '" + charset + "', which cannot be decoded");
        }
    }

    private static void collect(MimeBodyPart part, List<Leaf> leaves, int depth) throws MessagingException, IOException {
        HeaderValue type = HeaderValue.parse(header(part, "Content-Type", "text/plain"));
        if (type.isMultipart() && type.parameter("boundary") != null) {
            if (depth >= MAX_NESTING) {
                throw new MessagingException("MM content nested deeper than " + MAX_NESTING + " multiparts");
            }
            InputStream content = decoded(part);
            MimeMultipart multipart = new MimeMultipart(new ReadOnlyDataSource(() -> content,
                    "multipart/mixed; boundary=\"" + type.parameter("boundary").replace("\"", "\\\"") + "\""));
            for (int i = 0; i < multipart.getCount(); i++) {
                collect((MimeBodyPart) multipart.getBodyPart(i), leaves, depth + 1);
            }
            return;
        }
        String mediaType = type.value().isEmpty() ? "application/octet-stream" : type.value();
        leaves.add(new Leaf(mediaType, part, fileName(part, type, mediaType, leaves.size() + 1), type.parameter("charset")));
    }

    private static InputStream decoded(MimeBodyPart part) throws MessagingException {
        InputStream raw = part.getRawInputStream();
        String encoding = header(part, "Content-Transfer-Encoding", null);
        if (encoding == null) {
            return raw;
        }
        try {
            return MimeUtility.decode(raw, encoding.trim().toLowerCase(Locale.ROOT));
        } catch (MessagingException unknownEncoding) {
            return raw;
        }
    }

    /** Content-Location, else the name or filename parameter, else part-N with an extension from the type. */
    private static String fileName(MimeBodyPart part, HeaderValue type, String mediaType, int n) {
        String location = header(part, "Content-Location", null);
        if (location != null && !location.isBlank()) {
            String l = location.trim();
            return l.substring(l.lastIndexOf('/') + 1);
        }
        if (type.parameter("name") != null) {
            return type.parameter("name");
        }
        String disposition = header(part, "Content-Disposition", null);
        if (disposition != null && HeaderValue.parse(disposition).parameter("filename") != null) {
            return HeaderValue.parse(disposition).parameter("filename");
        }
        return "part-" + n + extension(mediaType);
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "text/plain" -> ".txt";
            case "application/smil" -> ".smil";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/png" -> ".png";
            case "audio/amr" -> ".amr";
            case "video/3gpp" -> ".3gp";
            case "text/x-vcard", "text/vcard" -> ".vcf";
            default -> ".bin";
        };
    }

    private static String header(MimeBodyPart part, String name, String fallback) {
        try {
            String value = part.getHeader(name, null);
            return value == null ? fallback : value;
        } catch (MessagingException e) {
            return fallback;
        }
    }
}
