package org.camelmm7.mm7;

import java.io.IOException;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * A SOAP 1.1 message as it arrives over HTTP, plain or with attachments, read leniently in one
 * pass over its bytes: the MIME parts (slices of the body, not copies), the SOAP part found by
 * {@code start} or by type, its envelope, the TransactionID header (by local name, trimmed) and
 * the Body's element. Requests and responses are both read this way.
 */
record SoapMessage(List<MimeEntity> parts, MimeEntity soapPart, XmlElement envelope, String transactionId, XmlElement bodyElement) {

    /** @throws Mm7Exception 4004 when the MIME framing, the XML or the envelope cannot be read */
    static SoapMessage read(String contentType, byte[] body, MimeEntity.Limits limits) {
        HeaderValue type = HeaderValue.parse(contentType);
        List<MimeEntity> parts = type.isMultipart() ? MimeEntity.body(body, contentType, limits).parts() : List.of();
        MimeEntity soapPart = parts.isEmpty() ? null : soapPart(parts, type.parameter("start"));
        int soapSize = soapPart == null ? body.length : soapPart.rawBodyLength();
        if (soapSize > limits.maxSoapBytes()) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP envelope of " + soapSize + " bytes, over the limit of "
                    + limits.maxSoapBytes(), null);
        }
        byte[] soapXml = soapPart == null ? body : decodedBytes(soapPart);
        String charset = soapPart == null ? type.parameter("charset") : soapPart.contentType().parameter("charset");

        XmlElement envelope = parseXml(soapXml, charset);
        if (!"Envelope".equals(envelope.localName())) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "not a SOAP envelope: root element is " + envelope.qualifiedName(), null);
        }
        XmlElement header = envelope.firstChild("Header");
        XmlElement txElement = header == null ? null : header.firstDescendant("TransactionID");
        String transactionId = txElement == null ? null : txElement.text().trim();
        XmlElement soapBody = envelope.firstChild("Body");
        XmlElement bodyElement = soapBody == null ? null : soapBody.firstChild(null);
        return new SoapMessage(parts, soapPart, envelope, transactionId, bodyElement);
    }

    /** The part named by {@code start}; else the first XML part; else the first part. */
    private static MimeEntity soapPart(List<MimeEntity> parts, String start) {
        String startId = HeaderValue.bareContentId(start);
        if (startId != null && !startId.isEmpty()) {
            for (MimeEntity p : parts) {
                if (startId.equalsIgnoreCase(HeaderValue.bareContentId(p.header("Content-ID")))) {
                    return p;
                }
            }
        }
        for (MimeEntity p : parts) {
            if (p.contentType().isXml()) {
                return p;
            }
        }
        return parts.get(0);
    }

    private static byte[] decodedBytes(MimeEntity part) {
        try {
            return part.decodedBytes();
        } catch (IOException e) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP part cannot be decoded: " + e.getMessage(), null, e);
        }
    }

    private static XmlElement parseXml(byte[] xml, String charset) {
        try {
            return SoapDocuments.parse(xml, charset);
        } catch (XMLStreamException | IllegalArgumentException e) {
            // (Woodstox puts the location on a line of its own)
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "ill-formed XML: " + String.valueOf(e.getMessage()).replace('\n', ' '), null, e);
        }
    }
}
