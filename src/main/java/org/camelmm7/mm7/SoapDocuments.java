package org.camelmm7.mm7;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * Parses SOAP XML safely (no DTDs, no entities but XML's own, nesting bounded) and in whatever
 * charset peers send: the XML declaration wins, then the MIME charset, then UTF-8, then
 * ISO-8859-1 for bytes that are not UTF-8 (instantcom writes undeclared text). Woodstox (which
 * CXF brings) reads it into {@link XmlElement}s; elements are looked up by local name only.
 */
final class SoapDocuments {

    static final int MAX_DEPTH = 100;

    private static final XMLInputFactory FACTORY = newFactory();

    private SoapDocuments() {
    }

    /** @throws XMLStreamException for ill-formed XML, a DOCTYPE, nesting deeper than {@link #MAX_DEPTH}, an unknown charset */
    static XmlElement parse(byte[] xml, String mimeCharset) throws XMLStreamException {
        String charset = declaresEncoding(xml) ? null : mimeCharset;
        try {
            return parseWith(xml, charset);
        } catch (XMLStreamException e) {
            if (charset == null && !declaresEncoding(xml) && !isUtf8(xml)) {
                return parseWith(xml, "ISO-8859-1");
            }
            throw e;
        }
    }

    private static XmlElement parseWith(byte[] xml, String charset) throws XMLStreamException {
        if (charset != null && !isKnownCharset(charset)) {
            // (Woodstox would say so with its own exception's class name)
            throw new XMLStreamException("charset '" + charset + "' is not known");
        }
        XMLStreamReader reader = charset == null ? FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml))
                : FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml), charset);
        try {
            return read(reader);
        } catch (WstxLazyException e) {
            throw e.getCause() instanceof XMLStreamException x ? x : new XMLStreamException(e.getMessage(), e);
        } finally {
            reader.close();
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        ArrayDeque<XmlElement> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String[] attributes = new String[reader.getAttributeCount() * 2];
                    for (int i = 0; i < attributes.length; i += 2) {
                        attributes[i] = reader.getAttributeLocalName(i / 2);
                        attributes[i + 1] = reader.getAttributeValue(i / 2);
                    }
                    XmlElement element = new XmlElement(reader.getNamespaceURI(), reader.getLocalName(), reader.getPrefix(), attributes);
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().add(reader.getText());
                    }
                }
                case XMLStreamConstants.DTD -> throw new XMLStreamException("DOCTYPE is not allowed", reader.getLocation());
                default -> { }
            }
        }
        return root;
    }

    private static boolean declaresEncoding(byte[] xml) {
        int n = Math.min(xml.length, 200);
        String head = new String(xml, 0, n, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("?>");
        return head.startsWith("<?xml") && end > 0 && head.substring(0, end).contains("encoding");
    }

    private static boolean isKnownCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static XMLInputFactory newFactory() {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // a SOAP envelope is a few levels deep; refuse deep nesting before it costs a stack
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        // errors in text at next(), not later when the text is asked for
        f.setProperty(WstxInputProperties.P_LAZY_PARSING, false);
        return f;
    }
}
