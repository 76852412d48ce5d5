package org.camelmm7.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMultipart;

import org.camelmm7.CapturedLog;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Exception;
import org.camelmm7.mm7.Mm7Operation;
import org.camelmm7.mm7.Mm7Recipients;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7RequestParser;
import org.camelmm7.mm7.Samples;
import org.camelmm7.mm7.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliverReqToEmailTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T12:00:00Z");
    private static final ReceivedRequest META = new ReceivedRequest("gw-1", "/photo_contest/", RECEIVED, "127.0.0.1");

    private final EmailAddressRules withDomains = new EmailAddressRules("gateway@vasp.example", "mms.operator.example",
            "inbox@vasp.example", "vasp.example");
    private final EmailAddressRules addressesOnly = new EmailAddressRules("gateway@vasp.example", null, "inbox@vasp.example", null);

    private static Mm7Request sample() {
        return new Mm7RequestParser().parse(Samples.deliverReqContentType(), Samples.deliverReq());
    }

    private static Mm7Request deliver(Mm7Address sender, Mm7Recipients recipients) {
        return Mm7Request.builder(Mm7Operation.DELIVER).sender(sender).recipients(recipients).transactionId("t").build();
    }

    private static List<String> emails(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    @Test
    void numbersAndShortCodesTakeTheConfiguredDomains() throws Exception {
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(sample(), META).bytes());

        assertThat(mail.getFrom()[0].toString()).isEqualTo("+15551234567@mms.operator.example");
        assertThat(emails(mail.getRecipients(Message.RecipientType.TO))).containsExactly("12345@vasp.example");
        assertThat(mail.getRecipients(Message.RecipientType.CC)[0].toString()).isEqualTo("Photo Desk <photos@newsroom.example>");
        assertThat(emails(mail.getAllRecipients())).containsExactly("12345@vasp.example", "photos@newsroom.example");
    }

    @Test
    void withoutDomainsNumbersBecomeTheDefaultAddressWithTheNumberAsDisplayName() throws Exception {
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(addressesOnly, "gw.example").convert(sample(), META).bytes());

        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("gateway@vasp.example");
        assertThat(from.getPersonal()).isEqualTo("+15551234567");
        InternetAddress to = (InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo("inbox@vasp.example");
        assertThat(to.getPersonal()).isEqualTo("12345");
    }

    @Test
    void anRfc2822SenderIsUsedAsItIsWithItsDisplayName() throws Exception {
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example")
                .convert(deliver(Mm7Address.rfc2822("\"Ann Example\" <ann@example.net>"), Mm7Recipients.to(Mm7Address.rfc2822("bob@example.org"))), META).bytes());
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Ann Example <ann@example.net>");
        assertThat(emails(mail.getAllRecipients())).containsExactly("bob@example.org");
    }

    @Test
    void withoutRecipientsTheMailGoesToTheDefaultToAddress() throws Exception {
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(deliver(Mm7Address.number("1"), Mm7Recipients.NONE), META).bytes());
        assertThat(emails(mail.getRecipients(Message.RecipientType.TO))).containsExactly("inbox@vasp.example");
        assertThat(emails(mail.getAllRecipients())).containsExactly("inbox@vasp.example");
    }

    @Test
    void withoutRecipientsAndWithoutADefaultAddressTheRequestIsAnAddressError() {
        EmailAddressRules domainOnly = new EmailAddressRules(null, "a.example", null, "b.example");
        assertThatThrownBy(() -> new DeliverReqToEmail(domainOnly, "gw.example").convert(deliver(Mm7Address.number("1"), Mm7Recipients.NONE), META))
                .isInstanceOf(Mm7Exception.class)
                .satisfies(e -> assertThat(((Mm7Exception) e).statusCode()).isEqualTo(StatusCode.ADDRESS_ERROR));
    }

    @Test
    void bccIsOnTheEnvelopeOnlyAndDisplayOnlyInTheHeadersOnly() throws Exception {
        Mm7Recipients recipients = new Mm7Recipients(
                List.of(Mm7Address.rfc2822("to@example.org"), Mm7Address.rfc2822("shown@example.org").asDisplayOnly()),
                List.of(Mm7Address.number("+4917000")),
                List.of(Mm7Address.rfc2822("hidden@example.org")));
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(deliver(Mm7Address.number("1"), recipients), META).bytes());

        assertThat(emails(mail.getRecipients(Message.RecipientType.TO))).containsExactly("to@example.org", "shown@example.org");
        assertThat(emails(mail.getRecipients(Message.RecipientType.CC))).containsExactly("+4917000@vasp.example");
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(emails(mail.getAllRecipients())).containsExactly("to@example.org", "+4917000@vasp.example", "hidden@example.org");
    }

    @Test
    void headersSubjectDateMessageIdAndTraceHeaders() throws Exception {
        Mm7Request r = Mm7Request.builder(Mm7Operation.DELIVER).sender(Mm7Address.number("1")).transactionId("tx-7")
                .field("Subject", "Grüße aus Köln").field("TimeStamp", "2026-11-25T10:15:30+01:00").field("LinkedID", "L1")
                .field("MMSRelayServerID", "relay-1").field("Priority", "High").build();
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(r, META).bytes());

        assertThat(mail.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(mail.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-25T09:15:30Z"));
        assertThat(mail.getMessageID()).isEqualTo("<gw-1@gw.example>");
        assertThat(mail.getHeader("X-MM7-TransactionID", null)).isEqualTo("tx-7");
        assertThat(mail.getHeader("X-MM7-LinkedID", null)).isEqualTo("L1");
        assertThat(mail.getHeader("X-MM7-MMSRelayServerID", null)).isEqualTo("relay-1");
        assertThat(mail.getHeader("X-MM7-Priority", null)).isEqualTo("High");
        assertThat(mail.getHeader("X-Priority", null)).isEqualTo("1 (Highest)");
        assertThat(mail.getHeader("X-MM7-VASP-Path", null)).isEqualTo("/photo_contest/");
        assertThat(mail.getHeader("X-MM7-Gateway-ID", null)).isEqualTo("gw-1");
    }

    @Test
    void withoutTimeStampTheDateIsTheReceiptTime() throws Exception {
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(deliver(Mm7Address.number("1"), Mm7Recipients.NONE), META).bytes());
        assertThat(mail.getSentDate().toInstant()).isEqualTo(RECEIVED);
    }

    @Test
    void anUnreadableTimeStampGivesTheReceiptTimeAndOneWarning() throws Exception {
        Mm7Request request = Mm7Request.builder(Mm7Operation.DELIVER).sender(Mm7Address.number("1")).recipients(Mm7Recipients.NONE)
                .transactionId("t").field("TimeStamp", "yesterday\r\nat noon").build();
        try (CapturedLog log = CapturedLog.start()) {
            OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(request, META).bytes());
            assertThat(mail.getSentDate().toInstant()).isEqualTo(RECEIVED);
            assertThat(log.lines()).singleElement().satisfies(l -> assertThat(l.message())
                    .isEqualTo("TimeStamp 'yesterday\\r\\nat noon' is not an xs:dateTime: the receipt time 2026-11-25T12:00:00Z is used"));
        }
    }

    @Test
    void textIsInlineAndDecodedMediaAndSmilAreAttachmentsWithTheirBytes() throws Exception {
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(sample(), META).bytes());
        OutboundMail reread = PickupFile.read(PickupFile.toBytes(mail));

        MimeMultipart mixed = (MimeMultipart) reread.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(3);
        BodyPart smil = mixed.getBodyPart(2);
        assertThat(smil.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(smil.getFileName()).isEqualTo("presentation.smil");
        assertThat(smil.getContentType()).startsWith("application/smil");
        BodyPart text = mixed.getBodyPart(0);
        assertThat(text.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(text.getContent()).isEqualTo("Sunset over the harbour \u2014 taken at 19:02.");
        BodyPart gif = mixed.getBodyPart(1);
        assertThat(gif.getFileName()).isEqualTo("pixel.gif");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        gif.getInputStream().transferTo(bytes);
        assertThat(bytes.toByteArray()).isEqualTo(Samples.resource("pixel.gif"));
    }

    @Test
    void attachmentsNamedInRfc2231KeepTheirNames() throws Exception {
        for (String named : List.of("Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC-photo.jpg",
                "Content-Disposition: attachment; filename*0*=UTF-8''%E2%82%AC-; filename*1=photo.jpg",
                "Content-Disposition: attachment;\n filename*=utf-8'en'%E2%82%AC-photo.jpg")) {
            byte[] body = Samples.swa("b", "Content-Type: text/xml\nContent-ID: <soap>", Samples.envelope("t", Samples.deliverBody("cid:mm")),
                    "Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\nContent-ID: <mm>\n" + named, "/9j/4AAQ", "\r\n");
            Mm7Request r = new Mm7RequestParser().parse("multipart/related; boundary=b; start=\"<soap>\"", body);
            OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(r, META).bytes());
            BodyPart photo = ((MimeMultipart) mail.getContent()).getBodyPart(0);
            assertThat(photo.getFileName()).as(named).isEqualTo("\u20ac-photo.jpg");
        }
    }

    @Test
    void aSingleTextPartBecomesAPlainTextMail() throws Exception {
        byte[] body = Samples.swa("b", "Content-Type: text/xml\nContent-ID: <soap>", Samples.envelope("t", Samples.deliverBody("cid:mm")),
                "Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\nContent-ID: <mm>", "Gr=FC=DFe", "\r\n");
        Mm7Request r = new Mm7RequestParser().parse("multipart/related; boundary=b; start=\"<soap>\"", body);
        OutboundMail mail = PickupFile.read(new DeliverReqToEmail(withDomains, "gw.example").convert(r, META).bytes());
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(mail.getContent()).isEqualTo("Grüße");
    }

    @Test
    void thePickupFileCarriesTheEnvelopeAndReadsBackWithoutIt() throws Exception {
        Mm7Recipients recipients = new Mm7Recipients(List.of(Mm7Address.rfc2822("to@example.org")), List.of(),
                List.of(Mm7Address.rfc2822("hidden@example.org")));
        byte[] file = new DeliverReqToEmail(withDomains, "gw.example").convert(deliver(Mm7Address.number("1"), recipients), META).bytes();
        String text = new String(file, StandardCharsets.UTF_8);

        assertThat(text).startsWith("X-Sender: 1@mms.operator.example\r\nX-Receiver: to@example.org\r\nX-Receiver: hidden@example.org\r\n");
        assertThat(text).doesNotContain("Bcc:").contains("Message-ID: <gw-1@gw.example>");
        OutboundMail reread = PickupFile.read(file);
        assertThat(emails(reread.getAllRecipients())).containsExactly("to@example.org", "hidden@example.org");
        assertThat(reread.getEnvelopeSender().getAddress()).isEqualTo("1@mms.operator.example");
        assertThat(reread.getHeader("X-Receiver")).isNull();
        reread.saveChanges();
        assertThat(reread.getMessageID()).isEqualTo("<gw-1@gw.example>");
    }

    @Test
    void aMailOverAMegabyteKeepsTheRestInItsSpillFileAndReadsBackTheSameBytes(@TempDir Path spool) throws Exception {
        byte[] image = new byte[3_000_000];
        new Random(3).nextBytes(image);
        Mm7Request big = new Mm7RequestParser().parse(Samples.bigDeliverReqContentType(),
                Samples.bigDeliverReq(image));
        byte[] inMemory = new DeliverReqToEmail(withDomains, "gw.example").convert(big, META).bytes();

        PickupMail spilled = new DeliverReqToEmail(withDomains, "gw.example", spool).convert(big, META);
        Path file = spool.resolve(".gw-1.spill");
        assertThat(spilled.spilled()).isTrue();
        assertThat(spilled.bytes()).isEqualTo(inMemory);
        // at most a megabyte in memory: the write that crosses it goes to the file whole
        assertThat(Files.size(file)).isBetween(inMemory.length - PickupMail.LARGEST_IN_MEMORY, inMemory.length - 1L);
        ByteArrayOutputStream gathered = new ByteArrayOutputStream();
        for (ByteBuffer b : spilled.buffers()) {
            byte[] part = new byte[b.remaining()];
            b.get(part);
            gathered.writeBytes(part);
        }
        assertThat(gathered.toByteArray()).isEqualTo(inMemory);
        spilled.release();
        assertThat(file).doesNotExist();

        // a small mail stays in memory; content that cannot be read leaves no spill file behind
        assertThat(new DeliverReqToEmail(withDomains, "gw.example", spool).convert(sample(), META).spilled()).isFalse();
        byte[] broken = Samples.bigDeliverReq(image);
        broken[broken.length - 100] = '*';
        Mm7Request unreadable = new Mm7RequestParser().parse(Samples.bigDeliverReqContentType(), broken);
        assertThatThrownBy(() -> new DeliverReqToEmail(withDomains, "gw.example", spool).convert(unreadable, META))
                .isInstanceOf(Mm7Exception.class);
        try (var left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void startupRefusesRulesThatCannotAddressNumbers() {
        assertThatThrownBy(() -> new EmailAddressRules(null, null, "a@b.example", null))
                .hasMessageContaining("mm7.server.default-email-from-address");
        assertThatThrownBy(() -> new EmailAddressRules("a@b.example", null, "not an address", null))
                .hasMessageContaining("mm7.server.default-email-to-address");
    }
}
