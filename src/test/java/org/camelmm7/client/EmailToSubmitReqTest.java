package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Namespaces;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7RequestParser;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.ReplyCharging;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.Test;

class EmailToSubmitReqTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private final RecipientMapping mapping = new RecipientMapping("mms.example.com", "+");
    private final SubmitOptions options = new SubmitOptions("vasp-1", "vas-1", Mm7Address.shortCode("28444"), "svc-9", "Personal",
            true, true, true, 300, "P10D", true, "+", null);

    private static MimeMessage mail(String subject, boolean withPhoto) throws Exception {
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom("ann@example.org");
        m.setRecipients(Message.RecipientType.TO, "15551234567@mms.example.com, bob@elsewhere.example");
        m.setRecipients(Message.RecipientType.CC, "12345@mms.example.com");
        m.setSubject(subject, "UTF-8");
        if (!withPhoto) {
            m.setText("Hello from mail", "UTF-8");
            return m;
        }
        m.setContent(TestMails.textAndPhoto("Grüße", "ISO-8859-1"));
        m.saveChanges();
        return m;
    }

    private static List<InternetAddress> envelope(String... addresses) throws Exception {
        return Arrays.stream(addresses).map(a -> {
            try {
                return new InternetAddress(a);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void recipientsOfTheDomainBecomeNumbersShortCodesAndEmailAddressesOthersAreRefused() throws Exception {
        EmailToSubmitReq.Conversion c = new EmailToSubmitReq(mapping, options, Mm7Namespaces.REL_6_MM7_1_4, "6.8.0").convert(
                mail("hi", false), envelope("15551234567@mms.example.com", "12345@mms.example.com", "carol=example.net@mms.example.com",
                        "bob@elsewhere.example", "nonsense@mms.example.com"), "tx-1", "c1@gw");
        assertThat(c.request().recipients().to()).containsExactly(Mm7Address.number("+15551234567"));
        assertThat(c.request().recipients().cc()).containsExactly(Mm7Address.shortCode("12345"));
        assertThat(c.request().recipients().bcc()).containsExactly(Mm7Address.rfc2822("carol@example.net"));
        assertThat(c.refused()).extracting(InternetAddress::getAddress).containsExactly("bob@elsewhere.example", "nonsense@mms.example.com");
    }

    @Test
    void everyOptionAppearsInTheSubmitReqAndSurvivesTheWire() throws Exception {
        Mm7Request request = new EmailToSubmitReq(mapping, options, Mm7Namespaces.REL_5_MM7_1_0, "5.3.0")
                .convert(mail("Grüße aus Köln", true), envelope("15551234567@mms.example.com"), "tx-2", "c2@gw").request();
        Mm7HttpBody wire = new Mm7Writer().writeRequest(request);
        Mm7Request read = new Mm7RequestParser().parse(wire.contentType(), wire.bytes());

        assertThat(read.transaction().namespace()).isEqualTo(Mm7Namespaces.REL_5_MM7_1_0);
        assertThat(read.transaction().mm7Version()).isEqualTo("5.3.0");
        assertThat(read.transactionId()).isEqualTo("tx-2");
        assertThat(read.senderIdentification().vaspId()).isEqualTo("vasp-1");
        assertThat(read.senderIdentification().vasId()).isEqualTo("vas-1");
        assertThat(read.senderIdentification().senderAddress()).isEqualTo(Mm7Address.shortCode("28444"));
        assertThat(read.field("ServiceCode")).isEqualTo("svc-9");
        assertThat(read.field("MessageClass")).isEqualTo("Personal");
        assertThat(read.field("DeliveryReport")).isEqualTo("true");
        assertThat(read.field("ReadReply")).isEqualTo("true");
        assertThat(read.replyCharging()).isEqualTo(new ReplyCharging(300, "P10D"));
        assertThat(read.subject()).isEqualTo("Grüße aus Köln");
        assertThat(wire.asString()).contains("href=\"cid:c2@gw\"", "Content-ID: <c2@gw>");

        MimeMultipart mixed = new MimeMultipart(new ByteArrayDataSource(read.content().entity().rawBody(),
                read.content().entity().header("Content-Type")));
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).getContent()).isEqualTo("Grüße");
        assertThat(mixed.getBodyPart(1).getHeader("Content-Location")[0]).isEqualTo("pixel.gif");
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        mixed.getBodyPart(1).getInputStream().transferTo(gif);
        assertThat(gif.toByteArray()).isEqualTo(Samples.resource("pixel.gif"));
    }

    @Test
    void aPlainTextMailIsASingleTextPartUnlessSimpleMimeIsOff() throws Exception {
        Mm7Request simple = new EmailToSubmitReq(mapping, options, Mm7Namespaces.REL_6_MM7_1_4, "6.8.0")
                .convert(mail("s", false), envelope("15551234567@mms.example.com"), "t", "c3@gw").request();
        assertThat(simple.content().entity().header("Content-Type")).startsWith("text/plain");

        SubmitOptions wrapped = new SubmitOptions(null, null, null, null, null, false, false, false, null, null, false, null, null);
        Mm7Request multipart = new EmailToSubmitReq(mapping, wrapped, Mm7Namespaces.REL_6_MM7_1_4, "6.8.0")
                .convert(mail("s", false), envelope("15551234567@mms.example.com"), "t", "c4@gw").request();
        Mm7HttpBody wire = new Mm7Writer().writeRequest(multipart);
        assertThat(wire.asString()).contains("multipart/mixed").doesNotContain("<DeliveryReport>", "<ReadReply>", "<ReplyCharging");
        assertThat(new String(wire.bytes(), StandardCharsets.UTF_8)).contains("Hello from mail");
    }
}
