package org.camelmm7.log;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.camelmm7.client.ClientExchange;
import org.camelmm7.client.ReportMails;
import org.camelmm7.client.Submission;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.ops.GatewayMetrics;
import org.camelmm7.mm7.SubmitOutcome;
import org.camelmm7.support.LogSafe;

/**
 * The MM7 client's records: {@code X} when a mail became a SubmitReq, {@code D} when the MMSC
 * accepted it, {@code T} in both logs before each retry, {@code P} and {@code I} when it is given
 * up, and {@code I} for recipients no MM7 domain serves. Like {@link MmsEventRecorder} it only
 * formats and queues, and never throws.
 */
public final class SubmissionRecorder {

    private static final String NO_DOMAIN = "2002 Address Error: no MM7 domain serves this recipient";

    private final MmsLogs logs;
    private final GatewayMetrics metrics;

    public SubmissionRecorder(MmsLogs logs, GatewayMetrics metrics) {
        this.logs = logs;
        this.metrics = metrics;
    }

    /** {@code X}: the mail became this SubmitReq. */
    public void converted(Exchange exchange) {
        MmsEventRecorder.safely(() -> logs.record(RecordType.CONVERSION, event(submission(exchange)).error("email to mm7").build()));
    }

    /** {@code I} for each recipient no MM7 domain serves. */
    public void refusedRecipients(Exchange exchange) {
        MmsEventRecorder.safely(() -> {
            @SuppressWarnings("unchecked")
            List<String> refused = Mm7Exchange.REFUSED_RECIPIENTS.get(exchange, List.of());
            ReportMails.Original original = ClientExchange.ORIGINAL_MAIL.get(exchange);
            for (String r : refused) {
                logs.record(RecordType.BOUNCE_INBAND, MmsEvent.at(Instant.now()).messageId(original.gatewayId())
                        .sourceAddress(original.sender().getAddress()).destinationAddress(r).domain(r.substring(r.lastIndexOf('@') + 1))
                        .error(NO_DOMAIN).build());
            }
        });
    }

    /** {@code D}: the MMSC accepted the SubmitReq ({@code %rm} is its MessageID). */
    public void delivered(Exchange exchange) {
        MmsEventRecorder.safely(() -> {
            Submission s = submission(exchange);
            SubmitOutcome outcome = Mm7Exchange.SUBMIT_OUTCOME.get(exchange);
            Integer written = Mm7Exchange.MARSHALLED_BYTES.get(exchange);
            logs.record(RecordType.DELIVERY, event(s).remoteMessageId(outcome.messageId()).size(written == null ? null : written.longValue()).build());
            metrics.submission(s.domain().name(), "delivered");
        });
    }

    /** {@code T} in the MMS log and in the bounce log, before each retry. */
    public void deferred(Exchange exchange) {
        MmsEventRecorder.safely(() -> {
            Submission s = submission(exchange);
            if (s == null) {
                return;
            }
            Throwable cause = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            String reason = cause == null ? "temporary failure" : LogSafe.reason(cause);
            logs.record(RecordType.TEMPFAIL, event(s).status("temporary").error(reason).build());
            logs.record(RecordType.BOUNCE_TRANSIENT, event(s).error(reason).build());
            metrics.submission(s.domain().name(), "deferred");
        });
    }

    /** {@code P} in the MMS log and {@code I} in the bounce log: the submission is given up. */
    public void failed(Exchange exchange) {
        MmsEventRecorder.safely(() -> {
            Submission s = submission(exchange);
            String reason = Mm7Exchange.SUBMIT_FAILURE.get(exchange);
            logs.record(RecordType.PERMFAIL, event(s).status("permanent").error(reason).build());
            logs.record(RecordType.BOUNCE_INBAND, event(s).error(reason).build());
            metrics.submission(s.domain().name(), "failed");
        });
    }

    private static Submission submission(Exchange exchange) {
        return ClientExchange.SUBMISSION.get(exchange);
    }

    private static MmsEvent.Builder event(Submission s) {
        return MmsEvent.at(Instant.now()).messageId(s.gatewayId()).transactionId(s.request().transactionId())
                .sourceAddress(s.sourceAddress()).destinationAddress(String.join(",", s.recipients()))
                .domain(s.domain().recipients().domain()).bindingGroup("mm7").binding(s.domain().name())
                .ip(hostOf(s.domain().mmscUrl()));
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
