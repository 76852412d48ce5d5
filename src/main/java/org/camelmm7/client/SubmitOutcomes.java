package org.camelmm7.client;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.hooks.Mm7Hooks;
import org.camelmm7.hooks.SubmitRoute;
import org.camelmm7.mm7.Mm7ResponseParser;
import org.camelmm7.mm7.SubmitOutcome;
import org.camelmm7.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MMSC's answer to a SubmitReq as an outcome (the MM7 rules are {@link SubmitOutcome}'s; the
 * mm7HandleSubmitRsp extension point may overrule them), the questions the route's choice asks of
 * it, and the retry rule: fewer attempts than the limit, and the first attempt younger than the expiry.
 */
public final class SubmitOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitOutcomes.class);

    private final Mm7Hooks hooks;
    private final ClientSettings.Retry retry;
    private final MailToSubmitReqs submissions;
    private final Mm7ResponseParser responses = new Mm7ResponseParser();

    /** @param submissions makes the submission again for the route mm7HandleSubmitRsp may choose */
    public SubmitOutcomes(Mm7Hooks hooks, ClientSettings.Retry retry, MailToSubmitReqs submissions) {
        this.hooks = hooks;
        this.retry = retry;
        this.submissions = submissions;
    }

    public void classify(Exchange exchange) {
        Submission s = ClientExchange.SUBMISSION.get(exchange);
        Integer http = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        SubmitOutcome outcome = hooks.handleSubmitRsp().afterSubmit(s.request(), SubmitOutcome.of(http == null ? 0 : http,
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), exchange.getMessage().getBody(byte[].class), responses,
                s.domain().permanentHttpStatuses()));
        if (outcome.credentialsRefused()) {
            LOG.error("MMSC of MM7 domain {} refuses the gateway's credentials ({}); the mail is retried: check "
                    + "mm7.client.domain.{}.basic-auth", s.domain().name(), outcome.reason(), s.domain().name());
        }
        if (outcome.kind() != SubmitOutcome.Kind.DELIVERED) {
            outcome = rerouted(exchange, s, outcome);
        }
        Mm7Exchange.SUBMIT_OUTCOME.set(exchange, outcome);
        Mm7Exchange.SUBMIT_FAILURE.set(exchange, outcome.reason());
        LOG.debug("SubmitReq {} tx={} to MM7 domain {}: HTTP {}, StatusCode {}, outcome {}{}", s.gatewayId(), LogSafe.text(s.request().transactionId()),
                s.domain().name(), http, outcome.status() == null ? "none" : outcome.status().code(), outcome.kind(), outcome.reason() == null ? "" : " (" + LogSafe.text(outcome.reason()) + ")");
    }

    /**
     * Where mm7HandleSubmitRsp sends the submission instead, if anywhere: the next attempt goes there
     * ({@link MmscRequests} takes it up), and this one is a temporary failure. A route that cannot be
     * taken (an unknown MM7 domain, no recipient it serves) is an ERROR line, and the outcome stays.
     */
    private SubmitOutcome rerouted(Exchange exchange, Submission s, SubmitOutcome outcome) {
        SubmitRoute route = hooks.handleSubmitRsp().reroute(s.request(), outcome);
        if (route == null) {
            return outcome;
        }
        try {
            ClientExchange.NEXT_SUBMISSION.set(exchange, submissions.reroute(exchange, s, route));
        } catch (Exception e) {
            LOG.error("{}: mm7HandleSubmitRsp's route is not taken: {}", s.gatewayId(), LogSafe.text(e.getMessage()));
            return outcome;
        }
        LOG.info("{}: rerouted by mm7HandleSubmitRsp from MM7 domain {} to {} ({})", s.gatewayId(), s.domain().name(), route.mm7Domain(),
                outcome.reason());
        return new SubmitOutcome(SubmitOutcome.Kind.TEMPORARY, outcome.status(), null,
                "rerouted to MM7 domain " + route.mm7Domain() + " after " + outcome.reason(), outcome.httpStatus());
    }

    public boolean isDelivered(Exchange exchange) {
        return outcome(exchange).kind() == SubmitOutcome.Kind.DELIVERED;
    }

    public boolean isTemporary(Exchange exchange) {
        return outcome(exchange).kind() == SubmitOutcome.Kind.TEMPORARY;
    }

    /** Hands a temporary outcome to the error handler, which retries it. */
    public void retryLater(Exchange exchange) {
        throw new TemporarySubmitFailure(outcome(exchange).reason());
    }

    /** Whether the exchange is one submission of a mail (the split made it), not the mail as picked up. */
    public boolean isSubmissionAttempt(Exchange exchange) {
        return ClientExchange.SUBMISSION.isSet(exchange);
    }

    /** Whether a failed attempt is tried again: attempts and {@code mm7.client.retry.expiry-seconds} allow it. */
    public boolean worthRetrying(Exchange exchange) {
        int retries = Mm7Exchange.ATTEMPTS.get(exchange, 1) - 1;
        Instant first = Mm7Exchange.FIRST_ATTEMPT.get(exchange);
        return retries < retry.maximumRedeliveries() && (first == null || Instant.now().isBefore(first.plus(retry.expiry())));
    }

    /** The retries ran out: the last failure is why the submission is given up. */
    public void retriesExhausted(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Mm7Exchange.SUBMIT_FAILURE.set(exchange, "retries exhausted: " + (cause == null ? "temporary failures" : LogSafe.reason(cause)));
    }

    private static SubmitOutcome outcome(Exchange exchange) {
        return Mm7Exchange.SUBMIT_OUTCOME.get(exchange);
    }
}
