package org.camelmm7.mm7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** MM7 request bodies for codec tests: the spec-style sample on disk and SOAP envelopes to vary. */
public final class Samples {

    public static final String NS6 = Mm7Namespaces.REL_6_MM7_1_4;

    private Samples() {
    }

    public static byte[] resource(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/mm7/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String deliverReqContentType() {
        return new String(resource("deliver-req.content-type"), StandardCharsets.US_ASCII).trim();
    }

    public static byte[] deliverReq() {
        return resource("deliver-req.mime");
    }

    /** A SOAP envelope around {@code body}, TransactionID {@code tx} in the MM7 REL-6-MM7-1-4 namespace. */
    public static String envelope(String tx, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">\r\n"
                + "<env:Header><mm7:TransactionID xmlns:mm7=\"" + NS6 + "\" env:mustUnderstand=\"1\">" + tx
                + "</mm7:TransactionID></env:Header>\r\n"
                + "<env:Body>" + body + "</env:Body></env:Envelope>\r\n";
    }

    public static String deliveryReport(String status) {
        return envelope("dr-1", "<DeliveryReportReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<MMSRelayServerID>mmsc-1</MMSRelayServerID><MessageID>msg-123</MessageID>"
                + "<Recipient><Number>15551230000</Number></Recipient><Sender><ShortCode>12345</ShortCode></Sender>"
                + "<Date>2026-11-25T10:00:00Z</Date><MMStatus>" + status + "</MMStatus>"
                + "<StatusText>report text</StatusText></DeliveryReportReq>");
    }

    public static String deliverBody(String contentHref) {
        return "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<Sender><Number>15551234567</Number></Sender>"
                + "<Recipients><To><ShortCode>12345</ShortCode></To></Recipients>"
                + "<Subject>hello</Subject>"
                + (contentHref == null ? "" : "<Content href=\"" + contentHref + "\"/>")
                + "</DeliverReq>";
    }

    /**
     * A two-part SwA body: the envelope (with {@code soapHeaders}) and a text/plain content part
     * (with {@code contentHeaders}), lines ending in {@code eol}.
     */
    public static byte[] swa(String boundary, String soapHeaders, String soap, String contentHeaders, String content, String eol) {
        String s = "--" + boundary + eol + soapHeaders.replace("\n", eol) + eol + eol + soap.replace("\r\n", eol) + eol
                + "--" + boundary + eol + contentHeaders.replace("\n", eol) + eol + eol + content + eol
                + "--" + boundary + "--" + eol;
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String s, Charset charset) {
        return s.getBytes(charset);
    }

    /** The Content-Type of {@link #bigDeliverReq}. */
    public static String bigDeliverReqContentType() {
        return "multipart/related; boundary=big; type=\"text/xml\"; start=\"<soap>\"";
    }

    /** A DeliverReq whose content is one image of these bytes (base64, so ~4/3 larger on the wire). */
    public static byte[] bigDeliverReq(byte[] image) {
        String b64 = Base64.getMimeEncoder().encodeToString(image);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b64.length() + 4096);
        String head = "--big\r\nContent-Type: text/xml; charset=utf-8\r\nContent-ID: <soap>\r\n\r\n"
                + envelope("big-1", deliverBody("cid:img")) + "\r\n--big\r\n"
                + "Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <img>\r\nContent-Location: photo.jpg\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(b64.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
