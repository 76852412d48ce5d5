package org.camelmm7.client;

import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.camel.Exchange;
import org.camelmm7.email.MailExchange;
import org.camelmm7.exchange.Mm7Exchange;

/** The bounces of the client's own decisions: for recipients no MM7 domain serves, and for a submission given up. */
public final class BounceMails {

    private final ReportMails reports;

    public BounceMails(ReportMails reports) {
        this.reports = reports;
    }

    public void forRefusedRecipients(Exchange exchange) throws MessagingException {
        @SuppressWarnings("unchecked")
        List<String> refused = Mm7Exchange.REFUSED_RECIPIENTS.get(exchange, List.of());
        ReportMails.Original original = ClientExchange.ORIGINAL_MAIL.get(exchange);
        MailExchange.REPORT_MAILS.set(exchange, refused.isEmpty() ? List.of()
                : List.of(reports.bounce(original, refused, "2002 Address Error", "no MM7 domain serves this recipient", false)));
    }

    /** Unless the MM7 domain's {@code generate-bounces} is off. */
    public void forFailedSubmission(Exchange exchange) throws MessagingException {
        Submission s = ClientExchange.SUBMISSION.get(exchange);
        String reason = Mm7Exchange.SUBMIT_FAILURE.get(exchange);
        MailExchange.REPORT_MAILS.set(exchange, s.domain().generateBounces()
                ? List.of(reports.bounce(s.original(), s.recipients(), reason, null, false)) : List.of());
    }
}
