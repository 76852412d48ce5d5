package org.camelmm7.client.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camelmm7.RunningGateway;
import org.camelmm7.TestServers;
import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracking database on a real PostgreSQL server, as several gateways share it: the schema made
 * by the migrations on an empty database, and two pools (two gateways) working on it at once.
 */
class PostgresTrackingTest {

    private static final List<TrackedSubmission.Recipient> ONE = List.of(new TrackedSubmission.Recipient("15551234567@mms.example.com", "+15551234567"));

    private String url;

    @TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void emptyDatabase() throws Exception {
        url = TestServers.postgresUrl();
        try (Connection c = DriverManager.getConnection(url, "mm7", "mm7"); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    @Test
    void aReportWhileTheDatabaseIsAwayGets4006AndTheNextOneIsMatched() throws Exception {
        try (Connection admin = DriverManager.getConnection(url.replace("/mm7", "/postgres"), "postgres", "");
             Statement s = admin.createStatement();
             RunningGateway gw = RunningGateway.start(dir, Map.of("mm7.client.tracking.jdbc-url", url, "mm7.client.tracking.username", "mm7",
                     "mm7.client.tracking.password", "mm7"))) {
            byte[] report = Samples.deliveryReport("Retrieved").getBytes(StandardCharsets.UTF_8);
            assertThat(gw.post("/ringtones/", "text/xml", report).statusCode()).isEqualTo(200);
            try {
                s.execute("ALTER ROLE mm7 NOLOGIN");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'mm7'");
                HttpResponse<String> away = gw.post("/ringtones/", "text/xml", report);
                assertThat(away.statusCode()).isEqualTo(500);
                assertThat(away.body()).contains("<StatusCode>4006</StatusCode>");
            } finally {
                s.execute("ALTER ROLE mm7 LOGIN");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> gw.post("/ringtones/", "text/xml", report).statusCode() == 200);
        }
    }

    private static TrackedSubmission tracked(String id, Instant at) {
        return new TrackedSubmission(id, "gw-" + id, "ann@example.org", ONE, "28444", "s", "<m@x>", at);
    }

    @Test
    void twoGatewaysMigrateAtOnceAndSeeEachOthersSubmissions() throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            List<Future<TrackingDatabase>> starting = both.invokeAll(List.<Callable<TrackingDatabase>>of(
                    () -> TrackingDatabase.pooled(url, "mm7", "mm7", 4), () -> TrackingDatabase.pooled(url, "mm7", "mm7", 4)));
            TrackingDatabase a = starting.get(0).get();
            TrackingDatabase b = starting.get(1).get();
            new SubmissionTracker(a.dataSource()).track(tracked("from-a", Instant.now()));
            assertThat(new SubmissionTracker(b.dataSource()).find("from-a")).hasValueSatisfying(t -> {
                assertThat(t.gatewayId()).isEqualTo("gw-from-a");
                assertThat(t.recipients()).isEqualTo(ONE);
            });
            try (Connection c = DriverManager.getConnection(url, "mm7", "mm7"); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM mm7_schema_history WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(ClasspathMigrations.FILES.size()); // each migration, once
            }
            a.stop();
            b.stop();
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void aReportSeenByTwoGatewaysBouncesOnceAndPurgesRunTogether() throws Exception {
        TrackingDatabase a = TrackingDatabase.pooled(url, "mm7", "mm7", 4);
        TrackingDatabase b = TrackingDatabase.pooled(url, "mm7", "mm7", 4);
        SubmissionTracker onA = new SubmissionTracker(a.dataSource());
        SubmissionTracker onB = new SubmissionTracker(b.dataSource());
        for (int i = 0; i < 200; i++) {
            onA.track(tracked("old-" + i, Instant.now().minus(Duration.ofDays(20))));
        }
        onA.track(tracked("new", Instant.now()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> bounces = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SubmissionTracker t = i % 2 == 0 ? onA : onB;
                bounces.add(() -> t.firstBounce("new", "15551234567@mms.example.com", "Rejected"));
            }
            int first = 0;
            for (Future<Boolean> f : pool.invokeAll(bounces)) {
                first += f.get() ? 1 : 0;
            }
            assertThat(first).isEqualTo(1);
            List<Future<Integer>> purges = pool.invokeAll(List.<Callable<Integer>>of(() -> onA.purge(Duration.ofDays(14)),
                    () -> onB.purge(Duration.ofDays(14))));
            assertThat(purges.get(0).get() + purges.get(1).get()).isEqualTo(200);
            assertThat(onB.find("new")).isPresent();
            assertThat(onB.find("old-7")).isEmpty();

            PickupLedger ledgerA = new PickupLedger(a.dataSource());
            PickupLedger ledgerB = new PickupLedger(b.dataSource());
            byte[] mail = "Subject: x\r\n\r\nhello\r\n".getBytes();
            List<Future<PickupLedger.Entry>> claims = pool.invokeAll(List.<Callable<PickupLedger.Entry>>of(
                    () -> ledgerA.claim(mail, "gw-a", Instant.now()), () -> ledgerB.claim(mail, "gw-b", Instant.now())));
            assertThat(claims.get(0).get().gatewayId()).isEqualTo(claims.get(1).get().gatewayId());
        } finally {
            pool.shutdownNow();
            a.stop();
            b.stop();
        }
    }

    /** The message store on PostgreSQL: the mail's bytes as kept (bytea), listed by bucket, found, replaced, deleted, purged. */
    @Test
    void keptMailIsStoredWholeOnPostgres() throws Exception {
        TrackingDatabase db = TrackingDatabase.pooled(url, "mm7", "mm7", 2);
        try {
            MessageStore store = new MessageStore(db.dataSource());
            byte[] mail = new byte[70_000];
            new java.util.Random(7).nextBytes(mail);
            store.keep(new MessageStore.Kept("m-1", "MADR-28444", "operator", "gw-1", "ann@example.org", List.of("a@mms.example.com"),
                    "Grüße", Instant.now(), mail));
            store.keep(new MessageStore.Kept("m-2", "MADR-MM7", "operator", "gw-2", "ann@example.org", List.of("b@mms.example.com", "c@mms.example.com"),
                    null, Instant.now().minus(Duration.ofDays(20)), new byte[] {1}));
            assertThat(store.find("m-1")).hasValueSatisfying(k -> {
                assertThat(k.mail()).isEqualTo(mail);
                assertThat(k.subject()).isEqualTo("Grüße");
                assertThat(k.recipients()).containsExactly("a@mms.example.com");
            });
            assertThat(store.list("MADR-MM7")).extracting(MessageStore.Kept::messageId).containsExactly("m-2");
            assertThat(store.list(null)).hasSize(2);
            assertThat(store.purge(Duration.ofDays(14))).isEqualTo(1);
            assertThat(store.delete("m-1")).isTrue();
            assertThat(store.delete("m-1")).isFalse();
        } finally {
            db.stop();
        }
    }
}
