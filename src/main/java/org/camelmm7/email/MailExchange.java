package org.camelmm7.email;

import java.util.List;

import org.camelmm7.exchange.ExchangeKey;

/**
 * The exchange properties of the mail on its way whose types live in this package (the others are in
 * {@link org.camelmm7.exchange.Mm7Exchange}, whose rules hold here too: each named once, with its
 * writer and readers).
 */
public final class MailExchange {

    private MailExchange() {
    }

    /** The mail's envelope and IDs. DeliverReqSpooler and MailHandoff.readEnvelope write; the X, D, T and P records read. */
    public static final ExchangeKey<MailEnvelope> MAIL_ENVELOPE = ExchangeKey.of("mm7MailEnvelope", MailEnvelope.class);
    /** The spool entry (a {@code PickupMail}) handed to the mail leg in memory, kept to write it to the spool if delivery fails. InMemoryHandoff writes and reads. */
    public static final ExchangeKey<PickupMail> HANDED_OVER_ENTRY = ExchangeKey.of("mm7HandedOverEntry", PickupMail.class);
    /**
     * The spool entry as the mail leg took it (a {@code PickupMail}, a spool file, a broker message's
     * bytes): what a mail that cannot be delivered is set aside as, the body being the relay's message by
     * then (kept here rather than with Camel's useOriginalMessage, which copies every exchange's message
     * at its start, 2 % of a delivery report's CPU). MailHandoff.readEnvelope writes; MailHandoff.recordFailure reads.
     */
    public static final ExchangeKey<Object> SPOOLED_ENTRY = ExchangeKey.of("mm7SpooledEntry", Object.class);
    /** Bounces and read notifications to spool. The client's steps write; ReportMailSpooler reads. */
    public static final ExchangeKey<List<OutboundMail>> REPORT_MAILS = ExchangeKey.ofGeneric("mm7ReportMails", List.class);
}
