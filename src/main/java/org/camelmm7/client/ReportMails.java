package org.camelmm7.client;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.ReportMail;

/**
 * The mails the client sends back to the original sender: a bounce (RFC 3464 delivery status
 * notification) when an MMS could not be delivered, and a read notification (RFC 8098 message
 * disposition notification) when the handset reports it read or deleted. Both are
 * multipart/report with a readable first part, go out with the empty envelope sender {@code <>}
 * (so they never bounce back) and carry {@code Auto-Submitted: auto-replied}.
 */
public final class ReportMails {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final String reportingHost;
    private final String messageIdDomain;
    private final Supplier<String> ids;
    private final InternetAddress from;

    /**
     * @param reportingHost   the gateway's host name ({@code Reporting-MTA}) and the domain of MAILER-DAEMON
     * @param messageIdDomain the right-hand side of Message-IDs ({@code mm7.mail.message-id-domain})
     * @param ids             gateway message IDs: each report mail gets its own, as its Message-ID and spool file name
     */
    public ReportMails(String reportingHost, String messageIdDomain, Supplier<String> ids) throws MessagingException {
        this.reportingHost = reportingHost;
        this.messageIdDomain = messageIdDomain;
        this.ids = ids;
        this.from = new InternetAddress("MAILER-DAEMON@" + reportingHost);
        try {
            from.setPersonal("MMS Gateway", StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** What was submitted: whom to tell, the original mail's identity, and the gateway message ID (for the logs). */
    public record Original(InternetAddress sender, String messageId, String subject, Instant submittedAt, String gatewayId) {
    }

    /**
     * A bounce for the recipients an MMS did not reach.
     *
     * @param temporary whether the status is a delay ({@code Action: delayed}) rather than a failure
     * @param mm7Status the MM7 StatusCode or MMStatus, as the diagnostic (e.g. {@code 2002 Address Error}, {@code Expired})
     */
    public OutboundMail bounce(Original original, List<String> recipients, String mm7Status, String explanation, boolean temporary)
            throws MessagingException {
        String status = statusCode(mm7Status, temporary);
        StringBuilder human = new StringBuilder()
                .append("This is the MMS gateway at ").append(reportingHost).append(".\r\n\r\n")
                .append(temporary ? "Your message has not been delivered yet to:\r\n" : "Your message could not be delivered to:\r\n");
        recipients.forEach(r -> human.append("    ").append(r).append("\r\n"));
        human.append("\r\nReason: ").append(mm7Status).append(explanation == null || explanation.isBlank() ? "" : " (" + explanation + ")").append("\r\n");

        InternetHeaders perMessage = new InternetHeaders();
        perMessage.addHeader("Reporting-MTA", "dns; " + reportingHost);
        if (original.submittedAt() != null) {
            perMessage.addHeader("Arrival-Date", RFC_1123.format(original.submittedAt()));
        }
        StringBuilder fields = new StringBuilder(headerText(perMessage));
        for (String r : recipients) {
            fields.append("\r\nFinal-Recipient: rfc822; ").append(r)
                    .append("\r\nAction: ").append(temporary ? "delayed" : "failed")
                    .append("\r\nStatus: ").append(status)
                    .append("\r\nDiagnostic-Code: X-MM7; ").append(oneLine(mm7Status + (explanation == null ? "" : " " + explanation)))
                    .append("\r\n");
        }
        return report(original, "delivery-status", (temporary ? "Delayed MMS: " : "Undelivered MMS: ") + subjectOf(original),
                human.toString(), "message/delivery-status", fields.toString());
    }

    /** A read notification for {@code Read}, {@code Deleted} or {@code Indeterminate} from a ReadReplyReq. */
    public OutboundMail readNotification(Original original, String recipient, String mmStatus, Instant when) throws MessagingException {
        String disposition = switch (mmStatus) {
            case "Read" -> "displayed";
            case "Deleted" -> "deleted";
            default -> "processed";
        };
        String human = "Your MMS to " + recipient + " was " + ("Read".equals(mmStatus) ? "read" : mmStatus.toLowerCase())
                + (when == null ? "" : " on " + RFC_1123.format(when)) + ".\r\n";
        StringBuilder fields = new StringBuilder()
                .append("Reporting-UA: ").append(reportingHost).append("; camel-mm7-gateway\r\n")
                .append("Final-Recipient: rfc822; ").append(recipient).append("\r\n");
        if (original.messageId() != null) {
            fields.append("Original-Message-ID: ").append(original.messageId()).append("\r\n");
        }
        fields.append("Disposition: automatic-action/MDN-sent-automatically; ").append(disposition).append("\r\n");
        return report(original, "disposition-notification", "Read: " + subjectOf(original), human, "message/disposition-notification",
                fields.toString());
    }

    private OutboundMail report(Original original, String reportType, String subject, String human, String machineType, String machine)
            throws MessagingException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Auto-Submitted", "auto-replied");
        if (original.gatewayId() != null) {
            fields.put("X-MM7-Gateway-ID", original.gatewayId());
        }
        if (original.messageId() != null) {
            fields.put("In-Reply-To", original.messageId());
            fields.put("References", original.messageId());
        }
        return new ReportMail(from, original.sender(), subject, "<" + ids.get() + "@" + messageIdDomain + ">",
                fields, reportType, human, machineType, machine).write(Instant.now());
    }

    /** RFC 3463 status for an MM7 outcome: address errors 5.1.1, expiry 4.4.7/5.4.7, refused content 5.6.0, else x.0.0. */
    static String statusCode(String mm7Status, boolean temporary) {
        String s = mm7Status == null ? "" : mm7Status;
        String detail;
        if (s.startsWith("2002") || s.startsWith("2003") || s.startsWith("Unrecognised")) {
            detail = "1.1";
        } else if (s.startsWith("Expired")) {
            detail = "4.7";
        } else if (s.startsWith("2004")) {
            detail = "6.0";
        } else {
            detail = "0.0";
        }
        return (temporary ? "4." : "5.") + detail;
    }

    private static String subjectOf(Original original) {
        return original.subject() == null ? "(no subject)" : original.subject();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").trim();
    }

    private static String headerText(InternetHeaders headers) {
        StringBuilder sb = new StringBuilder();
        var lines = headers.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            sb.append(lines.nextElement()).append("\r\n");
        }
        return sb.toString();
    }
}
