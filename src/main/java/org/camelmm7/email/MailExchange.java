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
    /** Bounces and read notifications to spool. The client's steps write; ReportMailSpooler reads. */
    public static final ExchangeKey<List<OutboundMail>> REPORT_MAILS = ExchangeKey.ofGeneric("mm7ReportMails", List.class);
}
