package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.junit.jupiter.api.Test;

/** Bounces (RFC 3464) and read notifications (RFC 8098). */
class ReportMailsTest {

    private final ReportMails reports;
    private final ReportMails.Original original;

    ReportMailsTest() throws Exception {
        AtomicInteger n = new AtomicInteger();
        reports = new ReportMails("gw.example", "ids.example", () -> "report-" + n.incrementAndGet());
        original = new ReportMails.Original(new InternetAddress("ann@example.org"), "<orig-1@example.org>", "Holiday photo",
                Instant.parse("2026-11-25T10:00:00Z"), "gw-77");
    }

    /**
     * The mail as it leaves the spool: written in the pickup format and read back. (GreenMail refuses
     * {@code MAIL FROM:<>}, so the null reverse path is checked on the message, not over SMTP.)
     */
    private static MimeMessage throughTheSpool(OutboundMail mail) throws Exception {
        OutboundMail spooled = PickupFile.read(PickupFile.toBytes(mail));
        assertThat(spooled.getEnvelopeFrom()).isEqualTo("<>");
        assertThat(spooled.getAllRecipients()).extracting(Object::toString).containsExactly("ann@example.org");
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(PickupFile.toBytes(spooled)));
    }

    @Test
    void aBounceIsAMultipartReportWithDeliveryStatusAndANullReversePath() throws Exception {
        OutboundMail bounce = reports.bounce(original, List.of("15551234567@mms.example.com"), "2002 Address Error", "unknown number", false);
        assertThat(PickupFile.toBytes(bounce)).startsWith("X-Sender: <>\r\n".getBytes());

        MimeMessage received = throughTheSpool(bounce);
        assertThat(received.getSubject()).isEqualTo("Undelivered MMS: Holiday photo");
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(received.getHeader("X-MM7-Gateway-ID", null)).isEqualTo("gw-77");
        assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<orig-1@example.org>");
        assertThat(received.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        MimeMultipart report = (MimeMultipart) received.getContent();
        assertThat((String) report.getBodyPart(0).getContent()).contains("could not be delivered", "15551234567@mms.example.com", "2002 Address Error");
        BodyPart status = report.getBodyPart(1);
        assertThat(status.getContentType()).startsWith("message/delivery-status");
        String fields = new String(status.getInputStream().readAllBytes());
        assertThat(fields).contains("Reporting-MTA: dns; gw.example", "Final-Recipient: rfc822; 15551234567@mms.example.com",
                "Action: failed", "Status: 5.1.1", "Diagnostic-Code: X-MM7; 2002 Address Error unknown number");
    }

    @Test
    void anExpiredDeliveryReportBouncesWith547AndATemporaryFailureIsADelay() throws Exception {
        String expired = new String(reports.bounce(original, List.of("1@mms.example.com"), "Expired", null, false)
                .getContent() instanceof MimeMultipart m ? m.getBodyPart(1).getInputStream().readAllBytes() : new byte[0]);
        assertThat(expired).contains("Status: 5.4.7", "Action: failed");
        OutboundMail delay = reports.bounce(original, List.of("1@mms.example.com"), "4006 Service unavailable", null, true);
        assertThat(delay.getSubject()).startsWith("Delayed MMS");
        String fields = new String(((MimeMultipart) delay.getContent()).getBodyPart(1).getInputStream().readAllBytes());
        assertThat(fields).contains("Action: delayed", "Status: 4.0.0");
    }

    @Test
    void aReadNotificationIsADispositionNotification() throws Exception {
        OutboundMail read = reports.readNotification(original, "15551234567@mms.example.com", "Read", Instant.parse("2026-11-25T11:00:00Z"));
        MimeMessage received = throughTheSpool(read);
        assertThat(received.getSubject()).isEqualTo("Read: Holiday photo");
        assertThat(received.getContentType()).contains("report-type=disposition-notification");
        MimeMultipart report = (MimeMultipart) received.getContent();
        assertThat((String) report.getBodyPart(0).getContent()).contains("was read on Wed, 25 Nov 2026 11:00:00 GMT");
        String fields = new String(report.getBodyPart(1).getInputStream().readAllBytes());
        assertThat(fields).contains("Final-Recipient: rfc822; 15551234567@mms.example.com", "Original-Message-ID: <orig-1@example.org>",
                "Disposition: automatic-action/MDN-sent-automatically; displayed");
    }
}
