package org.camelmm7.exchange;

/**
 * Every exchange property and header that crosses a route boundary, with who writes it and who
 * reads it: the data contract of the routes in {@code src/main/resources/routes}. Java steps use
 * these constants; YAML steps use the names (they appear in {@code ${exchangeProperty.…}} there).
 */
public final class Mm7Exchange {

    private Mm7Exchange() {
    }

    // --- an MM7 request received on a VASP path (mm7-server.camel.yaml) -------------------------

    /** {@code String}: the VASP path the request came in on. VaspPathRoutes writes; the spool's mail, the logs and metrics read. */
    public static final String VASP_PATH = "mm7VaspPath";
    /** {@code Mm7Request}: the parsed request (the MM7 data format's, changed by mm7RequestEval if it did). Mm7HttpExchange.accept writes; every step after it reads. */
    public static final String REQUEST = "mm7Request";
    /** {@code Mm7Operation}: the request's operation. Mm7HttpExchange.accept writes; the route's choice reads (through Mm7HttpExchange). */
    public static final String OPERATION = "mm7Operation";
    /** {@code Boolean}: the mm7RequestEval extension point answered the request as delivered (no conversion). Mm7HttpExchange.accept writes. */
    public static final String ANSWERED_BY_HOOK = "mm7AnsweredByHook";
    /** {@code String}: the gateway message ID of the request ({@code %i}). Mm7HttpExchange.receive writes; the spool, logs read. */
    public static final String GATEWAY_ID = "mm7GatewayId";
    /** {@code Instant}: when the request arrived. Mm7HttpExchange.receive writes; the mail's Date, the R record and metrics read. */
    public static final String RECEIVED_AT = "mm7ReceivedAt";
    /** {@code String}: the peer's IP address. Mm7HttpExchange.receive writes; the logs read ({@code %H}). */
    public static final String PEER = "mm7Peer";
    /** {@code Long}: the request body's size in bytes. Mm7HttpExchange.receive writes; the R record reads ({@code %B}). */
    public static final String REQUEST_SIZE = "mm7RequestSize";
    /** {@code Mm7Status}: another status to answer than 1000. The mm7RequestEval extension point writes; Mm7HttpExchange.answer reads. */
    public static final String RESPONSE_STATUS = "mm7ResponseStatus";
    /** {@code String}: a ServiceCode for the answer. The mm7RequestEval extension point writes; Mm7HttpExchange.answer reads. */
    public static final String RESPONSE_SERVICE_CODE = "mm7ResponseServiceCode";
    /** {@code Mm7Request}: the request as received, when the mm7RequestEval extension point changed it (REQUEST holds the changed one). Mm7HttpExchange writes; the R record reads. */
    public static final String RECEIVED_REQUEST = "mm7ReceivedRequest";
    /** {@code Map<String, String>}: header fields the mm7RequestEval extension point adds to the mail. Mm7HttpExchange writes; DeliverReqSpooler reads. */
    public static final String MAIL_HEADERS = "mm7MailHeaders";
    /** {@code Mm7Status}: the status the MMSC was answered with, faults included. Mm7HttpExchange writes; the R record and metrics read. */
    public static final String ANSWERED = "mm7AnsweredStatus";
    /** {@code Mm7Transaction}: what could be read of a refused request's transaction. Mm7HttpExchange.fault writes; the R record reads. */
    public static final String FAULT_TRANSACTION = "mm7FaultTransaction";

    // --- a mail on its way: spooled, then delivered (mail-delivery.camel.yaml) --------------------

    /** {@code MailEnvelope}: the mail's envelope and IDs. DeliverReqSpooler and MailHandoff.readEnvelope write; the X, D, T and P records read. */
    public static final String MAIL_ENVELOPE = "mm7MailEnvelope";
    /** The spool entry (a {@code PickupMail}) handed to the mail leg in memory, kept to write it to the spool if delivery fails. InMemoryHandoff writes and reads. */
    public static final String HANDED_OVER_ENTRY = "mm7HandedOverEntry";
    /** {@code String}: the mail endpoint's scheme ({@code file}, {@code smtp}). MailHandoff writes; the D, T and P records read ({@code %b}). */
    public static final String MAIL_SCHEME = "mm7MailScheme";
    /** {@code String}: the mail relay's host, none for a directory. MailHandoff writes; the D, T and P records read ({@code %H}). */
    public static final String MAIL_HOST = "mm7MailHost";
    /** Header, {@code String}: why a mail was set aside. MailHandoff.recordFailure writes; the set-aside route's ERROR line reads. */
    public static final String FAILURE_REASON_HEADER = "Mm7FailureReason";
    /** Header, {@code String}: the spool entry's gateway ID, carried along by a message spool (JMS). DeliverReqSpooler writes. */
    public static final String GATEWAY_ID_HEADER = "Mm7GatewayId";
    /**
     * Header, {@code String}: the spool entry's name (its file name in a directory spool), carried along by a message
     * spool, whose JMS properties cannot carry Camel's own headers. The spool-entry route writes; MailHandoff.readEnvelope reads.
     */
    public static final String SPOOL_ENTRY_HEADER = "Mm7SpoolEntry";

    // --- delivery reports and read replies about our submissions ----------------------------------

    /** {@code Long}: seconds from the submission to its delivery report ({@code %drl}). DeliveryReports writes; the S record reads. */
    public static final String DR_LATENCY = "mm7DeliveryReportLatency";
    /** {@code String}: the gateway message ID of the submission a report is about ({@code %I}). DeliveryReports writes; S and O read. */
    public static final String ORIGINAL_GATEWAY_ID = "mm7OriginalGatewayId";
    /** {@code List<OutboundMail>}: bounces and read notifications to spool. The client's steps write; ReportMailSpooler reads. */
    public static final String REPORT_MAILS = "mm7ReportMails";

    // --- a picked-up mail submitted to MMSCs (mm7-client.camel.yaml) -------------------------------

    /** {@code String}: the pickup ledger's key of the mail. MailToSubmitReqs writes; TrackedSubmissions.finished reads. */
    public static final String PICKUP_ENTRY = "mm7PickupEntry";
    /** {@code Instant}: the mail's first attempt, also before a restart. MailToSubmitReqs writes; SubmitOutcomes.worthRetrying reads. */
    public static final String FIRST_ATTEMPT = "mm7FirstAttempt";
    /** {@code Original}: who to tell about the mail and what it was. MailToSubmitReqs writes; BounceMails reads. */
    public static final String ORIGINAL_MAIL = "mm7OriginalMail";
    /** {@code List<String>}: recipients no MM7 domain serves. MailToSubmitReqs writes; the I records and the bounce read. */
    public static final String REFUSED_RECIPIENTS = "mm7RefusedRecipients";
    /** {@code MimeMessage}: the picked-up mail, for a submission rerouted by mm7HandleSubmitRsp. MailToSubmitReqs writes and reads. */
    public static final String PICKED_UP_MAIL = "mm7PickedUpMail";
    /** {@code Mm7WriterOptions}: the prefixes an MM7 domain's SubmitReq is written with. MmscRequests writes; the MM7 data format reads. */
    public static final String WRITER_OPTIONS = "mm7WriterOptions";
    /** {@code Integer}: bytes the MM7 data format wrote last (the SubmitReq as sent). The data format writes; the D record reads ({@code %B}). */
    public static final String MARSHALLED_BYTES = "mm7MarshalledBytes";
    /** {@code Submission}: where the next attempt goes, when mm7HandleSubmitRsp rerouted this one. SubmitOutcomes writes; MmscRequests reads. */
    public static final String NEXT_SUBMISSION = "mm7NextSubmission";
    /** {@code Submission}: the SubmitReq this part of the split sends. The split writes; every submission step reads. */
    public static final String SUBMISSION = "mm7Submission";
    /** {@code String}: the Camel CXF endpoint of the submission's MMSC. MmscRequests writes; the toD step reads. */
    public static final String MMSC_ENDPOINT = "mm7MmscEndpoint";
    /** {@code Integer}: attempts of this submission so far. MmscRequests writes; SubmitOutcomes.worthRetrying reads. */
    public static final String ATTEMPTS = "mm7SubmitAttempts";
    /** {@code SubmitOutcome}: how the MMSC answered, after mm7HandleSubmitRsp. SubmitOutcomes.classify writes; the choice, D, tracking read. */
    public static final String SUBMIT_OUTCOME = "mm7SubmitOutcome";
    /** {@code String}: why a submission is given up. SubmitOutcomes writes; the P and I records and the bounce read. */
    public static final String SUBMIT_FAILURE = "mm7SubmitFailure";

    // --- the MMS logs (mms-logs.camel.yaml) ------------------------------------------------------------

    /** {@code String}: the file endpoint a batch of log lines is appended to. The writer route sets and reads it. */
    public static final String LOG_FILE = "mm7LogFile";

    // --- the simulated MMSC ------------------------------------------------------------------------

    /** {@code List<String>}: DeliveryReportReqs to post back. MmscSimulator.answer writes; the simulator's second route reads. */
    public static final String SIMULATED_DELIVERY_REPORTS = "simulatedDeliveryReports";
    /** {@code String}: the endpoint they are posted to. MmscSimulator.answer writes; the simulator's second route reads. */
    public static final String SIMULATED_REPORT_ENDPOINT = "mm7SimulatedReportEndpoint";
}
