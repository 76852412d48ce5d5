package org.camelmm7.client.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.camelmm7.hooks.TrackedSubmission;

/**
 * Accepted submissions kept for their delivery reports (Momentum's mm7_submit_tracking): the
 * MMSC's MessageID with the gateway message ID, the sender, each recipient with the MM7 address
 * it was submitted as, the address the SubmitReq came from, and the submission time; and the
 * bounces already sent for reports, so a repeated report bounces once. Rows are committed before
 * the D record is written, and forgotten after the retention period.
 */
public final class SubmissionTracker {

    private final DataSource dataSource;

    public SubmissionTracker(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void track(TrackedSubmission t) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mm7_submission WHERE mmsc_message_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO mm7_submission (mmsc_message_id, gateway_id, sender, recipients,"
                         + " subject, original_message_id, submitted_at, vasp_sender) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement recipient = c.prepareStatement(
                         "INSERT INTO mm7_submission_recipient (mmsc_message_id, mail_address, mm7_address) VALUES (?, ?, ?)")) {
                // an MMSC that reuses a MessageID: the newer submission is the one its reports are about
                delete.setString(1, t.mmscMessageId());
                delete.executeUpdate();
                insert.setString(1, t.mmscMessageId());
                insert.setString(2, t.gatewayId());
                insert.setString(3, truncate(t.sender(), 512));
                insert.setString(4, truncate(t.recipientList(), 4000));
                insert.setString(5, truncate(t.subject(), 1000));
                insert.setString(6, truncate(t.originalMessageId(), 1000));
                insert.setObject(7, OffsetDateTime.ofInstant(t.submittedAt(), ZoneOffset.UTC));
                insert.setString(8, truncate(t.vaspSender(), 512));
                insert.executeUpdate();
                for (TrackedSubmission.Recipient r : t.recipients()) {
                    recipient.setString(1, t.mmscMessageId());
                    recipient.setString(2, truncate(r.mailAddress(), 512));
                    recipient.setString(3, truncate(r.mm7Address(), 512));
                    recipient.addBatch();
                }
                recipient.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<TrackedSubmission> find(String mmscMessageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT * FROM mm7_submission WHERE mmsc_message_id = ?");
             PreparedStatement rq = c.prepareStatement("SELECT mail_address, mm7_address FROM mm7_submission_recipient WHERE mmsc_message_id = ?")) {
            q.setString(1, mmscMessageId);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                List<TrackedSubmission.Recipient> recipients = new ArrayList<>();
                rq.setString(1, mmscMessageId);
                try (ResultSet rr = rq.executeQuery()) {
                    while (rr.next()) {
                        recipients.add(new TrackedSubmission.Recipient(rr.getString(1), rr.getString(2)));
                    }
                }
                if (recipients.isEmpty() && r.getString("recipients") != null) {
                    // tracked before recipients had rows of their own: mail addresses only
                    for (String mail : r.getString("recipients").split(",")) {
                        recipients.add(new TrackedSubmission.Recipient(mail, null));
                    }
                }
                return Optional.of(new TrackedSubmission(r.getString("mmsc_message_id"), r.getString("gateway_id"), r.getString("sender"), recipients,
                        r.getString("vasp_sender"), r.getString("subject"), r.getString("original_message_id"),
                        r.getObject("submitted_at", OffsetDateTime.class).toInstant()));
            }
        }
    }

    /**
     * Records that a bounce goes out for this recipient and outcome of a submission; false when one
     * went out already (the MMSC sent the same report again), also from another gateway.
     */
    public boolean firstBounce(String mmscMessageId, String recipient, String outcome) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO mm7_report_bounce (mmsc_message_id, recipient, outcome) VALUES (?, ?, ?)")) {
            insert.setString(1, mmscMessageId);
            insert.setString(2, truncate(recipient, 512));
            insert.setString(3, truncate(outcome, 64));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // integrity constraint: recorded before
            }
            throw e;
        }
    }

    /** Forgets submissions older than the retention (and their recipients and bounces); returns how many. */
    public int purge(Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM mm7_submission WHERE submitted_at < ?")) {
            d.setObject(1, OffsetDateTime.ofInstant(Instant.now().minus(retention), ZoneOffset.UTC));
            return d.executeUpdate();
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
