package org.camelmm7.client;

import org.camelmm7.exchange.ExchangeKey;

/**
 * The exchange properties of a submission on its way whose types live in this package (the others are in
 * {@link org.camelmm7.exchange.Mm7Exchange}, whose rules hold here too: each named once, with its
 * writer and readers).
 */
public final class ClientExchange {

    private ClientExchange() {
    }

    /** Who to tell about the mail and what it was. MailToSubmitReqs writes; BounceMails reads. */
    public static final ExchangeKey<ReportMails.Original> ORIGINAL_MAIL = ExchangeKey.of("mm7OriginalMail", ReportMails.Original.class);
    /** Where the next attempt goes, when mm7HandleSubmitRsp rerouted this one. SubmitOutcomes writes; MmscRequests reads. */
    public static final ExchangeKey<Submission> NEXT_SUBMISSION = ExchangeKey.of("mm7NextSubmission", Submission.class);
    /** The SubmitReq this part of the split sends. The split writes; every submission step reads. */
    public static final ExchangeKey<Submission> SUBMISSION = ExchangeKey.of("mm7Submission", Submission.class);
}
