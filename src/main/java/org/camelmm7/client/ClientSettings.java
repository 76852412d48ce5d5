package org.camelmm7.client;

import java.time.Duration;
import java.util.List;

import org.camelmm7.support.Settings;

/**
 * The MM7 client's settings ({@code mm7.client.*}), read in one place; their defaults are in
 * application.properties.
 *
 * @param reportHost the host name in bounces and read notifications; null: this host's name
 */
public record ClientSettings(List<Mm7Domain> domains, String reportHost, Retry retry, Tracking tracking, KeptMail.Settings mstore) {

    /** Retries of temporary failures: until the attempts or the expiry (since the first attempt) run out. */
    public record Retry(int maximumRedeliveries, Duration expiry) {
    }

    /** The tracking database: a JDBC URL (or the DataSource bean mm7TrackingDataSource), its pool, and how long rows are kept. */
    public record Tracking(String jdbcUrl, String username, String password, int poolSize, Duration retention) {
    }

    public static ClientSettings from(Settings settings) {
        return new ClientSettings(Mm7Domain.configured(settings), settings.optional("mm7.client.report-host"),
                new Retry(settings.integer("mm7.client.retry.maximum-redeliveries"), settings.seconds("mm7.client.retry.expiry-seconds")),
                new Tracking(settings.get("mm7.client.tracking.jdbc-url").trim(), settings.optional("mm7.client.tracking.username"),
                        settings.optional("mm7.client.tracking.password"), settings.integer("mm7.client.tracking.pool-size"),
                        settings.days("mm7.client.tracking.retention-days")),
                new KeptMail.Settings(settings.bool("mm7.client.mstore.save-message"), settings.bool("mm7.client.mstore.bucket-use-shortcode"),
                        settings.days("mm7.client.mstore.retention-days")));
    }
}
