package org.camelmm7.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Accepted submissions kept for their delivery reports (Momentum's mm7_submit_tracking): the
 * MMSC's MessageID with the gateway message ID, sender, recipients and submission time, in any
 * JDBC database (an embedded H2 file by default, or the DataSource bean {@code mm7TrackingDataSource}),
 * kept for the retention period.
 */
public final class SubmissionTracker {

    /** What is remembered of an accepted submission. */
    public record Tracked(String mmscMessageId, String gatewayId, String sender, String recipients, String subject,
                          String originalMessageId, Instant submittedAt) {
    }

    /** Where connections come from: a pooled DataSource, or the driver of a plain URL. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;

    public SubmissionTracker(String url, String user, String password) throws SQLException {
        this(new JdbcUrlConnections(url, user, password));
    }

    public SubmissionTracker(Connections connections) throws SQLException {
        this.connections = connections;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS mm7_submission ("
                    + "mmsc_message_id VARCHAR(255) PRIMARY KEY, gateway_id VARCHAR(64) NOT NULL, sender VARCHAR(512),"
                    + " recipients VARCHAR(4000), subject VARCHAR(1000), original_message_id VARCHAR(1000), submitted_at TIMESTAMP NOT NULL)");
        }
    }

    public void track(Tracked t) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mm7_submission WHERE mmsc_message_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO mm7_submission VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, t.mmscMessageId());
                delete.executeUpdate();
                insert.setString(1, t.mmscMessageId());
                insert.setString(2, t.gatewayId());
                insert.setString(3, t.sender());
                insert.setString(4, truncate(t.recipients(), 4000));
                insert.setString(5, truncate(t.subject(), 1000));
                insert.setString(6, truncate(t.originalMessageId(), 1000));
                insert.setTimestamp(7, Timestamp.from(t.submittedAt()));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Tracked> find(String mmscMessageId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT * FROM mm7_submission WHERE mmsc_message_id = ?")) {
            q.setString(1, mmscMessageId);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Tracked(r.getString("mmsc_message_id"), r.getString("gateway_id"), r.getString("sender"),
                        r.getString("recipients"), r.getString("subject"), r.getString("original_message_id"),
                        r.getTimestamp("submitted_at").toInstant()));
            }
        }
    }

    /** Forgets submissions older than the retention; returns how many. */
    public int purge(Duration retention) throws SQLException {
        try (Connection c = connect();
             PreparedStatement d = c.prepareStatement("DELETE FROM mm7_submission WHERE submitted_at < ?")) {
            d.setTimestamp(1, Timestamp.from(Instant.now().minus(retention)));
            return d.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        return connections.open();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
