package org.camelmm7.client.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camelmm7.hooks.TrackedSubmission;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking database: migrated at start, pooled, closed at stop; submissions, report bounces and the pickup ledger. */
class SubmissionTrackerTest {

    @TempDir
    Path dir;

    private static final List<TrackedSubmission.Recipient> ONE = List.of(new TrackedSubmission.Recipient("15551234567@mms.example.com", "+15551234567"));

    private static TrackedSubmission tracked(String id, Instant at) {
        return new TrackedSubmission(id, "gw-" + id, "ann@example.org", ONE, "28444", "s", "<m@x>", at);
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
    }

    @Test
    void remembersAcrossReopeningAndForgetsPastTheRetention() throws Exception {
        TrackingDatabase db = TrackingDatabase.pooled(url(), "sa", "", 2);
        SubmissionTracker tracker = new SubmissionTracker(db.dataSource());
        tracker.track(tracked("old", Instant.now().minus(Duration.ofDays(20))));
        tracker.track(tracked("new", Instant.now()));
        db.stop();

        TrackingDatabase again = TrackingDatabase.pooled(url(), "sa", "", 2);
        SubmissionTracker reopened = new SubmissionTracker(again.dataSource());
        assertThat(reopened.find("new")).hasValueSatisfying(t -> {
            assertThat(t.gatewayId()).isEqualTo("gw-new");
            assertThat(t.recipients()).isEqualTo(ONE);
            assertThat(t.vaspSender()).isEqualTo("28444");
        });
        assertThat(reopened.purge(Duration.ofDays(14))).isEqualTo(1);
        assertThat(reopened.find("old")).isEmpty();
        assertThat(reopened.find("unknown")).isEmpty();
        again.stop();
    }

    /** Only an H2 administrator may CHECKPOINT: another user's commits are stored after H2's write delay, and tracking works. */
    @Test
    void anH2UserWhoIsNoAdministratorTracksToo() throws Exception {
        TrackingDatabase.pooled(url(), "sa", "", 2).stop();
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE USER gw PASSWORD 'pw'");
            s.execute("GRANT ALL ON SCHEMA PUBLIC TO gw");
            s.execute("SHUTDOWN");
        }
        // the shipped URL's settings (DB_CLOSE_DELAY) need an administrator too
        TrackingDatabase db = TrackingDatabase.pooled("jdbc:h2:file:" + dir.resolve("db"), "gw", "pw", 2);
        SubmissionTracker tracker = new SubmissionTracker(db.dataSource());
        tracker.track(tracked("m1", Instant.now()));
        assertThat(tracker.find("m1")).isPresent();
        db.stop();
    }

    @Test
    void aDatabaseOfTheFirstReleaseIsMigratedWithItsRows() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mm7_submission (mmsc_message_id VARCHAR(255) PRIMARY KEY, gateway_id VARCHAR(64) NOT NULL,"
                    + " sender VARCHAR(512), recipients VARCHAR(4000), subject VARCHAR(1000), original_message_id VARCHAR(1000),"
                    + " submitted_at TIMESTAMP NOT NULL)");
            s.execute("INSERT INTO mm7_submission VALUES ('m-old', 'gw-1', 'ann@example.org', '1@mms.example.com,2@mms.example.com',"
                    + " 'hi', '<o@x>', CURRENT_TIMESTAMP)");
            s.execute("SHUTDOWN");
        }
        TrackingDatabase db = TrackingDatabase.pooled(url(), "sa", "", 2);
        SubmissionTracker tracker = new SubmissionTracker(db.dataSource());
        assertThat(tracker.find("m-old")).hasValueSatisfying(t -> assertThat(t.recipients()).extracting(TrackedSubmission.Recipient::mailAddress)
                .containsExactly("1@mms.example.com", "2@mms.example.com"));
        tracker.track(tracked("m-new", Instant.now()));
        db.stop();
    }

    @Test
    void aReportBouncesOncePerRecipientAndOutcome() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tracking-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        TrackingDatabase db = TrackingDatabase.of(h2);
        SubmissionTracker tracker = new SubmissionTracker(db.dataSource());
        tracker.track(tracked("m1", Instant.now()));
        tracker.track(tracked("m1", Instant.now())); // the MMSC reused an ID: the newest wins
        assertThat(tracker.firstBounce("m1", "15551234567@mms.example.com", "Expired")).isTrue();
        assertThat(tracker.firstBounce("m1", "15551234567@mms.example.com", "Expired")).isFalse();
        assertThat(tracker.firstBounce("m1", "15551234567@mms.example.com", "Rejected")).isTrue();
    }

    @Test
    void aPickedUpMailKeepsItsGatewayIdAndFirstAttemptUntilReleased() throws Exception {
        TrackingDatabase db = TrackingDatabase.pooled(url(), "sa", "", 2);
        PickupLedger ledger = new PickupLedger(db.dataSource());
        byte[] mail = "From: a@b\r\n\r\nhello".getBytes();
        Instant first = Instant.parse("2026-11-30T10:00:00Z");
        PickupLedger.Entry entry = ledger.claim(mail, "gw-1", first);
        assertThat(entry.resumed()).isFalse();
        PickupLedger.Entry again = ledger.claim(mail, "gw-2", Instant.now());
        assertThat(again).isEqualTo(new PickupLedger.Entry(entry.key(), "gw-1", first, true));
        ledger.release(entry.key());
        assertThat(ledger.claim(mail, "gw-3", Instant.now()).gatewayId()).isEqualTo("gw-3");
        db.stop();
    }
}
