package org.camelmm7.mm7;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * A SOAP 1.1 message as it arrives over HTTP, plain or with attachments, read leniently: the MIME
 * parts (slices of the body, not copies), the SOAP part found by {@code start} or by type, its
 * envelope, the TransactionID header (by local name, trimmed) and the Body's element. Requests
 * and responses are both read this way.
 */
record SoapMessage(List<MimeBodyPart> parts, MimeBodyPart soapPart, Element envelope, String transactionId, Element bodyElement) {

    static {
        // a missing closing delimiter is a common framing slip; the parts before it are complete
        System.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    }

    /** @throws Mm7Exception 4004 when the MIME framing, the XML or the envelope cannot be read */
    static SoapMessage read(String contentType, byte[] body) {
        HeaderValue type = HeaderValue.parse(contentType);
        List<MimeBodyPart> parts = type.isMultipart() ? splitParts(type, body) : List.of();
        MimeBodyPart soapPart = parts.isEmpty() ? null : soapPart(parts, type.parameter("start"));
        byte[] soapXml = soapPart == null ? body : decodedBytes(soapPart);
        String charset = soapPart == null ? type.parameter("charset") : HeaderValue.parse(header(soapPart, "Content-Type")).parameter("charset");

        Document doc = parseXml(soapXml, charset);
        Element envelope = doc.getDocumentElement();
        if (!"Envelope".equals(SoapDocuments.localName(envelope))) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "not a SOAP envelope: root element is " + envelope.getNodeName(), null);
        }
        Element header = SoapDocuments.firstChild(envelope, "Header");
        Element txElement = header == null ? null : SoapDocuments.firstDescendant(header, "TransactionID");
        String transactionId = txElement == null ? null : txElement.getTextContent().trim();
        Element soapBody = SoapDocuments.firstChild(envelope, "Body");
        Element bodyElement = soapBody == null ? null : SoapDocuments.firstChild(soapBody, null);
        return new SoapMessage(parts, soapPart, envelope, transactionId, bodyElement);
    }

    private static List<MimeBodyPart> splitParts(HeaderValue type, byte[] body) {
        String boundary = type.parameter("boundary");
        if (boundary == null) {
            boundary = sniffBoundary(body);
        }
        if (boundary == null || boundary.isEmpty()) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "multipart request without a boundary", null);
        }
        try {
            // a SharedInputStream lets Jakarta Mail slice the parts out of the body without copying them
            MimeMultipart multipart = new MimeMultipart(new ReadOnlyDataSource(() -> new SharedByteArrayInputStream(body),
                    "multipart/related; boundary=\"" + boundary.replace("\"", "\\\"") + "\""));
            List<MimeBodyPart> parts = new ArrayList<>(multipart.getCount());
            for (int i = 0; i < multipart.getCount(); i++) {
                parts.add((MimeBodyPart) multipart.getBodyPart(i));
            }
            if (parts.isEmpty()) {
                throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "multipart request without parts", null);
            }
            return parts;
        } catch (MessagingException e) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "malformed MIME: " + e.getMessage(), null, e);
        }
    }

    /** The first line starting with "--" names the boundary when the header forgot it. */
    private static String sniffBoundary(byte[] body) {
        int lineStart = 0;
        for (int i = 0; i < Math.min(body.length, 8192); i++) {
            if (body[i] == '\n') {
                String line = new String(body, lineStart, i - lineStart, StandardCharsets.ISO_8859_1).trim();
                if (line.startsWith("--") && line.length() > 2) {
                    return line.substring(2);
                }
                lineStart = i + 1;
            }
        }
        return null;
    }

    /** The part named by {@code start}; else the first XML part; else the first part. */
    private static MimeBodyPart soapPart(List<MimeBodyPart> parts, String start) {
        String startId = HeaderValue.bareContentId(start);
        if (startId != null && !startId.isEmpty()) {
            for (MimeBodyPart p : parts) {
                if (startId.equalsIgnoreCase(HeaderValue.bareContentId(header(p, "Content-ID")))) {
                    return p;
                }
            }
        }
        for (MimeBodyPart p : parts) {
            if (HeaderValue.parse(header(p, "Content-Type")).isXml()) {
                return p;
            }
        }
        return parts.get(0);
    }


    private static byte[] decodedBytes(MimeBodyPart part) {
        try (InputStream raw = part.getRawInputStream()) {
            String encoding = header(part, "Content-Transfer-Encoding");
            InputStream decoded = raw;
            if (encoding != null) {
                try {
                    decoded = MimeUtility.decode(raw, encoding.trim().toLowerCase(Locale.ROOT));
                } catch (MessagingException unknownEncoding) {
                    decoded = raw;
                }
            }
            return decoded.readAllBytes();
        } catch (MessagingException | IOException e) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP part cannot be decoded: " + e.getMessage(), null, e);
        }
    }

    static String header(MimeBodyPart part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    private static Document parseXml(byte[] xml, String charset) {
        try {
            return SoapDocuments.parse(xml, charset);
        } catch (SAXException | IOException | IllegalArgumentException e) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "ill-formed XML: " + e.getMessage(), null, e);
        }
    }
}
