package org.camelmm7.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.camelmm7.client.tracking.PickupLedger;
import org.camelmm7.email.MailSessions;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.hooks.SubmitRoute;
import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.SenderIdentification;
import org.camelmm7.support.GatewayMessageIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A picked-up mail as SubmitReqs: one per MM7 domain its recipients belong to, each through the
 * mm7PreSubmit extension point, written as it goes on the wire; recipients no domain serves are
 * refused. A mail taken up again after a restart keeps its gateway ID and first attempt.
 */
public final class MailToSubmitReqs {

    private static final Logger LOG = LoggerFactory.getLogger(MailToSubmitReqs.class);

    private final List<Mm7Domain> domains;
    private final GatewayMessageIds ids;
    private final PickupLedger ledger;
    private final Mm7Hooks hooks;

    public MailToSubmitReqs(List<Mm7Domain> domains, GatewayMessageIds ids, PickupLedger ledger, Mm7Hooks hooks) {
        this.domains = List.copyOf(domains);
        this.ids = ids;
        this.ledger = ledger;
        this.hooks = hooks;
    }

    /** The body becomes the mail's Submissions; the refused recipients and the original mail become properties. */
    public void prepare(Exchange exchange) throws MessagingException, IOException, SQLException {
        byte[] raw = rawMailOf(exchange);
        MimeMessage mail = new MimeMessage(MailSessions.PLAIN, new SharedByteArrayInputStream(raw));
        InternetAddress sender = senderOf(mail);
        PickupLedger.Entry entry = ledger.claim(raw, ids.next(), Instant.now());
        if (entry.resumed()) {
            LOG.info("{} taken up again (first attempted {})", entry.gatewayId(), entry.firstAttempt());
        }
        String gatewayId = entry.gatewayId();
        ReportMails.Original original = new ReportMails.Original(sender, mail.getMessageID(), mail.getSubject(), Instant.now(), gatewayId);

        Map<Mm7Domain, List<InternetAddress>> byDomain = new LinkedHashMap<>();
        List<InternetAddress> refused = new ArrayList<>();
        for (InternetAddress recipient : envelopeOf(mail)) {
            Mm7Domain domain = domains.stream().filter(d -> d.recipients().toMm7(recipient) != null).findFirst().orElse(null);
            if (domain == null) {
                refused.add(recipient);
            } else {
                byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(recipient);
            }
        }
        List<Submission> submissions = new ArrayList<>();
        for (Map.Entry<Mm7Domain, List<InternetAddress>> e : byDomain.entrySet()) {
            submissions.add(submission(mail, e.getKey(), e.getValue(), gatewayId + "-" + submissions.size(), original, refused));
        }
        Mm7Exchange.PICKED_UP_MAIL.set(exchange, mail);
        Mm7Exchange.PICKUP_ENTRY.set(exchange, entry.key());
        Mm7Exchange.FIRST_ATTEMPT.set(exchange, entry.firstAttempt());
        Mm7Exchange.GATEWAY_ID.set(exchange, gatewayId);
        ClientExchange.ORIGINAL_MAIL.set(exchange, original);
        Mm7Exchange.REFUSED_RECIPIENTS.set(exchange, refused.stream().map(InternetAddress::getAddress).toList());
        exchange.getMessage().setBody(submissions);
    }

    /**
     * The submission again, to another MM7 domain and recipients (Momentum's mm7_handle_submitRsp
     * rerouting), with a TransactionID of its own; recipients that domain cannot take are left out.
     */
    public Submission reroute(Exchange exchange, Submission from, SubmitRoute route) throws MessagingException, IOException {
        Mm7Domain domain = domains.stream().filter(d -> d.name().equals(route.mm7Domain())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("mm7HandleSubmitRsp rerouted to MM7 domain '" + route.mm7Domain()
                        + "', which mm7.client.domains does not name"));
        MimeMessage mail = Mm7Exchange.PICKED_UP_MAIL.get(exchange);
        List<InternetAddress> recipients = new ArrayList<>();
        List<InternetAddress> refused = new ArrayList<>();
        for (String address : route.recipients()) {
            InternetAddress recipient = new InternetAddress(address, true);
            (domain.recipients().toMm7(recipient) != null ? recipients : refused).add(recipient);
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("mm7HandleSubmitRsp rerouted to MM7 domain " + domain.name() + " without a recipient it takes");
        }
        Submission rerouted = submission(mail, domain, recipients, from.request().transactionId() + "-r" + Mm7Exchange.ATTEMPTS.get(exchange, 1),
                from.original(), refused);
        if (!refused.isEmpty()) {
            LOG.warn("{}: rerouted to MM7 domain {} without {}, which it does not take", from.gatewayId(), domain.name(), refused);
        }
        return rerouted;
    }

    /** The mail's SubmitReq for one MM7 domain's recipients, through mm7PreSubmit; those it cannot take go to {@code refused}. */
    private Submission submission(MimeMessage mail, Mm7Domain domain, List<InternetAddress> recipients, String txId, ReportMails.Original original,
                                  List<InternetAddress> refused) throws MessagingException, IOException {
        EmailToSubmitReq.Conversion conversion = new EmailToSubmitReq(domain.recipients(), domain.submitOptions(),
                domain.namespace(), domain.version()).convert(mail, recipients, txId, "mm7-content." + txId + "@camel-mm7-gateway");
        refused.addAll(conversion.refused());
        List<TrackedSubmission.Recipient> to = recipients.stream().filter(a -> !conversion.refused().contains(a))
                .map(a -> new TrackedSubmission.Recipient(a.getAddress(), domain.recipients().toMm7(a).value())).toList();
        Mm7Request request = hooks.preSubmit().beforeSubmit(conversion.request(), mail);
        InternetAddress sender = original.sender();
        return new Submission(domain, request, original.gatewayId(),
                sender.getAddress(), sourceAddress(request, mail, sender), to, original);
    }

    /** %sa as Momentum writes it for MT: MM7_Source_Address (the hook's), else the SenderAddress sent, else the mail's sender. */
    private String sourceAddress(Mm7Request request, MimeMessage mail, InternetAddress sender) {
        String source = hooks.preSubmit().sourceAddress(request, mail);
        if (source != null) {
            return source;
        }
        SenderIdentification identification = request.senderIdentification();
        return identification != null && identification.senderAddress() != null ? identification.senderAddress().value() : sender.getAddress();
    }

    /** The picked-up mail's bytes: the file, or the message as the mail server holds it. */
    private static byte[] rawMailOf(Exchange exchange) throws MessagingException, IOException {
        if (exchange.getMessage() instanceof MailMessage mailMessage && mailMessage.getMessage() instanceof MimeMessage mime) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
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
}
