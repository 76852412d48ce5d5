package org.camelmm7.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.camelmm7.mm7.Mm7HttpBody;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A strict reading of a SubmitReq: the SOAP Body's element validated against the REL-6-MM7-1-4 SubmitReq schema. */
public final class StrictSubmitReq {

    private static final Schema SCHEMA = load();

    private StrictSubmitReq() {
    }

    /** @throws Exception when the SubmitReq does not validate */
    public static void validate(Mm7HttpBody wire) throws Exception {
        InputStream soap;
        if (wire.contentType().startsWith("multipart/")) {
            MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(wire.bytes(), wire.contentType()));
            soap = parts.getBodyPart(0).getInputStream();
        } else {
            soap = new ByteArrayInputStream(wire.bytes());
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(soap);
        Element body = (Element) doc.getDocumentElement().getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Body").item(0);
        Element submitReq = null;
        for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                submitReq = e;
                break;
            }
        }
        SCHEMA.newValidator().validate(new DOMSource(submitReq));
    }

    public static void validateAll(List<Mm7HttpBody> wires) throws Exception {
        for (Mm7HttpBody wire : wires) {
            validate(wire);
        }
    }

    private static Schema load() {
        try (InputStream xsd = StrictSubmitReq.class.getResourceAsStream("/xsd/REL-6-MM7-1-4-SubmitReq.xsd")) {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
