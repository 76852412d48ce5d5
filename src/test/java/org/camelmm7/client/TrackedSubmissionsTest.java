package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camelmm7.client.tracking.PickupLedger;
import org.camelmm7.client.tracking.SubmissionTracker;
import org.camelmm7.client.tracking.TrackingDatabase;
import org.camelmm7.hooks.TrackedSubmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The purge: submissions past the retention go; a picked-up mail still within its retries keeps its ledger entry. */
class TrackedSubmissionsTest {

    @TempDir
    Path dir;

    @Test
    void aShortRetentionForgetsSubmissionsButNotAMailStillBeingRetried() throws Exception {
        TrackingDatabase db = TrackingDatabase.pooled("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE", "sa", "", 2);
        try {
            SubmissionTracker tracker = new SubmissionTracker(db.dataSource());
            PickupLedger ledger = new PickupLedger(db.dataSource());
            Instant now = Instant.now();
            tracker.track(new TrackedSubmission("m-2h", "gw-1", "ann@example.org",
                    List.of(new TrackedSubmission.Recipient("1@mms.example.com", "+1")), null, "s", "<m@x>", now.minus(Duration.ofHours(2))));
            tracker.track(new TrackedSubmission("m-now", "gw-2", "ann@example.org",
                    List.of(new TrackedSubmission.Recipient("1@mms.example.com", "+1")), null, "s", "<n@x>", now));
            byte[] retried = "a mail retried for two hours".getBytes(StandardCharsets.US_ASCII);
            byte[] abandoned = "a mail removed from the pickup by hand five days ago".getBytes(StandardCharsets.US_ASCII);
            ledger.claim(retried, "gw-3", now.minus(Duration.ofHours(2)));
            ledger.claim(abandoned, "gw-4", now.minus(Duration.ofDays(5)));

            // a retention of an hour (retention-days = 0.0417), retries until the default expiry of four days
            new TrackedSubmissions(tracker, ledger, Duration.ofHours(1), Duration.ofDays(4)).purge();

            assertThat(tracker.find("m-2h")).isEmpty();
            assertThat(tracker.find("m-now")).isPresent();
            PickupLedger.Entry again = ledger.claim(retried, "gw-new", now);
            assertThat(again.resumed()).isTrue();
            assertThat(again.gatewayId()).isEqualTo("gw-3");
            assertThat(ledger.claim(abandoned, "gw-new", now).resumed()).isFalse();
        } finally {
            db.stop();
        }
    }
}
