package org.camelmm7.mm7;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses SOAP XML safely (no DTDs, no external entities) and in whatever charset peers send:
 * the XML declaration wins, then the MIME charset, then UTF-8, then ISO-8859-1 for bytes that are
 * not UTF-8 (instantcom writes undeclared text). Elements are looked up by local name only.
 */
final class SoapDocuments {

    static final int MAX_DEPTH = 100;

    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SoapDocuments::newBuilder);

    private SoapDocuments() {
    }

    static Document parse(byte[] xml, String mimeCharset) throws SAXException, IOException {
        String charset = declaresEncoding(xml) ? null : mimeCharset;
        try {
            return parseWith(xml, charset);
        } catch (CharConversionException | SAXException e) {
            if (charset == null && !declaresEncoding(xml) && !isUtf8(xml)) {
                return parseWith(xml, "ISO-8859-1");
            }
            throw e;
        }
    }

    private static Document parseWith(byte[] xml, String charset) throws SAXException, IOException {
        InputSource source = new InputSource(new ByteArrayInputStream(xml));
        if (charset != null) {
            source.setEncoding(charset);
        }
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        builder.setErrorHandler(new DefaultHandler());
        return builder.parse(source);
    }

    static String localName(Node node) {
        String local = node.getLocalName();
        if (local != null) {
            return local;
        }
        String name = node.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    static Element firstChild(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(localName(e)))) {
                return e;
            }
        }
        return null;
    }

    static Element firstDescendant(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (localName.equals(localName(e))) {
                    return e;
                }
                Element deeper = firstDescendant(e, localName);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    /** Attribute by local name, whatever its prefix. */
    static String attribute(Element e, String localName) {
        var attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            if (localName.equalsIgnoreCase(localName(a))) {
                return a.getNodeValue();
            }
        }
        return null;
    }

    private static boolean declaresEncoding(byte[] xml) {
        int n = Math.min(xml.length, 200);
        String head = new String(xml, 0, n, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("?>");
        return head.startsWith("<?xml") && end > 0 && head.substring(0, end).contains("encoding");
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            // a SOAP envelope is a few levels deep; refuse deep nesting before it costs a stack
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
            f.setExpandEntityReferences(false);
            // built at once: the deferred DOM allocates its node tables in chunks made for big documents,
            // a fifth of a small SOAP part's parse (profiled)
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }
}
