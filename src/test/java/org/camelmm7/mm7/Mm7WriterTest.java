package org.camelmm7.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelmm7.mm7.Samples.NS6;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Mm7WriterTest {

    private final Mm7Writer writer = new Mm7Writer();
    private final Mm7RequestParser parser = new Mm7RequestParser();
    private final Mm7Transaction tx = new Mm7Transaction(Mm7Namespaces.REL_5_MM7_1_0, "tx-9", "5.3.0");

    @ParameterizedTest
    @EnumSource(Mm7Operation.class)
    void everyResponseIsInTheRequestNamespaceWithItsTransactionIdAndVersion(Mm7Operation op) {
        String xml = writer.writeResponse(new Mm7Response(op, tx, Mm7Status.of(StatusCode.SUCCESS), "mid-1", "svc")).asString();

        assertThat(xml).contains("<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">");
        assertThat(xml).contains("<mm7:TransactionID xmlns:mm7=\"" + Mm7Namespaces.REL_5_MM7_1_0 + "\" env:mustUnderstand=\"1\">tx-9</mm7:TransactionID>");
        assertThat(xml).contains("<" + op.responseElement() + " xmlns=\"" + Mm7Namespaces.REL_5_MM7_1_0 + "\">");
        assertThat(xml).contains("<MM7Version>5.3.0</MM7Version>");
        assertThat(xml).contains("<Status><StatusCode>1000</StatusCode><StatusText>Success</StatusText></Status>");
        assertThat(xml.contains("<MessageID>mid-1</MessageID>")).isEqualTo(op == Mm7Operation.SUBMIT || op == Mm7Operation.EXTENDED_REPLACE);
        assertThat(xml.contains("<ServiceCode>svc</ServiceCode>")).isEqualTo(op == Mm7Operation.DELIVER);
        assertThat(xml).doesNotContain("\n\n").contains("\r\n");
    }

    @Test
    void schemaOrderOfSubmitRspAndExtendedReplaceRsp() {
        String submit = writer.writeResponse(new Mm7Response(Mm7Operation.SUBMIT, tx, Mm7Status.of(StatusCode.SUCCESS), "m", null)).asString();
        assertThat(submit.indexOf("<Status>")).isLessThan(submit.indexOf("<MessageID>"));
        String replace = writer.writeResponse(new Mm7Response(Mm7Operation.EXTENDED_REPLACE, tx, Mm7Status.of(StatusCode.SUCCESS), "m", null)).asString();
        assertThat(replace.indexOf("<MessageID>")).isLessThan(replace.indexOf("<Status>"));
    }

    @Test
    void clientFaultCarriesVaspErrorRsp() {
        Mm7HttpBody fault = writer.writeFault(tx, Mm7Status.of(StatusCode.VALIDATION_ERROR, "missing Sender"), true);

        assertThat(fault.contentType()).isEqualTo("text/xml; charset=\"utf-8\"");
        assertThat(fault.asString())
                .contains("<env:Fault>", "<faultcode>env:Client</faultcode>", "<faultstring>Client error</faultstring>",
                        "<detail>", "<VASPErrorRsp xmlns=\"" + Mm7Namespaces.REL_5_MM7_1_0 + "\">",
                        "<StatusCode>4004</StatusCode><StatusText>Validation error</StatusText><Details>missing Sender</Details>",
                        ">tx-9</mm7:TransactionID>");
    }

    @Test
    void serverFaultForServiceUnavailableAndRsErrorRspForTheMmscSide() {
        String fault = writer.writeFault(Mm7Transaction.UNKNOWN, Mm7Status.of(StatusCode.SERVICE_UNAVAILABLE), false).asString();
        assertThat(fault).contains("<faultcode>env:Server</faultcode>", "<RSErrorRsp xmlns=\"" + NS6 + "\">", "<StatusCode>4006</StatusCode>");
        assertThat(fault).doesNotContain("TransactionID");
    }

    @Test
    void escapesTextAndAlwaysFillsStatusText() {
        String xml = writer.writeResponse(new Mm7Response(Mm7Operation.DELIVER, tx, new Mm7Status(2007, "", "a<b & \"c\""), null, null)).asString();
        assertThat(xml).contains("<StatusText>Message format corrupt</StatusText>", "<Details>a&lt;b &amp; \"c\"</Details>");
    }

    @Test
    void prefixesAreConfigurable() {
        Mm7Writer prefixed = new Mm7Writer(new Mm7WriterOptions("soapenv", "m", true));
        String xml = prefixed.writeResponse(new Mm7Response(Mm7Operation.DELIVER, tx, Mm7Status.of(StatusCode.SUCCESS), null, null)).asString();
        assertThat(xml).contains("<soapenv:Envelope", "<m:DeliverRsp xmlns:m=\"", "<m:MM7Version>5.3.0</m:MM7Version>", "soapenv:mustUnderstand=\"1\"");
    }

    @ParameterizedTest
    @EnumSource(Mm7Operation.class)
    void everyRequestReadsBackAsWritten(Mm7Operation op) throws Exception {
        Mm7Request.Builder b = Mm7Request.builder(op).transaction(new Mm7Transaction(NS6, "rt-" + op, "6.8.0"));
        for (String name : op.schemaOrder()) {
            switch (name) {
                case "MM7Version", "Content" -> { }
                case "SenderIdentification" -> b.senderIdentification(new SenderIdentification("vasp", "vas", Mm7Address.shortCode("28444")));
                case "Recipients" -> b.recipients(new Mm7Recipients(List.of(Mm7Address.number("15551234567")),
                        List.of(Mm7Address.rfc2822("cc@example.net").asDisplayOnly()), List.of(Mm7Address.rfc2822("bcc@example.net"))));
                case "Sender" -> b.sender(Mm7Address.number("15550000001"));
                case "Recipient" -> b.recipient(Mm7Address.rfc2822("r@example.net"));
                case "ReplyCharging" -> b.replyCharging(new ReplyCharging(300, "P10D"));
                case "DeliveryCondition" -> b.deliveryConditions(List.of(1, 2));
                case "UACapabilities" -> b.field("UACapabilities@UAProf", "http://ua.example/prof.xml");
                case "DeliveryReport", "ReadReply", "DistributionIndicator", "DRMContent" -> b.field(name, "true");
                case "MMStatus" -> b.field(name, op == Mm7Operation.READ_REPLY ? "Read" : "Retrieved");
                default -> b.field(name, "v-" + name);
            }
        }
        MimeEntity content = null;
        if (op.schemaOrder().contains("Content")) {
            byte[] part = "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\nbinary\u00ffbytes"
                    .getBytes(StandardCharsets.ISO_8859_1);
            content = MimeEntity.parse(part, 0, part.length, MimeEntity.Limits.DEFAULT);
            b.content(new Mm7Content("cid:part-1@test", true, content));
        }
        Mm7Request written = b.build();

        Mm7HttpBody body = writer.writeRequest(written);
        Mm7Request read = parser.parse(body.contentType(), body.bytes());

        assertThat(read.operation()).isEqualTo(op);
        assertThat(read.transaction()).isEqualTo(written.transaction());
        assertThat(read.fields()).isEqualTo(written.fields());
        assertThat(read.recipients()).isEqualTo(written.recipients());
        assertThat(read.sender()).isEqualTo(written.sender());
        assertThat(read.recipient()).isEqualTo(written.recipient());
        assertThat(read.replyCharging()).isEqualTo(written.replyCharging());
        assertThat(read.deliveryConditions()).isEqualTo(written.deliveryConditions());
        if (op.schemaOrder().contains("SenderIdentification")) {
            assertThat(read.senderIdentification()).isEqualTo(written.senderIdentification());
        }
        if (content != null) {
            assertThat(body.contentType()).startsWith("multipart/related; boundary=\"").contains("type=\"text/xml\"", "start=\"<");
            assertThat(body.asString()).contains("href=\"cid:part-1@test\"", "Content-ID: <part-1@test>");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            read.content().entity().rawBody().transferTo(raw);
            assertThat(raw.toByteArray()).isEqualTo("binary\u00ffbytes".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            assertThat(body.contentType()).isEqualTo(Mm7Writer.XML_CONTENT_TYPE);
        }
    }

    @Test
    void rewritingAParsedDeliverReqKeepsTheContentBytes() throws Exception {
        Mm7Request parsed = parser.parse(Samples.deliverReqContentType(), Samples.deliverReq());
        Mm7HttpBody again = writer.writeRequest(parsed);
        Mm7Request reread = parser.parse(again.contentType(), again.bytes());

        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        parsed.content().entity().rawBody().transferTo(a);
        reread.content().entity().rawBody().transferTo(b);
        assertThat(b.toByteArray()).isEqualTo(a.toByteArray());
        assertThat(reread.subject()).isEqualTo(parsed.subject());
    }
}
