package org.camelmm7.email;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;

import org.camelmm7.mm7.HeaderValue;
import org.camelmm7.mm7.MimeEntity;

/**
 * The MM content entity (a single part, multipart/mixed or multipart/related with SMIL, nested at
 * any depth the reader allowed) as its leaf parts, each with the file name a mail client should
 * show. Text is decoded from its transfer encoding and charset; undeclared text is read as UTF-8
 * when it is valid UTF-8, else as ISO-8859-1; a charset this JVM does not know is not guessed.
 */
final class MmsContentParts {

    /** One leaf of the MM: its media type, file name and declared charset, over the request's bytes. */
    record Leaf(String mediaType, MimeEntity part, String fileName, String charset) {

        boolean isPlainText() {
            return mediaType.equals("text/plain");
        }

        boolean isSmil() {
            return mediaType.equals("application/smil");
        }

        String text() throws IOException {
            byte[] bytes = part.decodedBytes();
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

    private MmsContentParts() {
    }

    static List<Leaf> leaves(MimeEntity entity) {
        List<Leaf> leaves = new ArrayList<>();
        for (MimeEntity part : entity.leaves()) {
            HeaderValue type = part.contentType();
            String mediaType = type.value().isEmpty() ? "application/octet-stream" : type.value();
            leaves.add(new Leaf(mediaType, part, fileName(part, type, mediaType, leaves.size() + 1), type.parameter("charset")));
        }
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

    /** Content-Location, else the name or filename parameter, else part-N with an extension from the type. */
    private static String fileName(MimeEntity part, HeaderValue type, String mediaType, int n) {
        String location = part.header("Content-Location");
        if (location != null && !location.isBlank()) {
            String l = location.trim();
            return l.substring(l.lastIndexOf('/') + 1);
        }
        String name = parameter(part.header("Content-Type"), "name", type);
        if (name != null) {
            return name;
        }
        String disposition = part.header("Content-Disposition");
        String filename = disposition == null ? null : parameter(disposition, "filename", HeaderValue.parse(disposition));
        return filename != null ? filename : "part-" + n + extension(mediaType);
    }

    /**
     * A parameter as Jakarta Mail's {@link ParameterList} decodes it, RFC 2231 included
     * ({@code filename*=UTF-8''%E2%82%AC-photo.jpg}, {@code name*0*=…; name*1*=…}); where Jakarta
     * Mail refuses the header (it is strict: a '/' in an unquoted value), as the tolerant reader has it.
     */
    private static String parameter(String header, String name, HeaderValue tolerant) {
        int semi = header == null ? -1 : header.indexOf(';');
        // only an RFC 2231 parameter (name*=, name*0=) needs Jakarta Mail's reading: the others are read once already
        if (semi >= 0 && header.indexOf('*', semi) >= 0) {
            try {
                String decoded = new ParameterList(header.substring(semi)).get(name);
                if (decoded != null) {
                    return decoded;
                }
            } catch (ParseException strict) {
                // read tolerantly below
            }
        }
        return tolerant.parameter(name);
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
}
