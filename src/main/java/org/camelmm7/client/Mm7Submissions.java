package org.camelmm7.client;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.camelmm7.GatewayMessageIds;
import org.camelmm7.Mm7HttpExchange;
import org.camelmm7.email.MailSessions;
import org.camelmm7.email.OutboundMail;
import org.camelmm7.email.PickupFile;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.log.MmsEvent;
import org.camelmm7.log.MmsEventRecorder;
import org.camelmm7.log.MmsLogs;
import org.camelmm7.log.RecordType;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7ResponseParser;
import org.camelmm7.mm7.Mm7Writer;

/**
 * The edge between the client routes and the client's Java: a mail becomes one Submission per MM7
 * domain (refused recipients a bounce), a Submission becomes an HTTP request, and the MMSC's
 * answer becomes D, T or P in the MMS log (I and T in the bounce log) and, when final and
 * negative, a bounce mail for the spool.
 */
public final class Mm7Submissions {

    public static final String SUBMISSION = "mm7Submission";
    public static final String MMSC_URL = "mm7MmscUrl";
    public static final String REPORT_MAILS = "mm7ReportMails";
    public static final String FIRST_ATTEMPT = "mm7FirstAttempt";
    public static final String ATTEMPTS = "mm7SubmitAttempts";
    public static final String PICKUP_ENTRY = "mm7PickupEntry";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Mm7Submissions.class);

    private final List<Mm7Domain> domains;
    private final GatewayMessageIds ids;
    private final MmsLogs logs;
    private final ReportMails reports;
    private final SubmissionTracker tracker;
    private final PickupLedger ledger;
    private final Mm7Hooks hooks;
    private final int maximumRedeliveries;
    private final Duration expiry;
    private final Duration retention;
    private final Mm7ResponseParser responses = new Mm7ResponseParser();

    public Mm7Submissions(List<Mm7Domain> domains, GatewayMessageIds ids, MmsLogs logs, ReportMails reports,
                          SubmissionTracker tracker, PickupLedger ledger, Duration retention, Mm7Hooks hooks, int maximumRedeliveries,
                          Duration expiry) {
        this.ledger = ledger;
        this.hooks = hooks;
        this.maximumRedeliveries = maximumRedeliveries;
        this.expiry = expiry;
        this.domains = List.copyOf(domains);
        this.ids = ids;
        this.logs = logs;
        this.reports = reports;
        this.tracker = tracker;
        this.retention = retention;
    }

    /**
     * The picked-up mail as Submissions (the body becomes their list); bounces for refused
     * recipients. A mail taken up again after a restart keeps its gateway ID and first attempt.
     */
    public void prepare(Exchange exchange) throws MessagingException, IOException, SQLException {
        byte[] raw = rawMailOf(exchange);
        MimeMessage mail = new MimeMessage(MailSessions.PLAIN, new SharedByteArrayInputStream(raw));
        List<InternetAddress> envelope = envelopeOf(mail);
        InternetAddress sender = senderOf(mail);
        PickupLedger.Entry entry = ledger.claim(raw, ids.next(), Instant.now());
        if (entry.resumed()) {
            LOG.info("{} taken up again (first attempted {})", entry.gatewayId(), entry.firstAttempt());
        }
        exchange.setProperty(PICKUP_ENTRY, entry.key());
        exchange.setProperty(FIRST_ATTEMPT, entry.firstAttempt());
        String gatewayId = entry.gatewayId();
        ReportMails.Original original = new ReportMails.Original(sender, mail.getMessageID(), mail.getSubject(), Instant.now(), gatewayId);

        Map<Mm7Domain, List<InternetAddress>> byDomain = new LinkedHashMap<>();
        List<InternetAddress> refused = new ArrayList<>();
        for (InternetAddress recipient : envelope) {
            Mm7Domain domain = domains.stream().filter(d -> d.recipients().toMm7(recipient) != null).findFirst().orElse(null);
            if (domain == null) {
                refused.add(recipient);
            } else {
                byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(recipient);
            }
        }
        List<Submission> submissions = new ArrayList<>();
        for (Map.Entry<Mm7Domain, List<InternetAddress>> e : byDomain.entrySet()) {
            Mm7Domain domain = e.getKey();
            String txId = gatewayId + "-" + submissions.size();
            EmailToSubmitReq.Conversion conversion = new EmailToSubmitReq(domain.recipients(), domain.submitOptions(),
                    domain.namespace(), domain.version()).convert(mail, e.getValue(), txId, "mm7-content." + txId + "@camel-mm7-gateway");
            refused.addAll(conversion.refused());
            List<InternetAddress> accepted = e.getValue().stream().filter(a -> !conversion.refused().contains(a)).toList();
            List<SubmissionTracker.Recipient> to = accepted.stream()
                    .map(a -> new SubmissionTracker.Recipient(a.getAddress(), domain.recipients().toMm7(a).value())).toList();
            Mm7Request request = hooks.preSubmit().beforeSubmit(conversion.request(), mail);
            Submission s = new Submission(domain, request, new Mm7Writer(domain.writerOptions()).writeRequest(request),
                    gatewayId, sender.getAddress(), to, original);
            submissions.add(s);
            logs.record(RecordType.CONVERSION, event(s).error("email to mm7").build());
        }
        List<OutboundMail> bounces = new ArrayList<>();
        if (!refused.isEmpty()) {
            List<String> addresses = refused.stream().map(InternetAddress::getAddress).toList();
            for (String r : addresses) {
                logs.record(RecordType.BOUNCE_INBAND, MmsEvent.at(Instant.now()).messageId(gatewayId).sourceAddress(sender.getAddress())
                        .destinationAddress(r).domain(domainOf(r)).error("2002 Address Error: no MM7 domain serves this recipient").build());
            }
            bounces.add(reports.bounce(original, addresses, "2002 Address Error", "no MM7 domain serves this recipient", false));
        }
        exchange.setProperty(REPORT_MAILS, bounces);
        exchange.getMessage().setBody(submissions);
    }

    /** The Submission of the {@code mm7Submission} property as the HTTP POST to its MMSC. */
    public void toHttpRequest(Exchange exchange) {
        // from the property, not the body: a retry runs this again after the body became an answer
        Submission s = exchange.getProperty(SUBMISSION, Submission.class);
        exchange.setProperty(REPORT_MAILS, List.of());
        // counted here, in a property: the redelivery counter header goes with the headers cleared below
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
        exchange.setProperty(MMSC_URL, s.domain().mmscUrl() + (s.domain().mmscUrl().contains("?") ? "&" : "?")
                + "throwExceptionOnFailure=false&connectTimeout=5000&responseTimeout=" + s.domain().responseTimerSeconds() * 1000L);
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, s.body().contentType());
        message.setHeader("SOAPAction", "\"\"");
        if (s.domain().authorization() != null) {
            message.setHeader("Authorization", s.domain().authorization());
        }
        message.setBody(s.body().bytes());
    }

    /** D when accepted; a temporary answer throws to be retried; a permanent one gives P, I and a bounce. */
    public void outcome(Exchange exchange) throws MessagingException, SQLException {
        Submission s = exchange.getProperty(SUBMISSION, Submission.class);
        Integer http = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        SubmitOutcome outcome = hooks.handleSubmitRsp().afterSubmit(s.request(), SubmitOutcome.of(http == null ? 0 : http,
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), exchange.getMessage().getBody(byte[].class), responses,
                s.domain().permanentHttpStatuses()));
        switch (outcome.kind()) {
            case DELIVERED -> {
                if (outcome.messageId() != null) {
                    // committed before D is written: a D line in the log means the report will be matched
                    var vaspSender = s.request().senderIdentification() == null ? null : s.request().senderIdentification().senderAddress();
                    tracker.track(new SubmissionTracker.Tracked(outcome.messageId(), s.gatewayId(), s.sender(), s.submitted(),
                            vaspSender == null ? null : vaspSender.value(), s.original().subject(), s.original().messageId(), Instant.now()));
                }
                logs.record(RecordType.DELIVERY, event(s).remoteMessageId(outcome.messageId()).size((long) s.body().bytes().length).build());
            }
            case TEMPORARY -> {
                if (outcome.credentialsRefused()) {
                    LOG.error("MMSC of MM7 domain {} refuses the gateway's credentials ({}); the mail is retried: check "
                            + "mm7.client.domain.{}.basic-auth", s.domain().name(), outcome.reason(), s.domain().name());
                }
                throw new TemporarySubmitFailure(outcome.reason());
            }
            case PERMANENT -> failed(exchange, s, outcome.reason());
        }
    }

    /**
     * A DeliveryReportReq about one of our submissions: its latency and original gateway ID for the
     * S record, and for Expired, Rejected, Unrecognised or DeliveryConditionNotMet a bounce mail to
     * the original sender. Reports about unknown MessageIDs are answered all the same, and logged.
     */
    public void matchDeliveryReport(Exchange exchange) throws SQLException, MessagingException {
        Mm7Request report = exchange.getProperty(Mm7HttpExchange.REQUEST, Mm7Request.class);
        Optional<SubmissionTracker.Tracked> tracked = submissionOf(exchange, report);
        if (tracked.isEmpty()) {
            return;
        }
        SubmissionTracker.Tracked t = tracked.get();
        exchange.setProperty(MmsEventRecorder.DR_LATENCY, Duration.between(t.submittedAt(), Instant.now()).toSeconds());
        exchange.setProperty(MmsEventRecorder.ORIGINAL_GATEWAY_ID, t.gatewayId());
        boolean negative = MmsEventRecorder.NEGATIVE_STATUSES.contains(report.mmStatus());
        boolean bounce = hooks.handleDeliveryReport().onDeliveryReport(report, t, negative);
        String recipient = ReportedRecipient.mailAddressOf(t, report.recipient(), report.sender());
        // one bounce per recipient and outcome: MMSCs send the same report more than once
        if (negative && bounce && tracker.firstBounce(t.mmscMessageId(), recipient, report.mmStatus())) {
            exchange.setProperty(REPORT_MAILS, List.of(reports.bounce(original(t), List.of(recipient), report.mmStatus(),
                    report.statusText(), false)));
        }
    }

    /** A ReadReplyReq about one of our submissions: a read notification to the original sender. */
    public void matchReadReply(Exchange exchange) throws SQLException, MessagingException {
        Mm7Request reply = exchange.getProperty(Mm7HttpExchange.REQUEST, Mm7Request.class);
        Optional<SubmissionTracker.Tracked> tracked = submissionOf(exchange, reply);
        if (tracked.isEmpty()) {
            return;
        }
        Instant when = org.camelmm7.email.DeliverReqToEmail.sentAt(reply.timeStamp(), Instant.now());
        String recipient = ReportedRecipient.mailAddressOf(tracked.get(), reply.recipient(), reply.sender());
        exchange.setProperty(REPORT_MAILS, List.of(reports.readNotification(original(tracked.get()), recipient, reply.mmStatus(), when)));
    }

    /** The submission a report is about; none (logged) for an unknown MessageID. No report mail until one is made. */
    private Optional<SubmissionTracker.Tracked> submissionOf(Exchange exchange, Mm7Request report) throws SQLException {
        exchange.setProperty(REPORT_MAILS, List.of());
        Optional<SubmissionTracker.Tracked> tracked = tracker.find(report.messageId());
        if (tracked.isEmpty()) {
            LOG.info("{} for unknown MessageID {} ({})", report.operation().requestElement(), org.camelmm7.support.LogSafe.text(report.messageId()),
                    report.mmStatus());
        }
        return tracked;
    }

    /** Forgets submissions past the retention (mm7.client.tracking.retention-days). */
    public void purgeTracking() throws SQLException {
        int purged = tracker.purge(retention) + ledger.purge(retention);
        if (purged > 0) {
            LOG.info("forgot {} submission(s) older than {} days", purged, retention.toDays());
        }
    }

    private static ReportMails.Original original(SubmissionTracker.Tracked t) throws MessagingException {
        return new ReportMails.Original(new InternetAddress(t.sender(), false), t.originalMessageId(), t.subject(), t.submittedAt(),
                t.gatewayId());
    }

    /** T in the MMS log and T in the bounce log, before each retry. */
    public void deferred(Exchange exchange) {
        Submission s = exchange.getProperty(SUBMISSION, Submission.class);
        Exception cause = exchange.getException() != null ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (s == null) {
            return;
        }
        String reason = cause == null ? "temporary failure" : cause.getMessage();
        logs.record(RecordType.TEMPFAIL, event(s).status("temporary").error(reason).build());
        logs.record(RecordType.BOUNCE_TRANSIENT, event(s).error(reason).build());
    }

    /**
     * Whether a temporary failure is retried: fewer than {@code maximumRedeliveries} retries so far
     * and the first attempt less than {@code expiry} ago (mm7.client.retry.expiry-seconds).
     */
    public boolean worthRetrying(Exchange exchange) {
        int retries = exchange.getProperty(ATTEMPTS, 1, Integer.class) - 1;
        Instant first = exchange.getProperty(FIRST_ATTEMPT, Instant.class);
        return retries < maximumRedeliveries && (first == null || Instant.now().isBefore(first.plus(expiry)));
    }

    /** Every submission of the picked-up mail ended (delivered, bounced or refused): nothing left to resume. */
    public void finished(Exchange exchange) throws SQLException {
        String key = exchange.getProperty(PICKUP_ENTRY, String.class);
        if (key != null) {
            ledger.release(key);
        }
    }

    /** The retries ran out: a permanent failure. */
    public void expired(Exchange exchange) throws MessagingException {
        Submission s = exchange.getProperty(SUBMISSION, Submission.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        failed(exchange, s, "retries exhausted: " + (cause == null ? "temporary failures" : cause.getMessage()));
    }

    /** A report mail as a spool entry: named after its own gateway ID, in the pickup format. */
    public record SpoolEntry(String fileName, byte[] bytes) {
    }

    /** The bounce and read-notification mails of this exchange as entries for the spool. */
    public List<SpoolEntry> reportMailsAsSpoolEntries(Exchange exchange) throws IOException, MessagingException {
        List<SpoolEntry> entries = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<OutboundMail> bounces = exchange.getProperty(REPORT_MAILS, List.class);
        if (bounces != null) {
            for (OutboundMail bounce : bounces) {
                entries.add(new SpoolEntry(ReportMails.fileName(bounce), PickupFile.toBytes(bounce)));
            }
        }
        return entries;
    }

    private void failed(Exchange exchange, Submission s, String reason) throws MessagingException {
        logs.record(RecordType.PERMFAIL, event(s).status("permanent").error(reason).build());
        logs.record(RecordType.BOUNCE_INBAND, event(s).error(reason).build());
        List<OutboundMail> bounces = new ArrayList<>();
        if (s.domain().generateBounces()) {
            bounces.add(reports.bounce(s.original(), s.recipients(), reason, null, false));
        }
        exchange.setProperty(REPORT_MAILS, bounces);
    }

    private static MmsEvent.Builder event(Submission s) {
        return MmsEvent.at(Instant.now()).messageId(s.gatewayId()).transactionId(s.request().transactionId())
                .sourceAddress(s.sender()).destinationAddress(String.join(",", s.recipients()))
                .domain(s.domain().recipients().domain()).bindingGroup("mm7").binding(s.domain().name())
                .ip(hostOf(s.domain().mmscUrl()));
    }

    /** The picked-up mail's bytes: the file, or the message as the mail server holds it. */
    private static byte[] rawMailOf(Exchange exchange) throws MessagingException, IOException {
        if (exchange.getMessage() instanceof MailMessage mailMessage && mailMessage.getMessage() instanceof MimeMessage mime) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            mime.writeTo(out);
            return out.toByteArray();
        }
        return exchange.getMessage().getBody(byte[].class);
    }

    /** X-Receiver lines of a pickup file when present, else To, Cc and Bcc. */
    private static List<InternetAddress> envelopeOf(MimeMessage mail) throws MessagingException {
        List<InternetAddress> envelope = new ArrayList<>();
        String[] receivers = mail.getHeader("X-Receiver");
        if (receivers != null) {
            for (String r : receivers) {
                envelope.add(new InternetAddress(r.trim(), false));
            }
            return envelope;
        }
        Address[] all = mail.getAllRecipients();
        if (all != null) {
            for (Address a : all) {
                if (a instanceof InternetAddress ia && envelope.stream().noneMatch(e -> e.getAddress().equalsIgnoreCase(ia.getAddress()))) {
                    envelope.add(ia);
                }
            }
        }
        return envelope;
    }

    private static InternetAddress senderOf(MimeMessage mail) throws MessagingException {
        String[] sender = mail.getHeader("X-Sender");
        if (sender != null && !sender[0].isBlank() && !sender[0].trim().equals("<>")) {
            return new InternetAddress(sender[0].trim(), false);
        }
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0) {
            throw new MessagingException("the mail has no sender to report to");
        }
        return (InternetAddress) from[0];
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }

    private static String hostOf(String url) {
        try {
            return java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
