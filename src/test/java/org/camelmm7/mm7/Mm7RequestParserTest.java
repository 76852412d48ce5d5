package org.camelmm7.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelmm7.mm7.Samples.NS6;
import static org.camelmm7.mm7.Samples.deliverBody;
import static org.camelmm7.mm7.Samples.envelope;
import static org.camelmm7.mm7.Samples.swa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Mm7RequestParserTest {

    private final Mm7RequestParser parser = new Mm7RequestParser();

    private static final String SOAP_HEADERS = "Content-Type: text/xml; charset=utf-8\nContent-ID: <soap>";
    private static final String TEXT_HEADERS = "Content-Type: text/plain; charset=utf-8\nContent-ID: <mm>";

    private Mm7Request parseSwa(String contentType, String soapHeaders, String soap, String contentHeaders, String eol) {
        return parser.parse(contentType, swa("b1", soapHeaders, soap, contentHeaders, "hello MMS", eol));
    }

    private static String raw(Mm7Content content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.entity().rawBody().transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheSpecStyleDeliverReq() throws Exception {
        Mm7Request r = parser.parse(Samples.deliverReqContentType(), Samples.deliverReq());

        assertThat(r.operation()).isEqualTo(Mm7Operation.DELIVER);
        assertThat(r.transaction()).isEqualTo(new Mm7Transaction(NS6, "vasp-deliver-0001", "6.8.0"));
        assertThat(r.sender()).isEqualTo(Mm7Address.number("+15551234567"));
        assertThat(r.recipients().to()).containsExactly(Mm7Address.shortCode("12345"));
        assertThat(r.recipients().cc()).containsExactly(Mm7Address.rfc2822("\"Photo Desk\" <photos@newsroom.example>"));
        assertThat(r.subject()).isEqualTo("Entry for the photo contest");
        assertThat(r.linkedId()).isEqualTo("link-42");
        assertThat(r.mmsRelayServerId()).isEqualTo("mmsc.operator.example");
        assertThat(r.priority()).isEqualTo("High");
        assertThat(r.content().href()).isEqualTo("cid:mms-content-1");
        assertThat(r.content().entity().header("Content-Type")).startsWith("multipart/related");
    }

    @Test
    void keepsTheContentEntityBytesExactlyAsReceived() throws Exception {
        byte[] body = Samples.deliverReq();
        Mm7Request r = parser.parse(Samples.deliverReqContentType(), body);

        String whole = new String(body, StandardCharsets.UTF_8);
        int start = whole.indexOf("--inner-boundary-7");
        // the CRLF before the outer delimiter belongs to the delimiter (RFC 2046)
        int end = whole.indexOf("--inner-boundary-7--") + "--inner-boundary-7--".length();
        assertThat(raw(r.content())).isEqualTo(whole.substring(start, end));
    }

    @Test
    void readsAPlainTextXmlRequestWithoutAttachments() {
        Mm7Request r = parser.parse("text/xml; charset=utf-8", Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8));

        assertThat(r.operation()).isEqualTo(Mm7Operation.DELIVERY_REPORT);
        assertThat(r.messageId()).isEqualTo("msg-123");
        assertThat(r.mmStatus()).isEqualTo("Retrieved");
        assertThat(r.recipient()).isEqualTo(Mm7Address.number("15551230000"));
        assertThat(r.sender()).isEqualTo(Mm7Address.shortCode("12345"));
        assertThat(r.statusText()).isEqualTo("report text");
        assertThat(r.content()).isNull();
    }

    /** One test per real-world deviation listed in docs/mm7.md. */
    @Nested
    class Deviations {

        @Test
        void missingStartTakesTheXmlPart() throws Exception {
            Mm7Request r = parser.parse("multipart/related; boundary=\"b1\"; type=\"text/xml\"",
                    swa("b1", TEXT_HEADERS, "hello MMS", SOAP_HEADERS, envelope("t1", deliverBody("cid:mm")), "\r\n"));
            assertThat(r.transactionId()).isEqualTo("t1");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void startWithCidPrefixInsideBrackets() {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; type=\"text/xml\"; start=\"<cid:soap>\"",
                    SOAP_HEADERS, envelope("t2", deliverBody("cid:mm")), TEXT_HEADERS, "\r\n");
            assertThat(r.transactionId()).isEqualTo("t2");
        }

        @Test
        void unquotedTypeParameter() {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; type=text/xml; start=<soap>",
                    SOAP_HEADERS, envelope("t3", deliverBody("cid:mm")), TEXT_HEADERS, "\r\n");
            assertThat(r.transactionId()).isEqualTo("t3");
        }

        @Test
        void capitalisedParameterNamesAndDoubleSpaces() {
            Mm7Request r = parseSwa("Multipart/Related;  Boundary=\"b1\";  Type=text/xml;  Start=\"<soap>\"",
                    SOAP_HEADERS, envelope("t4", deliverBody("cid:mm")), TEXT_HEADERS, "\r\n");
            assertThat(r.transactionId()).isEqualTo("t4");
        }

        @Test
        void headerLinesWithoutSpaceAfterColon() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; start=soap",
                    "Content-Type:text/xml\nContent-ID:soap", envelope("t5", deliverBody("cid:mm")),
                    "Content-Type:text/plain\nContent-ID:mm", "\r\n");
            assertThat(r.transactionId()).isEqualTo("t5");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void contentIdWithoutAngleBrackets() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; start=\"<soap>\"",
                    SOAP_HEADERS, envelope("t6", deliverBody("cid:defaultID")),
                    "Content-Type: text/plain\nContent-ID: defaultID", "\r\n");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void contentIdSpelledContentId() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; start=\"<soap>\"",
                    "Content-Type: text/xml\nContent-Id: <soap>", envelope("t7", deliverBody("cid:mm")),
                    "Content-Type: text/plain\nContent-Id: <mm>", "\r\n");
            assertThat(r.transactionId()).isEqualTo("t7");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void hrefWithoutCidPrefix() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; start=\"<soap>\"",
                    SOAP_HEADERS, envelope("t8", deliverBody("mm")), TEXT_HEADERS, "\r\n");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void hrefMatchingContentLocation() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; start=\"<soap>\"",
                    SOAP_HEADERS, envelope("t9", deliverBody("message.txt")),
                    "Content-Type: text/plain\nContent-Location: message.txt", "\r\n");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void hrefToAMissingPartFallsBackToTheFirstNonSoapPart() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; start=\"<soap>\"",
                    SOAP_HEADERS, envelope("t10", deliverBody("cid:nowhere")), TEXT_HEADERS, "\r\n");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void missingContentElementTakesTheFirstNonSoapPart() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; start=\"<soap>\"",
                    SOAP_HEADERS, envelope("t11", deliverBody(null)), TEXT_HEADERS, "\r\n");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void bareLfLineEnds() throws Exception {
            Mm7Request r = parseSwa("multipart/related; boundary=b1; type=\"text/xml\"; start=\"<soap>\"",
                    SOAP_HEADERS, envelope("t12", deliverBody("cid:mm")), TEXT_HEADERS, "\n");
            assertThat(r.transactionId()).isEqualTo("t12");
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void gb2312DeclaredInTheXml() {
            String soap = envelope("t13", "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>6.3.0</MM7Version>"
                    + "<Sender><Number>8613800138000</Number></Sender><Subject>你好</Subject></DeliverReq>")
                    .replace("encoding=\"UTF-8\"", "encoding=\"GB2312\"");
            Mm7Request r = parser.parse("text/xml; charset=GB2312", soap.getBytes(Charset.forName("GB2312")));
            assertThat(r.subject()).isEqualTo("你好");
        }

        @Test
        void latin1FromTheMimeCharsetWhenTheXmlDeclaresNone() {
            String soap = envelope("t14", "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<Sender><Number>4917000</Number></Sender><Subject>Grüße</Subject></DeliverReq>")
                    .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
            Mm7Request r = parser.parse("text/xml; charset=ISO-8859-1", soap.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.subject()).isEqualTo("Grüße");
        }

        @Test
        void undeclaredNonUtf8BytesAreReadAsLatin1() {
            String soap = envelope("t15", "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<Sender><Number>4917000</Number></Sender><Subject>Café</Subject></DeliverReq>")
                    .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.subject()).isEqualTo("Café");
        }

        @Test
        void soapPartAsApplicationXmlInQuotedPrintable() {
            String soap = envelope("t16", deliverBody("cid:mm")).replace("=", "=3D");
            Mm7Request r = parseSwa("multipart/related; boundary=b1",
                    "Content-Type: application/xml\nContent-Transfer-Encoding: quoted-printable\nContent-ID: <soap>",
                    soap, TEXT_HEADERS, "\r\n");
            assertThat(r.transactionId()).isEqualTo("t16");
        }

        @Test
        void untypedAddresses() {
            String soap = envelope("t17", "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<Sender>13951234567</Sender><Recipients><To>+4512345678</To><Cc>7007</Cc><Bcc>ops@vasp.example</Bcc></Recipients>"
                    + "</DeliverReq>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.sender()).isEqualTo(Mm7Address.number("13951234567"));
            assertThat(r.recipients().to()).containsExactly(Mm7Address.number("+4512345678"));
            assertThat(r.recipients().cc()).containsExactly(Mm7Address.shortCode("7007"));
            assertThat(r.recipients().bcc()).containsExactly(Mm7Address.rfc2822("ops@vasp.example"));
        }

        @Test
        void rfc822AddressSpelling() {
            String soap = envelope("t18", "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<Sender><RFC822Address>ann@example.net</RFC822Address></Sender></DeliverReq>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.sender()).isEqualTo(Mm7Address.rfc2822("ann@example.net"));
        }

        @Test
        void capitalisedBooleansAndReplyChargingFalse() {
            String soap = envelope("t19", "<SubmitReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<SenderIdentification><VASPID>v</VASPID></SenderIdentification>"
                    + "<Recipients><To><Number>1555</Number></To></Recipients>"
                    + "<ReplyCharging>False</ReplyCharging><DeliveryReport>True</DeliveryReport><ReadReply>False</ReadReply>"
                    + "</SubmitReq>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.field("DeliveryReport")).isEqualTo("true");
            assertThat(r.field("ReadReply")).isEqualTo("false");
            assertThat(r.replyCharging()).isNull();
        }

        @Test
        void transactionIdInAnotherNamespaceAndPadded() {
            String soap = envelope("x", deliverBody(null)).replace(
                    "<mm7:TransactionID xmlns:mm7=\"" + NS6 + "\" env:mustUnderstand=\"1\">x</mm7:TransactionID>",
                    "<t:TransactionID xmlns:t=\"" + Mm7Namespaces.SCHEMA_PREFIX + "REL-5-MM7-1-2\">\r\n     padded-42  \r\n</t:TransactionID>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.transactionId()).isEqualTo("padded-42");
            assertThat(r.transaction().namespace()).isEqualTo(NS6);
        }

        @Test
        void transactionIdWithXsiTypeAndActorAndWithoutMustUnderstand() {
            String soap = envelope("x", deliverBody(null)).replace("env:mustUnderstand=\"1\"",
                    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xsd:string\" env:actor=\"http://schemas.xmlsoap.org/soap/actor/next\"");
            assertThat(parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8)).transactionId()).isEqualTo("x");
        }

        @Test
        void missingTransactionId() {
            String soap = "<env:Envelope xmlns:env=\"" + Mm7Namespaces.SOAP_ENVELOPE + "\"><env:Header/><env:Body>"
                    + deliverBody(null) + "</env:Body></env:Envelope>";
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.transactionId()).isNull();
            assertThat(r.operation()).isEqualTo(Mm7Operation.DELIVER);
        }

        @Test
        void mm7DefaultNamespaceOnTheEnvelopeAndOtherSoapPrefix() {
            String soap = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + Mm7Namespaces.SOAP_ENVELOPE + "\" xmlns=\"" + NS6 + "\">"
                    + "<SOAP-ENV:Header><TransactionID>t22</TransactionID></SOAP-ENV:Header><SOAP-ENV:Body>"
                    + "<DeliverReq><MM7Version>6.8.0</MM7Version><Sender><Number>1</Number></Sender></DeliverReq>"
                    + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.transaction()).isEqualTo(new Mm7Transaction(NS6, "t22", "6.8.0"));
        }

        @Test
        void mm7PrefixEverywhere() {
            String soap = envelope("t23", "<mm7:DeliverReq xmlns:mm7=\"" + NS6 + "\"><mm7:MM7Version>6.8.0</mm7:MM7Version>"
                    + "<mm7:Sender><mm7:Number>1555</mm7:Number></mm7:Sender><mm7:Subject>s</mm7:Subject></mm7:DeliverReq>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.subject()).isEqualTo("s");
            assertThat(r.sender()).isEqualTo(Mm7Address.number("1555"));
        }

        @Test
        void bogusInstantcomNamespaceAndVersionOutsideTheEnumeration() {
            String ns = Mm7Namespaces.SCHEMA_PREFIX + "REL-6-MM7-6-7";
            String soap = envelope("t24", "<DeliverReq xmlns=\"" + ns + "\"><MM7Version>6.7.0</MM7Version>"
                    + "<Sender><Number>1</Number></Sender></DeliverReq>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.transaction()).isEqualTo(new Mm7Transaction(ns, "t24", "6.7.0"));

            String old = envelope("t25", "<DeliverReq xmlns=\"" + Mm7Namespaces.REL_5_MM7_1_0 + "\"><MM7Version>5.2.0</MM7Version>"
                    + "<Sender><Number>1</Number></Sender></DeliverReq>");
            assertThat(parser.parse("text/xml", old.getBytes(StandardCharsets.UTF_8)).transaction().mm7Version()).isEqualTo("5.2.0");
        }

        @Test
        void misspelledAndInventedElementsFromInstantcom() {
            String soap = envelope("t26", "<SubmitReq xmlns=\"" + NS6 + "\"><MM7Version>6.7.0</MM7Version>"
                    + "<SenderIdentification/><Recipients><To><Number>1555</Number></To></Recipients>"
                    + "<EarlistDeliveryTime>PT30M</EarlistDeliveryTime><ReplyChargingSize>300</ReplyChargingSize>"
                    + "<ReplyDeadline>P2D</ReplyDeadline><AuxApplicId>aux</AuxApplicId></SubmitReq>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.field("EarliestDeliveryTime")).isEqualTo("PT30M");
            assertThat(r.field("AuxApplicInfo")).isEqualTo("aux");
            assertThat(r.replyCharging()).isEqualTo(new ReplyCharging(300, "P2D"));
        }

        @Test
        void senderIdentificationInsideDeliverReqAndElementsOutOfOrder() {
            String soap = envelope("t27", "<DeliverReq xmlns=\"" + NS6 + "\"><Subject>late</Subject><MM7Version>6.8.0</MM7Version>"
                    + "<SenderIdentification><VASPID>vasp</VASPID><SenderAddress><ShortCode>4444</ShortCode></SenderAddress></SenderIdentification>"
                    + "</DeliverReq>");
            Mm7Request r = parser.parse("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(r.sender()).isEqualTo(Mm7Address.shortCode("4444"));
            assertThat(r.field("VASPID")).isEqualTo("vasp");
            assertThat(r.subject()).isEqualTo("late");
        }

        @Test
        void mimeFramingPreambleLeadingCrlfTrailingSpacesEpilogueAndNoFinalDelimiter() throws Exception {
            String soap = envelope("t28", deliverBody("cid:mm"));
            String body = "\r\nThis is a multi-part message in MIME format\r\n--b1   \r\n" + SOAP_HEADERS.replace("\n", "\r\n") + "\r\n\r\n" + soap
                    + "\r\n--b1 \r\n" + TEXT_HEADERS.replace("\n", "\r\n") + "\r\n\r\nhello MMS";
            Mm7Request r = parser.parse("multipart/related; boundary=b1; start=\"<soap>\"", body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.transactionId()).isEqualTo("t28");
            assertThat(raw(r.content())).startsWith("hello MMS");
        }

        @Test
        void epilogueAfterTheFinalDelimiter() throws Exception {
            byte[] base = swa("b1", SOAP_HEADERS, envelope("t29", deliverBody("cid:mm")), TEXT_HEADERS, "hello MMS", "\r\n");
            String body = new String(base, StandardCharsets.UTF_8) + "epilogue text\r\n";
            Mm7Request r = parser.parse("multipart/related; boundary=b1; start=\"<soap>\"", body.getBytes(StandardCharsets.UTF_8));
            assertThat(raw(r.content())).isEqualTo("hello MMS");
        }

        @Test
        void boundaryMissingFromTheHeaderIsTakenFromTheBody() {
            Mm7Request r = parseSwa("multipart/related; type=text/xml", SOAP_HEADERS, envelope("t30", deliverBody("cid:mm")),
                    TEXT_HEADERS, "\r\n");
            assertThat(r.transactionId()).isEqualTo("t30");
        }

        @Test
        void upperCaseBase64AndBinaryLabelled8bitStayIntact() throws Exception {
            byte[] gif = Samples.resource("pixel.gif");
            String b64 = Base64.getEncoder().encodeToString(gif);
            byte[] soapPart = ("--b1\r\n" + SOAP_HEADERS.replace("\n", "\r\n") + "\r\n\r\n" + envelope("t31", deliverBody("cid:mm")) + "\r\n").getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(soapPart);
            body.write(("--b1\r\nContent-Type: multipart/mixed; boundary=in\r\nContent-ID: <mm>\r\n\r\n"
                    + "--in\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: BASE64\r\n\r\n" + b64 + "\r\n"
                    + "--in\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(gif);
            body.write("\r\n--in--\r\n--b1--\r\n".getBytes(StandardCharsets.US_ASCII));

            Mm7Request r = parser.parse("multipart/related; boundary=b1; start=\"<soap>\"", body.toByteArray());
            var mixed = new MimeMultipart(new ByteArrayDataSource(
                    r.content().entity().rawBody(), r.content().entity().header("Content-Type")));
            assertThat(mixed.getBodyPart(0).getInputStream().readAllBytes()).isEqualTo(gif);
            assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(gif);
        }
    }

    @Nested
    class Rejections {

        private Mm7Exception rejection(String contentType, byte[] body) {
            try {
                parser.parse(contentType, body);
            } catch (Mm7Exception e) {
                return e;
            }
            throw new AssertionError("request was accepted");
        }

        @Test
        void illFormedXmlIs4004() {
            Mm7Exception e = rejection("text/xml", "<env:Envelope><oops".getBytes(StandardCharsets.UTF_8));
            assertThat(e.statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR);
            assertThat(e.getMessage()).startsWith("ill-formed XML");
        }

        @Test
        void brokenMimeFramingIs4004() {
            Mm7Exception e = rejection("multipart/related; boundary=zzz", "no delimiter anywhere".getBytes(StandardCharsets.UTF_8));
            assertThat(e.statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR);
            assertThat(e.getMessage()).startsWith("malformed MIME");
        }

        @Test
        void notAnEnvelopeIs4004() {
            assertThat(rejection("text/xml", "<hello/>".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR);
        }

        @Test
        void emptyBodyIs4004WithTheTransactionIdEchoed() {
            Mm7Exception e = rejection("text/xml", envelope("t40", "").getBytes(StandardCharsets.UTF_8));
            assertThat(e.statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR);
            assertThat(e.transaction().transactionId()).isEqualTo("t40");
        }

        @Test
        void missingMandatoryElementIs4004() {
            String soap = envelope("t41", "<DeliveryReportReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<Recipient><Number>1</Number></Recipient><Sender><Number>2</Number></Sender><MMStatus>Retrieved</MMStatus></DeliveryReportReq>");
            Mm7Exception e = rejection("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(e.statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR);
            assertThat(e.getMessage()).contains("MessageID");
            assertThat(e.transaction()).isEqualTo(new Mm7Transaction(NS6, "t41", "6.8.0"));
        }

        @Test
        void deliverReqWithoutSenderIs4004() {
            String soap = envelope("t42", "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version></DeliverReq>");
            assertThat(rejection("text/xml", soap.getBytes(StandardCharsets.UTF_8)).getMessage()).contains("Sender");
        }

        @Test
        void unknownOperationIs4003() {
            String soap = envelope("t43", "<GetDeviceProfileReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version></GetDeviceProfileReq>");
            Mm7Exception e = rejection("text/xml", soap.getBytes(StandardCharsets.UTF_8));
            assertThat(e.statusCode()).isEqualTo(StatusCode.UNSUPPORTED_OPERATION);
            assertThat(e.transaction().transactionId()).isEqualTo("t43");
        }

        @Test
        void unsupportedMajorVersionIs4002() {
            String soap = envelope("t44", "<DeliverReq xmlns=\"" + NS6 + "\"><MM7Version>7.0.0</MM7Version><Sender><Number>1</Number></Sender></DeliverReq>");
            assertThat(rejection("text/xml", soap.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(StatusCode.UNSUPPORTED_VERSION);
        }

        @Test
        void unknownMmStatusIs2007() {
            Mm7Exception e = rejection("text/xml", Samples.deliveryReport("Lost").getBytes(StandardCharsets.UTF_8));
            assertThat(e.statusCode()).isEqualTo(StatusCode.MESSAGE_FORMAT_CORRUPT);
        }

        @Test
        void badBooleanIs2007() {
            String soap = envelope("t45", "<SubmitReq xmlns=\"" + NS6 + "\"><MM7Version>6.8.0</MM7Version>"
                    + "<Recipients><To><Number>1</Number></To></Recipients><DeliveryReport>perhaps</DeliveryReport></SubmitReq>");
            assertThat(rejection("text/xml", soap.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(StatusCode.MESSAGE_FORMAT_CORRUPT);
        }

        @Test
        void doctypeAndExternalEntitiesAreRefused() {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + envelope("t46", deliverBody(null)).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "").replace("hello", "&e;");
            assertThat(rejection("text/xml", xxe.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR);
        }
    }
}
