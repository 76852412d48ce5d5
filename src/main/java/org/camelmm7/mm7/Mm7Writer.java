package org.camelmm7.mm7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes MM7 messages the conservative way (docs/mm7.md): SOAP 1.1, CRLF line ends, the
 * configured prefixes, {@code TransactionID} with {@code mustUnderstand="1"}, and for requests
 * with content a {@code multipart/related} body with quoted {@code type} and {@code start} and a
 * {@code cid:} href.
 */
public final class Mm7Writer {

    public static final String XML_CONTENT_TYPE = "text/xml; charset=\"utf-8\"";

    private final Mm7WriterOptions options;

    public Mm7Writer() {
        this(Mm7WriterOptions.DEFAULT);
    }

    public Mm7Writer(Mm7WriterOptions options) {
        this.options = options;
    }

    /** A response in the request's namespace with its TransactionID and MM7Version. */
    public Mm7HttpBody writeResponse(Mm7Response response) {
        Mm7Transaction tx = response.transaction();
        XmlWriter xml = envelopeStart(tx);
        String el = body(response.operation().responseElement());
        xml.open(el, bodyNamespace(tx)).newline();
        xml.element(body("MM7Version"), tx.mm7Version()).newline();
        if (response.operation() == Mm7Operation.EXTENDED_REPLACE && response.messageId() != null) {
            xml.element(body("MessageID"), response.messageId()).newline();
        }
        status(xml, response.status());
        if (response.operation() == Mm7Operation.SUBMIT && response.messageId() != null) {
            xml.element(body("MessageID"), response.messageId()).newline();
        }
        if (response.operation() == Mm7Operation.DELIVER && response.serviceCode() != null) {
            xml.element(body("ServiceCode"), response.serviceCode()).newline();
        }
        xml.close(el).newline();
        return xmlBody(envelopeEnd(xml));
    }

    /**
     * A SOAP 1.1 Fault whose detail holds {@code VASPErrorRsp} (we are the VASP) or
     * {@code RSErrorRsp} (we play the MMSC, as the simulator does).
     */
    public Mm7HttpBody writeFault(Mm7Transaction tx, Mm7Status status, boolean vaspSide) {
        boolean client = StatusCode.isClientFault(status.code());
        String env = options.soapEnvPrefix();
        XmlWriter xml = envelopeStart(tx);
        xml.open(env + ":Fault").newline();
        xml.element("faultcode", env + (client ? ":Client" : ":Server")).newline();
        xml.element("faultstring", client ? "Client error" : "Server error").newline();
        xml.open("detail").newline();
        String el = body(vaspSide ? "VASPErrorRsp" : "RSErrorRsp");
        xml.open(el, bodyNamespace(tx)).newline();
        xml.element(body("MM7Version"), tx.mm7Version()).newline();
        status(xml, status);
        xml.close(el).newline();
        xml.close("detail").newline();
        xml.close(env + ":Fault").newline();
        return xmlBody(envelopeEnd(xml));
    }

    /** Any request; with content it becomes SOAP with attachments. */
    public Mm7HttpBody writeRequest(Mm7Request request) {
        Mm7Transaction tx = request.transaction();
        String contentId = request.content() == null ? null : contentId(request.content());
        XmlWriter xml = envelopeStart(tx);
        String el = body(request.operation().requestElement());
        xml.open(el, bodyNamespace(tx)).newline();
        for (String name : request.operation().schemaOrder()) {
            writeElement(xml, request, name, contentId);
        }
        xml.close(el).newline();
        String soap = envelopeEnd(xml);
        if (request.content() == null || request.content().entity() == null) {
            return xmlBody(soap);
        }
        return multipart(soap, request.content().entity(), contentId);
    }

    private void writeElement(XmlWriter xml, Mm7Request r, String name, String contentId) {
        Map<String, String> f = r.fields();
        switch (name) {
            case "MM7Version" -> xml.element(body(name), r.transaction().mm7Version());
            case "SenderIdentification" -> {
                SenderIdentification id = r.senderIdentification();
                xml.open(body(name));
                xml.element(body("VASPID"), id.vaspId()).element(body("VASID"), id.vasId());
                if (id.senderAddress() != null) {
                    address(xml, "SenderAddress", id.senderAddress());
                }
                xml.close(body(name));
            }
            case "Recipients" -> {
                if (r.recipients().isEmpty()) {
                    return;
                }
                xml.open(body(name));
                addressList(xml, "To", r.recipients().to());
                addressList(xml, "Cc", r.recipients().cc());
                addressList(xml, "Bcc", r.recipients().bcc());
                xml.close(body(name));
            }
            case "Sender" -> address(xml, name, r.sender());
            case "Recipient" -> address(xml, name, r.recipient());
            case "ReplyCharging" -> {
                if (r.replyCharging() == null) {
                    return;
                }
                Integer size = r.replyCharging().replyChargingSize();
                xml.empty(body(name), "replyChargingSize", size == null || size <= 0 ? null : size.toString(),
                        "replyDeadline", r.replyCharging().replyDeadline());
            }
            case "DeliveryCondition" -> {
                if (r.deliveryConditions().isEmpty()) {
                    return;
                }
                xml.open(body(name));
                r.deliveryConditions().forEach(dc -> xml.element(body("DC"), dc.toString()));
                xml.close(body(name));
            }
            case "UACapabilities" -> {
                if (f.containsKey("UACapabilities@UAProf") || f.containsKey("UACapabilities@TimeStamp")) {
                    xml.empty(body(name), "UAProf", f.get("UACapabilities@UAProf"), "TimeStamp", f.get("UACapabilities@TimeStamp"));
                } else {
                    return;
                }
            }
            case "Content" -> {
                if (f.containsKey(Mm7Request.EXTENSION_XML)) {
                    xml.raw(f.get(Mm7Request.EXTENSION_XML)).newline();
                }
                if (contentId == null) {
                    return;
                }
                Boolean adapt = r.content().allowAdaptations();
                xml.empty(body(name), "href", "cid:" + contentId, "allowAdaptations", adapt == null ? null : adapt.toString());
            }
            default -> {
                if (!f.containsKey(name)) {
                    return;
                }
                xml.element(body(name), f.get(name));
            }
        }
        xml.newline();
    }

    private void addressList(XmlWriter xml, String name, List<Mm7Address> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        xml.open(body(name));
        addresses.forEach(a -> xml.element(body(a.type().element()), a.value(), "displayOnly", a.displayOnly() ? "true" : null));
        xml.close(body(name));
    }

    private void address(XmlWriter xml, String name, Mm7Address a) {
        if (a == null) {
            return;
        }
        xml.open(body(name));
        xml.element(body(a.type().element()), a.value(), "displayOnly", a.displayOnly() ? "true" : null);
        xml.close(body(name));
    }

    private void status(XmlWriter xml, Mm7Status status) {
        String text = status.text() == null || status.text().isBlank() ? StatusCode.standardText(status.code()) : status.text();
        xml.open(body("Status"));
        xml.element(body("StatusCode"), Integer.toString(status.code()));
        xml.element(body("StatusText"), text);
        xml.element(body("Details"), status.details());
        xml.close(body("Status")).newline();
    }

    private XmlWriter envelopeStart(Mm7Transaction tx) {
        String env = options.soapEnvPrefix();
        XmlWriter xml = new XmlWriter().declaration();
        xml.open(env + ":Envelope", "xmlns:" + env, Mm7Namespaces.SOAP_ENVELOPE).newline();
        xml.open(env + ":Header").newline();
        if (tx.transactionId() != null) {
            String p = options.mm7Prefix();
            xml.element(p + ":TransactionID", tx.transactionId(), "xmlns:" + p, namespace(tx), env + ":mustUnderstand", "1").newline();
        }
        xml.close(env + ":Header").newline();
        xml.open(env + ":Body").newline();
        return xml;
    }

    private String envelopeEnd(XmlWriter xml) {
        String env = options.soapEnvPrefix();
        xml.close(env + ":Body").newline();
        xml.close(env + ":Envelope").newline();
        return xml.toString();
    }

    private String[] bodyNamespace(Mm7Transaction tx) {
        return options.prefixBody()
                ? new String[] {"xmlns:" + options.mm7Prefix(), namespace(tx)}
                : new String[] {"xmlns", namespace(tx)};
    }

    private String body(String localName) {
        return options.prefixBody() ? options.mm7Prefix() + ":" + localName : localName;
    }

    private static String namespace(Mm7Transaction tx) {
        return tx.namespace() == null ? Mm7Namespaces.REL_6_MM7_1_4 : tx.namespace();
    }

    private static Mm7HttpBody xmlBody(String soap) {
        return new Mm7HttpBody(XML_CONTENT_TYPE, soap.getBytes(StandardCharsets.UTF_8));
    }

    private static String contentId(Mm7Content content) {
        String fromHref = HeaderValue.bareContentId(content.href());
        if (fromHref != null && !fromHref.isEmpty()) {
            return fromHref;
        }
        String fromPart = content.entity() == null ? null : HeaderValue.bareContentId(content.entity().header("Content-ID"));
        return fromPart != null && !fromPart.isEmpty() ? fromPart : "mm7-content@camel-mm7-gateway";
    }

    private static Mm7HttpBody multipart(String soap, MimeEntity entity, String contentId) {
        String boundary = "mm7-" + UUID.randomUUID();
        String soapId = "mm7-soap@camel-mm7-gateway";
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(soap.length() + 4096);
            String head = "--" + boundary + "\r\n"
                    + "Content-Type: " + XML_CONTENT_TYPE + "\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n"
                    + "Content-ID: <" + soapId + ">\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(soap.getBytes(StandardCharsets.UTF_8));
            out.write(("\r\n--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            entity.writeWithHeader(out, "Content-ID", "<" + contentId + ">");
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            String type = "multipart/related; boundary=\"" + boundary + "\"; type=\"text/xml\"; start=\"<" + soapId + ">\"";
            return new Mm7HttpBody(type, out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write MM7 content part", e);
        }
    }
}
