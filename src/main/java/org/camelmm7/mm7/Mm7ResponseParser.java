package org.camelmm7.mm7;

import org.w3c.dom.Element;

/**
 * Reads what an MMSC answers (docs/mm7.md), whatever its HTTP status: a response with a
 * Status, or a Fault whose detail holds RSErrorRsp (or any element with a Status) — faults with
 * HTTP 200, namespace-qualified {@code faultcode}/{@code detail}, RSErrorRsp in another namespace,
 * empty StatusText, extra elements. An answer without a readable Status is an Mm7Exception: the
 * client treats it as a temporary failure.
 */
public final class Mm7ResponseParser {

    public Mm7Answer parse(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "empty answer", null);
        }
        SoapMessage message = SoapMessage.read(contentType, body, MimeEntity.Limits.DEFAULT);
        Element element = message.bodyElement();
        if (element == null) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP Body of the answer is empty", null);
        }
        boolean fault = "Fault".equals(SoapDocuments.localName(element));
        String faultCode = null;
        if (fault) {
            faultCode = text(element, "faultcode");
            if (faultCode != null && faultCode.contains(":")) {
                faultCode = faultCode.substring(faultCode.indexOf(':') + 1);
            }
            Element detail = SoapDocuments.firstChild(element, "detail");
            Element inDetail = detail == null ? null : SoapDocuments.firstChild(detail, null);
            if (inDetail == null || SoapDocuments.firstDescendant(inDetail, "StatusCode") == null) {
                throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP Fault without an MM7 status: " + faultCode + " "
                        + text(element, "faultstring"), new Mm7Transaction(null, message.transactionId(), null));
            }
            element = inDetail;
        }
        Mm7Transaction tx = new Mm7Transaction(element.getNamespaceURI(), message.transactionId(), text(element, "MM7Version"));
        Element statusCode = SoapDocuments.firstDescendant(element, "StatusCode");
        if (statusCode == null) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, SoapDocuments.localName(element) + " without a Status", tx);
        }
        int code;
        try {
            code = Integer.parseInt(statusCode.getTextContent().trim());
        } catch (NumberFormatException e) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "StatusCode '" + statusCode.getTextContent().trim() + "' is not a number", tx);
        }
        String text = SoapDocuments.firstDescendant(element, "StatusText") == null ? null
                : SoapDocuments.firstDescendant(element, "StatusText").getTextContent().trim();
        Element details = SoapDocuments.firstDescendant(element, "Details");
        Mm7Status status = new Mm7Status(code, text == null || text.isEmpty() ? StatusCode.standardText(code) : text,
                details == null ? null : details.getTextContent().trim());
        return new Mm7Answer(SoapDocuments.localName(element), tx, status, text(element, "MessageID"), fault, faultCode);
    }

    private static String text(Element parent, String localName) {
        Element e = SoapDocuments.firstDescendant(parent, localName);
        return e == null ? null : e.getTextContent().trim();
    }
}
