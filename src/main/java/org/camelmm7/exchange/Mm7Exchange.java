package org.camelmm7.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camelmm7.mm7.Mm7Operation;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Mm7Transaction;
import org.camelmm7.mm7.Mm7WriterOptions;
import org.camelmm7.mm7.SubmitOutcome;

    /**
 * Every exchange property and header that crosses a route boundary, with who writes it and who
 * reads it: the data contract of the routes in {@code src/main/resources/routes}. Java steps use
 * these constants; YAML steps use the names (they appear in {@code ${exchangeProperty.…}} there).
 */
public final class Mm7Exchange {

    private Mm7Exchange() {
    }

    // --- an MM7 request received on a VASP path (mm7-server.camel.yaml) -------------------------

    /** The VASP path the request came in on. VaspPathRoutes writes; the spool's mail, the logs and metrics read. */
    public static final ExchangeKey<String> VASP_PATH = ExchangeKey.of("mm7VaspPath", String.class);
        /** The parsed request (the MM7 data format's, changed by mm7RequestEval if it did). Mm7HttpExchange.accept writes; every step after it reads. */
    public static final ExchangeKey<Mm7Request> REQUEST = ExchangeKey.of("mm7Request", Mm7Request.class);
        /** The request's operation. Mm7HttpExchange.accept writes; the route's choice reads (through Mm7HttpExchange). */
    public static final ExchangeKey<Mm7Operation> OPERATION = ExchangeKey.of("mm7Operation", Mm7Operation.class);
        /** The mm7RequestEval extension point answered the request as delivered (no conversion). Mm7HttpExchange.accept writes. */
    public static final ExchangeKey<Boolean> ANSWERED_BY_HOOK = ExchangeKey.of("mm7AnsweredByHook", Boolean.class);
        /** The gateway message ID of the request ({@code %i}). Mm7HttpExchange.receive writes; the spool, logs read. */
    public static final ExchangeKey<String> GATEWAY_ID = ExchangeKey.of("mm7GatewayId", String.class);
        /** When the request arrived. Mm7HttpExchange.receive writes; the mail's Date, the R record and metrics read. */
    public static final ExchangeKey<Instant> RECEIVED_AT = ExchangeKey.of("mm7ReceivedAt", Instant.class);
        /** The peer's IP address. Mm7HttpExchange.receive writes; the logs read ({@code %H}). */
    public static final ExchangeKey<String> PEER = ExchangeKey.of("mm7Peer", String.class);
        /** The request body's size in bytes. Mm7HttpExchange.receive writes; the R record reads ({@code %B}). */
    public static final ExchangeKey<Long> REQUEST_SIZE = ExchangeKey.of("mm7RequestSize", Long.class);
        /** Another status to answer than 1000. The mm7RequestEval extension point writes; Mm7HttpExchange.answer reads. */
    public static final ExchangeKey<Mm7Status> RESPONSE_STATUS = ExchangeKey.of("mm7ResponseStatus", Mm7Status.class);
        /** A ServiceCode for the answer. The mm7RequestEval extension point writes; Mm7HttpExchange.answer reads. */
    public static final ExchangeKey<String> RESPONSE_SERVICE_CODE = ExchangeKey.of("mm7ResponseServiceCode", String.class);
        /** The request as received, when the mm7RequestEval extension point changed it (REQUEST holds the changed one). Mm7HttpExchange writes; the R record reads. */
    public static final ExchangeKey<Mm7Request> RECEIVED_REQUEST = ExchangeKey.of("mm7ReceivedRequest", Mm7Request.class);
        /** Header fields the mm7RequestEval extension point adds to the mail. Mm7HttpExchange writes; DeliverReqSpooler reads. */
    public static final ExchangeKey<Map<String, String>> MAIL_HEADERS = ExchangeKey.ofGeneric("mm7MailHeaders", Map.class);
        /** The status the MMSC was answered with, faults included. Mm7HttpExchange writes; the R record and metrics read. */
    public static final ExchangeKey<Mm7Status> ANSWERED = ExchangeKey.of("mm7AnsweredStatus", Mm7Status.class);
        /** What could be read of a refused request's transaction. Mm7HttpExchange.fault writes; the R record reads. */
    public static final ExchangeKey<Mm7Transaction> FAULT_TRANSACTION = ExchangeKey.of("mm7FaultTransaction", Mm7Transaction.class);

    // --- a mail on its way: spooled, then delivered (mail-delivery.camel.yaml) --------------------
        /** The mail endpoint's scheme ({@code file}, {@code smtp}). MailHandoff writes; the D, T and P records read ({@code %b}). */
    public static final ExchangeKey<String> MAIL_SCHEME = ExchangeKey.of("mm7MailScheme", String.class);
        /** The mail relay's host, none for a directory. MailHandoff writes; the D, T and P records read ({@code %H}). */
    public static final ExchangeKey<String> MAIL_HOST = ExchangeKey.of("mm7MailHost", String.class);
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

        /** Seconds from the submission to its delivery report ({@code %drl}). DeliveryReports writes; the S record reads. */
    public static final ExchangeKey<Long> DR_LATENCY = ExchangeKey.of("mm7DeliveryReportLatency", Long.class);
        /** The gateway message ID of the submission a report is about ({@code %I}). DeliveryReports writes; S and O read. */
    public static final ExchangeKey<String> ORIGINAL_GATEWAY_ID = ExchangeKey.of("mm7OriginalGatewayId", String.class);

    // --- a picked-up mail submitted to MMSCs (mm7-client.camel.yaml) -------------------------------

        /** The pickup ledger's key of the mail. MailToSubmitReqs writes; TrackedSubmissions.finished reads. */
    public static final ExchangeKey<String> PICKUP_ENTRY = ExchangeKey.of("mm7PickupEntry", String.class);
        /** The mail's first attempt, also before a restart. MailToSubmitReqs writes; SubmitOutcomes.worthRetrying reads. */
    public static final ExchangeKey<Instant> FIRST_ATTEMPT = ExchangeKey.of("mm7FirstAttempt", Instant.class);
        /** Recipients no MM7 domain serves. MailToSubmitReqs writes; the I records and the bounce read. */
    public static final ExchangeKey<List<String>> REFUSED_RECIPIENTS = ExchangeKey.ofGeneric("mm7RefusedRecipients", List.class);
        /** The picked-up mail, for a submission rerouted by mm7HandleSubmitRsp. MailToSubmitReqs writes and reads. */
    public static final ExchangeKey<MimeMessage> PICKED_UP_MAIL = ExchangeKey.of("mm7PickedUpMail", MimeMessage.class);
        /** The prefixes an MM7 domain's SubmitReq is written with. MmscRequests writes; the MM7 data format reads. */
    public static final ExchangeKey<Mm7WriterOptions> WRITER_OPTIONS = ExchangeKey.of("mm7WriterOptions", Mm7WriterOptions.class);
        /** Bytes the MM7 data format wrote last (the SubmitReq as sent). The data format writes; the D record reads ({@code %B}). */
    public static final ExchangeKey<Integer> MARSHALLED_BYTES = ExchangeKey.of("mm7MarshalledBytes", Integer.class);
        /** The Camel CXF endpoint of the submission's MMSC. MmscRequests writes; the toD step reads. */
    public static final ExchangeKey<String> MMSC_ENDPOINT = ExchangeKey.of("mm7MmscEndpoint", String.class);
        /** Attempts of this submission so far. MmscRequests writes; SubmitOutcomes.worthRetrying reads. */
    public static final ExchangeKey<Integer> ATTEMPTS = ExchangeKey.of("mm7SubmitAttempts", Integer.class);
        /** How the MMSC answered, after mm7HandleSubmitRsp. SubmitOutcomes.classify writes; the choice, D, tracking read. */
    public static final ExchangeKey<SubmitOutcome> SUBMIT_OUTCOME = ExchangeKey.of("mm7SubmitOutcome", SubmitOutcome.class);
        /** Why a submission is given up. SubmitOutcomes writes; the P and I records and the bounce read. */
    public static final ExchangeKey<String> SUBMIT_FAILURE = ExchangeKey.of("mm7SubmitFailure", String.class);

    // --- the MMS logs (mms-logs.camel.yaml) ------------------------------------------------------------

        /** The file endpoint a batch of log lines is appended to. The writer route sets and reads it. */
    public static final ExchangeKey<String> LOG_FILE = ExchangeKey.of("mm7LogFile", String.class);

    // --- the simulated MMSC ------------------------------------------------------------------------

        /** DeliveryReportReqs to post back. MmscSimulator.answer writes; the simulator's second route reads. */
    public static final ExchangeKey<List<String>> SIMULATED_DELIVERY_REPORTS = ExchangeKey.ofGeneric("simulatedDeliveryReports", List.class);
        /** The endpoint they are posted to. MmscSimulator.answer writes; the simulator's second route reads. */
    public static final ExchangeKey<String> SIMULATED_REPORT_ENDPOINT = ExchangeKey.of("mm7SimulatedReportEndpoint", String.class);

    /** What a management request names (a set-aside mail, a kept submission). ManagementRequests writes; the management routes read. */
    public static final ExchangeKey<String> MANAGED_ID = ExchangeKey.of("mm7ManagedId", String.class);
    /** The mstore bucket a management request names (optional). ManagementRequests writes; the management routes and KeptMail read. */
    public static final ExchangeKey<String> MANAGED_BUCKET = ExchangeKey.of("mm7ManagedBucket", String.class);
    /** Who asked, for the log line each management action leaves. ManagementRequests writes; the management routes read. */
    public static final ExchangeKey<String> OPERATOR = ExchangeKey.of("mm7Operator", String.class);
}
