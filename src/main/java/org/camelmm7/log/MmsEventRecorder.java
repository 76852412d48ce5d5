package org.camelmm7.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.camelmm7.email.MailEnvelope;
import org.camelmm7.email.MailExchange;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7Request;
import org.camelmm7.mm7.Mm7Status;
import org.camelmm7.mm7.Mm7Transaction;
import org.camelmm7.mm7.MmStatuses;
import org.camelmm7.ops.GatewayMetrics;
import org.slf4j.LoggerFactory;

/**
 * Turns what the routes know into MMS events and records them. Each method only formats and
 * queues (the file is written by the log writer route), so a route can call it inline without
 * being slowed or failed: it never throws.
 *
 * <p>What each field holds in each record: docs/logs.md.
 */
public final class MmsEventRecorder {

    private static final String DEFAULT_GROUP = "default";

    private final MmsLogs logs;
    private final GatewayMetrics metrics;

    public MmsEventRecorder(MmsLogs logs, GatewayMetrics metrics) {
        this.logs = logs;
        this.metrics = metrics;
    }

    /** {@code R}: an MM7 request answered, with the status we answered (faults included). */
    public void reception(Exchange exchange) {
        safely(() -> {
            // the request as received, before any change of the mm7RequestEval extension point
            Mm7Request asReceived = Mm7Exchange.RECEIVED_REQUEST.get(exchange);
            Mm7Request request = asReceived != null ? asReceived : Mm7Exchange.REQUEST.get(exchange);
            Mm7Status status = Mm7Exchange.ANSWERED.get(exchange);
            Mm7Transaction tx = request != null ? request.transaction()
                    : Mm7Exchange.FAULT_TRANSACTION.get(exchange, Mm7Transaction.UNKNOWN);
            MmsEvent.Builder e = inbound(exchange)
                    .size(Mm7Exchange.REQUEST_SIZE.get(exchange))
                    .transactionId(tx.transactionId());
            if (request != null) {
                e.sourceAddress(address(senderOf(request))).destinationAddress(destinations(request)).domain(request.mmsRelayServerId());
            }
            if (status != null) {
                e.status(Integer.toString(status.code())).error(status.details() != null ? status.details() : status.text());
            }
            logs.record(RecordType.RECEPTION, e.build());
            Instant received = Mm7Exchange.RECEIVED_AT.get(exchange);
            metrics.request(Mm7Exchange.VASP_PATH.get(exchange),
                    request != null ? request.operation().requestElement() : "unreadable", status == null ? 0 : status.code(),
                    received == null ? null : Duration.between(received, Instant.now()));
        });
    }

    /** {@code X}: a DeliverReq converted to e-mail and spooled. */
    public void conversion(Exchange exchange) {
        safely(() -> {
            MailEnvelope envelope = MailExchange.MAIL_ENVELOPE.get(exchange);
            logs.record(RecordType.CONVERSION, inbound(exchange)
                    .sourceAddress(envelope == null ? null : envelope.sender())
                    .destinationAddress(envelope == null ? null : String.join(",", envelope.recipients()))
                    .domain(envelope == null ? null : envelope.recipientDomains())
                    .bindingGroup(DEFAULT_GROUP).binding(DEFAULT_GROUP)
                    .error("mm7 to email").build());
        });
    }

    /** {@code S} for a DeliveryReportReq, and {@code O} in the bounce log when its status is negative. */
    public void deliveryReport(Exchange exchange) {
        safely(() -> {
            Mm7Request report = Mm7Exchange.REQUEST.get(exchange);
            Long latency = Mm7Exchange.DR_LATENCY.get(exchange);
            MmsEvent event = inbound(exchange)
                    .originalMessageId(Mm7Exchange.ORIGINAL_GATEWAY_ID.get(exchange))
                    .transactionId(report.transactionId())
                    .remoteMessageId(report.messageId())
                    .sourceAddress(address(report.sender()))
                    .destinationAddress(address(report.recipient()))
                    .domain(report.mmsRelayServerId())
                    .bindingGroup(DEFAULT_GROUP).binding(DEFAULT_GROUP)
                    .deliveryReportLatency(latency)
                    .status(report.mmStatus())
                    .error(report.statusText() != null ? report.statusText() : report.mmStatus())
                    .build();
            logs.record(RecordType.STATUS, event);
            if (MmStatuses.isNegative(report.mmStatus())) {
                logs.record(RecordType.BOUNCE_OUTBAND, event);
            }
        });
    }

    /** {@code D} in the mail log: the mail leg handed the mail to {@code mm7.mail.uri}. */
    public void mailDelivered(Exchange exchange) {
        safely(() -> {
            logs.record(RecordType.MAIL_DELIVERY, mailLeg(exchange).build());
            metrics.mailDelivery("delivered");
        });
    }

    /** {@code T} in the mail log: a delivery attempt of the mail leg failed and will be retried. */
    public void mailDeferred(Exchange exchange) {
        safely(() -> {
            logs.record(RecordType.MAIL_TEMPFAIL, failure(exchange, "temporary"));
            metrics.mailDelivery("deferred");
        });
    }

    /** {@code P} in the mail log: the mail leg gave up; the mail is set aside. */
    public void mailFailed(Exchange exchange) {
        safely(() -> {
            logs.record(RecordType.MAIL_PERMFAIL, failure(exchange, "permanent"));
            metrics.mailDelivery("failed");
        });
    }

    private static MmsEvent failure(Exchange exchange, String kind) {
        Exception cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return mailLeg(exchange).status(kind).error(cause == null ? null : cause.getMessage()).build();
    }

    private static MmsEvent.Builder mailLeg(Exchange exchange) {
        MailEnvelope envelope = MailExchange.MAIL_ENVELOPE.get(exchange);
        MmsEvent.Builder e = MmsEvent.at(Instant.now()).bindingGroup("mail")
                .binding(Mm7Exchange.MAIL_SCHEME.get(exchange))
                .ip(Mm7Exchange.MAIL_HOST.get(exchange));
        if (envelope != null) {
            e.messageId(envelope.gatewayId()).transactionId(envelope.transactionId()).remoteMessageId(envelope.messageId())
                    .sourceAddress(envelope.sender()).destinationAddress(String.join(",", envelope.recipients()))
                    .domain(envelope.recipientDomains()).size(envelope.size());
        }
        return e;
    }

    private static MmsEvent.Builder inbound(Exchange exchange) {
        Instant at = Mm7Exchange.RECEIVED_AT.get(exchange);
        return MmsEvent.at(at == null ? Instant.now() : at)
                .messageId(Mm7Exchange.GATEWAY_ID.get(exchange))
                .pathway(Mm7Exchange.VASP_PATH.get(exchange))
                .pathwayGroup(DEFAULT_GROUP)
                .ip(Mm7Exchange.PEER.get(exchange));
    }

    /** Sender, else the SenderAddress of SenderIdentification (a SubmitReq's, or a DeliverReq's that carries one). */
    private static Mm7Address senderOf(Mm7Request request) {
        if (request.sender() != null) {
            return request.sender();
        }
        return request.senderIdentification() == null ? null : request.senderIdentification().senderAddress();
    }

    private static String destinations(Mm7Request request) {
        if (request.recipient() != null) {
            return address(request.recipient());
        }
        List<Mm7Address> all = request.recipients().all();
        return all.isEmpty() ? null : all.stream().map(Mm7Address::value).collect(Collectors.joining(","));
    }

    private static String address(Mm7Address a) {
        return a == null ? null : a.value();
    }

    /** Records never fail a route: an event that cannot be recorded is an ERROR line. */
    static void safely(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(MmsEventRecorder.class).error("MMS log event could not be recorded: {}", e.toString());
        }
    }
}
