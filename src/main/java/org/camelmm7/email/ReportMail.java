package org.camelmm7.email;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

/**
 * A multipart/report mail (RFC 6522: a readable part, then the machine-readable one, such as an
 * RFC 3464 delivery status or an RFC 8098 disposition notification), written by the same writer as
 * every other mail the gateway sends, with the null reverse path {@code <>} so it never bounces
 * back. It is returned as it will be relayed: read back from the bytes written.
 *
 * @param fields header fields after From, To, Subject, Date and Message-ID, in order (unstructured text, encoded where it is not ASCII)
 */
public record ReportMail(InternetAddress from, InternetAddress to, String subject, String messageId, Map<String, String> fields,
                         String reportType, String readable, String machineType, String machineReadable) {

    public OutboundMail write(Instant date) throws MessagingException {
        try {
            ChunkedBuffer buffer = new ChunkedBuffer();
            MailWriter mail = new MailWriter(buffer);
            mail.utf8(PickupFile.envelopeLines(null, List.of(to.getAddress())));
            mail.addresses("From", List.of(from)).addresses("To", List.of(to)).text("Subject", subject).date(date)
                    .field("Message-ID", messageId);
            for (Map.Entry<String, String> field : fields.entrySet()) {
                mail.text(field.getKey(), field.getValue());
            }
            mail.field("MIME-Version", "1.0").multipart("multipart/report; report-type=" + reportType, "----=_report_" + messageId.replaceAll("[^A-Za-z0-9.-]", ""));
            mail.part().textBody(readable, true);
            mail.part().field("Content-Type", machineType).field("Content-Transfer-Encoding", "7bit").newline().ascii(machineReadable);
            mail.endMultipart();
            return PickupFile.read(buffer.asInputStream());
        } catch (IOException impossible) {
            throw new IllegalStateException("writing to memory failed", impossible);
        }
    }
}
