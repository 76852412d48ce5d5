package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTrackerTest {

    @TempDir
    Path dir;

    private static SubmissionTracker.Tracked tracked(String id, Instant at) {
        return new SubmissionTracker.Tracked(id, "gw-" + id, "ann@example.org", "1@mms.example.com", "s", "<m@x>", at);
    }

    @Test
    void remembersAcrossReopeningAndForgetsPastTheRetention() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=0";
        SubmissionTracker tracker = new SubmissionTracker(url, "sa", "");
        tracker.track(tracked("old", Instant.now().minus(Duration.ofDays(20))));
        tracker.track(tracked("new", Instant.now()));

        SubmissionTracker reopened = new SubmissionTracker(url, "sa", "");
        assertThat(reopened.find("new")).hasValueSatisfying(t -> assertThat(t.gatewayId()).isEqualTo("gw-new"));
        assertThat(reopened.purge(Duration.ofDays(14))).isEqualTo(1);
        assertThat(reopened.find("old")).isEmpty();
        assertThat(reopened.find("unknown")).isEmpty();
    }

    @Test
    void worksOnAnyDataSource() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:tracking-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        SubmissionTracker tracker = new SubmissionTracker(dataSource::getConnection);
        tracker.track(tracked("m1", Instant.now()));
        tracker.track(tracked("m1", Instant.now())); // the MMSC reused an ID: the newest wins
        assertThat(tracker.find("m1")).isPresent();
    }
}
