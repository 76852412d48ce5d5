package org.camelmm7.client;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelmm7.email.MailExchange;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Submission as the HTTP POST to its MMSC: the domain's CXF endpoint (which holds the URL,
 * timeouts and TLS), the headers MMSCs expect, and the SubmitReq with the domain's prefixes for the
 * MM7 data format, which writes it next (and sets its Content-Type). Only these headers go out: CXF
 * sends every header not named Camel* on the wire.
 */
public final class MmscRequests {

    private static final Logger LOG = LoggerFactory.getLogger(MmscRequests.class);

    /** Also on a retry, after the body became the last answer: the Submission is read from its property. */
    public void toHttpRequest(Exchange exchange) {
        Submission rerouted = ClientExchange.NEXT_SUBMISSION.get(exchange);
        if (rerouted != null) {
            // mm7HandleSubmitRsp sent the submission elsewhere: this attempt and the next go there
            ClientExchange.SUBMISSION.set(exchange, rerouted);
            ClientExchange.NEXT_SUBMISSION.remove(exchange);
        }
        Submission s = ClientExchange.SUBMISSION.get(exchange);
        MailExchange.REPORT_MAILS.set(exchange, List.of());
        // counted here, in a property: the redelivery counter is a header, and the headers are cleared below
        Mm7Exchange.ATTEMPTS.set(exchange, Mm7Exchange.ATTEMPTS.get(exchange, 0) + 1);
        Mm7Exchange.MMSC_ENDPOINT.set(exchange, s.domain().mmsc().endpointUri());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("SOAPAction", "\"\"");
        if (s.domain().authorization() != null) {
            message.setHeader("Authorization", s.domain().authorization());
        }
        Mm7Exchange.WRITER_OPTIONS.set(exchange, s.domain().writerOptions());
        message.setBody(s.request());
        LOG.debug("sending SubmitReq {} tx={} (attempt {}) to MM7 domain {}", s.gatewayId(), LogSafe.text(s.request().transactionId()),
                Mm7Exchange.ATTEMPTS.get(exchange), s.domain().name());
    }
}
