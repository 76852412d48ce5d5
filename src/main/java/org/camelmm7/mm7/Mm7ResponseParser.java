package org.camelmm7.mm7;

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
        XmlElement element = message.bodyElement();
        if (element == null) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP Body of the answer is empty", null);
        }
        boolean fault = "Fault".equals(element.localName());
        String faultCode = null;
        if (fault) {
            faultCode = text(element, "faultcode");
            if (faultCode != null && faultCode.contains(":")) {
                faultCode = faultCode.substring(faultCode.indexOf(':') + 1);
            }
            XmlElement detail = element.firstChild("detail");
            XmlElement inDetail = detail == null ? null : detail.firstChild(null);
            if (inDetail == null || inDetail.firstDescendant("StatusCode") == null) {
                throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "SOAP Fault without an MM7 status: " + faultCode + " "
                        + text(element, "faultstring"), new Mm7Transaction(null, message.transactionId(), null));
            }
            element = inDetail;
        }
        Mm7Transaction tx = new Mm7Transaction(element.namespaceUri(), message.transactionId(), text(element, "MM7Version"));
        XmlElement statusCode = element.firstDescendant("StatusCode");
        if (statusCode == null) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, element.localName() + " without a Status", tx);
        }
        int code;
        try {
            code = Integer.parseInt(statusCode.text().trim());
        } catch (NumberFormatException e) {
            throw new Mm7Exception(StatusCode.VALIDATION_ERROR, "StatusCode '" + statusCode.text().trim() + "' is not a number", tx);
        }
        String text = text(element, "StatusText");
        XmlElement details = element.firstDescendant("Details");
        Mm7Status status = new Mm7Status(code, text == null || text.isEmpty() ? StatusCode.standardText(code) : text,
                details == null ? null : details.text().trim());
        return new Mm7Answer(element.localName(), tx, status, text(element, "MessageID"), fault, faultCode);
    }

    private static String text(XmlElement parent, String localName) {
        XmlElement e = parent.firstDescendant(localName);
        return e == null ? null : e.text().trim();
    }
}
