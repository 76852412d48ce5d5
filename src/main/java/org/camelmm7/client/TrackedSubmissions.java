package org.camelmm7.client;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.camelmm7.client.tracking.PickupLedger;
import org.camelmm7.client.tracking.SubmissionTracker;
import org.camelmm7.exchange.Mm7Exchange;
import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.SubmitOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's steps on the tracking database: an accepted submission tracked for its delivery
 * reports, a picked-up mail whose submissions all ended released from the pickup ledger, and
 * both forgotten after the retention.
 */
public final class TrackedSubmissions {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedSubmissions.class);

    private final SubmissionTracker tracker;
    private final PickupLedger ledger;
    private final Duration retention;
    private final Duration ledgerRetention;

    /**
     * @param retryExpiry how long a picked-up mail may still be retried: its ledger entry is kept at least that long
     *                    even under a shorter retention, so a restart does not submit it again as a new mail
     */
    public TrackedSubmissions(SubmissionTracker tracker, PickupLedger ledger, Duration retention, Duration retryExpiry) {
        this.tracker = tracker;
        this.ledger = ledger;
        this.retention = retention;
        this.ledgerRetention = retention.compareTo(retryExpiry) < 0 ? retryExpiry : retention;
    }

    /** Committed before the D record is written: a D line in the log means its report will be matched. */
    public void track(Exchange exchange) throws SQLException {
        Submission s = ClientExchange.SUBMISSION.get(exchange);
        SubmitOutcome outcome = Mm7Exchange.SUBMIT_OUTCOME.get(exchange);
        if (outcome.messageId() == null) {
            return; // nothing a report could name
        }
        Mm7Address vaspSender = s.request().senderIdentification() == null ? null : s.request().senderIdentification().senderAddress();
        tracker.track(new TrackedSubmission(outcome.messageId(), s.gatewayId(), s.sender(), s.submitted(),
                vaspSender == null ? null : vaspSender.value(), s.original().subject(), s.original().messageId(), Instant.now()));
    }

    /** Every submission of the picked-up mail ended (delivered, bounced or refused): nothing left to resume. */
    public void finished(Exchange exchange) throws SQLException {
        String key = Mm7Exchange.PICKUP_ENTRY.get(exchange);
        if (key != null) {
            ledger.release(key);
        }
    }

    /**
     * Forgets submissions past the retention (mm7.client.tracking.retention-days). Run every minute,
     * so each purge deletes a minute's rows rather than an hour's in one transaction.
     */
    public void purge() throws SQLException {
        int purged = tracker.purge(retention) + ledger.purge(ledgerRetention);
        if (purged > 0) {
            LOG.debug("forgot {} submission(s) older than {}", purged, retention);
        }
    }
}
