package org.camelmm7.client.tracking;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * Picked-up mails whose submission is under way, by a digest of their bytes: a mail taken up again
 * after a restart (it stays in the pickup until its submissions end) keeps the gateway ID of its
 * first X record, and its retries end at the expiry counted from its first attempt, not from the
 * restart.
 */
public final class PickupLedger {

    /** The gateway ID and first attempt of a picked-up mail; {@code resumed} when it was taken up before. */
    public record Entry(String key, String gatewayId, Instant firstAttempt, boolean resumed) {
    }

    private final DataSource dataSource;

    public PickupLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The mail's entry: the one recorded earlier, or a new one with {@code newGatewayId}. */
    public Entry claim(byte[] mail, String newGatewayId, Instant now) throws SQLException {
        String key = keyOf(mail);
        try (Connection c = dataSource.getConnection()) {
            Entry known = find(c, key);
            if (known != null) {
                return known;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO mm7_pickup (entry_key, gateway_id, first_attempt) VALUES (?, ?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, newGatewayId);
                insert.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                insert.executeUpdate();
                return new Entry(key, newGatewayId, now, false);
            } catch (SQLException e) {
                Entry raced = e.getSQLState() != null && e.getSQLState().startsWith("23") ? find(c, key) : null;
                if (raced == null) {
                    throw e;
                }
                return raced;
            }
        }
    }

    /** The mail's submissions all ended: nothing to resume. */
    public void release(String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM mm7_pickup WHERE entry_key = ?")) {
            d.setString(1, key);
            d.executeUpdate();
        }
    }

    /** Forgets entries of mails that never came back (removed from the pickup by hand). */
    public int purge(Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM mm7_pickup WHERE first_attempt < ?")) {
            d.setObject(1, OffsetDateTime.ofInstant(Instant.now().minus(retention), ZoneOffset.UTC));
            return d.executeUpdate();
        }
    }

    private static Entry find(Connection c, String key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT gateway_id, first_attempt FROM mm7_pickup WHERE entry_key = ?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? new Entry(key, r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant(), true) : null;
            }
        }
    }

    static String keyOf(byte[] mail) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mail));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
