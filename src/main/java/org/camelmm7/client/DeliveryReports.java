package org.camelmm7.client;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import org.apache.camel.Exchange;
import org.camelmm7.client.tracking.SubmissionTracker;
import org.camelmm7.email.DeliverReqToEmail;
import org.camelmm7.email.MailExchange;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.MmStatuses;
import org.camelmm7.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeliveryReportReqs and ReadReplyReqs about our submissions: the submission found by MessageID
 * (its latency and gateway ID for the S record), the recipient the report is about, and the mail
 * to the original sender: a bounce for Expired, Rejected, Unrecognised or DeliveryConditionNotMet
 * (once per recipient and outcome, unless mm7HandleDeliveryReport says no), a read notification
 * for a read reply. Reports about unknown MessageIDs are answered all the same, and logged.
 */
public final class DeliveryReports {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReports.class);

    private final SubmissionTracker tracker;
    private final ReportMails reports;
    private final Mm7Hooks hooks;

    public DeliveryReports(SubmissionTracker tracker, ReportMails reports, Mm7Hooks hooks) {
        this.tracker = tracker;
        this.reports = reports;
        this.hooks = hooks;
    }

    public void matchDeliveryReport(Exchange exchange) throws SQLException, MessagingException {
        Mm7Request report = Mm7Exchange.REQUEST.get(exchange);
        Optional<TrackedSubmission> tracked = submissionOf(exchange, report);
        if (tracked.isEmpty()) {
            return;
        }
        TrackedSubmission t = tracked.get();
        Mm7Exchange.DR_LATENCY.set(exchange, Duration.between(t.submittedAt(), Instant.now()).toSeconds());
        Mm7Exchange.ORIGINAL_GATEWAY_ID.set(exchange, t.gatewayId());
        boolean negative = MmStatuses.isNegative(report.mmStatus());
        boolean bounce = hooks.handleDeliveryReport().onDeliveryReport(report, t, negative);
        String recipient = ReportedRecipient.mailAddressOf(t, report.recipient(), report.sender());
        // one bounce per recipient and outcome: MMSCs send the same report more than once
        if (negative && bounce && tracker.firstBounce(t.mmscMessageId(), recipient, report.mmStatus())) {
            MailExchange.REPORT_MAILS.set(exchange, List.of(reports.bounce(original(t), List.of(recipient), report.mmStatus(),
                    report.statusText(), false)));
        }
    }

    public void matchReadReply(Exchange exchange) throws SQLException, MessagingException {
        Mm7Request reply = Mm7Exchange.REQUEST.get(exchange);
        Optional<TrackedSubmission> tracked = submissionOf(exchange, reply);
        if (tracked.isEmpty()) {
            return;
        }
        Instant when = DeliverReqToEmail.sentAt(reply.timeStamp(), Instant.now());
        String recipient = ReportedRecipient.mailAddressOf(tracked.get(), reply.recipient(), reply.sender());
        MailExchange.REPORT_MAILS.set(exchange, List.of(reports.readNotification(original(tracked.get()), recipient, reply.mmStatus(), when)));
    }

    /** The submission a report is about; none (logged) for an unknown MessageID. No report mail until one is made. */
    private Optional<TrackedSubmission> submissionOf(Exchange exchange, Mm7Request report) throws SQLException {
        MailExchange.REPORT_MAILS.set(exchange, List.of());
        Optional<TrackedSubmission> tracked = tracker.find(report.messageId());
        if (tracked.isEmpty()) {
            LOG.info("{} for unknown MessageID {} ({})", report.operation().requestElement(), LogSafe.text(report.messageId()), report.mmStatus());
        }
        return tracked;
    }

    private static ReportMails.Original original(TrackedSubmission t) throws MessagingException {
        return new ReportMails.Original(new InternetAddress(t.sender(), false), t.originalMessageId(), t.subject(), t.submittedAt(),
                t.gatewayId());
    }
}
