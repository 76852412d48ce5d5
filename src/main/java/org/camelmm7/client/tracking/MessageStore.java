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

/**
 * Momentum's mstore on the tracking database: the mail of each accepted submission, by the MMSC's
 * MessageID and in its bucket, with what a reinstate needs to submit it again (the MM7 domain, the
 * sender, the recipients of that submission). Forgotten after the retention.
 */
public final class MessageStore {

    /** One kept mail; {@code mail} is null in listings. */
    public record Kept(String messageId, String bucket, String mm7Domain, String gatewayId, String sender, List<String> recipients,
                       String subject, Instant storedAt, byte[] mail) {

        public Kept {
            recipients = List.copyOf(recipients);
        }

        /** One tab-separated line: bucket, MessageID, when, MM7 domain, recipients, subject. */
        public String line() {
            return bucket + "\t" + messageId + "\t" + storedAt + "\t" + mm7Domain + "\t" + String.join(",", recipients) + "\t"
                    + (subject == null ? "" : subject.replaceAll("[\\t\\r\\n]+", " "));
        }
    }

    private static final String COLUMNS = "mmsc_message_id, bucket, mm7_domain, gateway_id, sender, recipients, subject, stored_at";

    private final DataSource dataSource;

    public MessageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Kept under its MessageID; an MMSC that reuses one replaces the older mail, as the tracking does. */
    public void keep(Kept k) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM mm7_mstore WHERE mmsc_message_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO mm7_mstore (" + COLUMNS + ", mail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, k.messageId());
                delete.executeUpdate();
                insert.setString(1, k.messageId());
                insert.setString(2, k.bucket());
                insert.setString(3, k.mm7Domain());
                insert.setString(4, k.gatewayId());
                insert.setString(5, SubmissionTracker.truncate(k.sender(), 512));
                insert.setString(6, SubmissionTracker.truncate(String.join(",", k.recipients()), 4000));
                insert.setString(7, SubmissionTracker.truncate(k.subject(), 1000));
                insert.setObject(8, OffsetDateTime.ofInstant(k.storedAt(), ZoneOffset.UTC));
                insert.setBytes(9, k.mail());
                insert.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Oldest first; {@code bucket} null: every bucket. */
    public List<Kept> list(String bucket) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM mm7_mstore"
                     + (bucket == null ? "" : " WHERE bucket = ?") + " ORDER BY stored_at, mmsc_message_id")) {
            if (bucket != null) {
                q.setString(1, bucket);
            }
            List<Kept> kept = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    kept.add(kept(r, null));
                }
            }
            return kept;
        }
    }

    public Optional<Kept> find(String messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + ", mail FROM mm7_mstore WHERE mmsc_message_id = ?")) {
            q.setString(1, messageId);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(kept(r, r.getBytes("mail"))) : Optional.empty();
            }
        }
    }

    /** True when it was there. */
    public boolean delete(String messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM mm7_mstore WHERE mmsc_message_id = ?")) {
            d.setString(1, messageId);
            return d.executeUpdate() > 0;
        }
    }

    public int purge(Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM mm7_mstore WHERE stored_at < ?")) {
            d.setObject(1, OffsetDateTime.ofInstant(Instant.now().minus(retention), ZoneOffset.UTC));
            return d.executeUpdate();
        }
    }

    private static Kept kept(ResultSet r, byte[] mail) throws SQLException {
        String recipients = r.getString("recipients");
        return new Kept(r.getString("mmsc_message_id"), r.getString("bucket"), r.getString("mm7_domain"), r.getString("gateway_id"),
                r.getString("sender"), recipients.isEmpty() ? List.of() : List.of(recipients.split(",")), r.getString("subject"),
                r.getObject("stored_at", OffsetDateTime.class).toInstant(), mail);
    }
}
