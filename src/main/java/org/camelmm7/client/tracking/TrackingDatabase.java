package org.camelmm7.client.tracking;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The database that tracks submissions: a pool of connections (HikariCP) to
 * {@code mm7.client.tracking.jdbc-url}, or the estate's own {@code mm7TrackingDataSource}; its
 * schema brought up to date with Flyway at start (several gateways may start at once: Flyway
 * locks its history table); closed when the gateway stops, so an embedded H2 file is written out
 * whole.
 */
public final class TrackingDatabase extends ServiceSupport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrackingDatabase.class);
    private static final int MIGRATION_ATTEMPTS = 4;

    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    /** Connections outside the pool, to close an embedded H2 database with; null for other databases. */
    private final DataSource embeddedH2;

    private TrackingDatabase(DataSource dataSource, HikariDataSource ownPool, DataSource embeddedH2) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.embeddedH2 = embeddedH2;
    }

    /** A pool for a JDBC URL, with the driver found in the gateway's own class loader (the Camel CLI, OSGi). */
    public static TrackingDatabase pooled(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mm7-tracking");
        DriverDataSource direct = new DriverDataSource(url, user, password);
        config.setDataSource(direct);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(10_000);
        // a database that is away fails a request within seconds (an MMSC's report gets 4006), not after Hikari's 30 s
        config.setConnectionTimeout(5_000);
        HikariDataSource pool = new HikariDataSource(config);
        boolean embeddedH2 = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
        if (!embeddedH2) {
            return migrated(new TrackingDatabase(pool, pool, null));
        }
        DataSource checkpointed;
        try {
            checkpointed = CheckpointedH2.of(pool);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("tracking database " + url + ": " + e.getMessage(), e);
        }
        return migrated(new TrackingDatabase(checkpointed, pool, direct));
    }

    /** The estate's DataSource: it owns the pool and closes it. */
    public static TrackingDatabase of(DataSource dataSource) {
        return migrated(new TrackingDatabase(dataSource, null, null));
    }

    private static TrackingDatabase migrated(TrackingDatabase db) {
        Flyway flyway = Flyway.configure(TrackingDatabase.class.getClassLoader())
                .dataSource(db.dataSource)
                .table("mm7_schema_history")
                .resourceProvider(new ClasspathMigrations())
                // a database made by a release without migrations holds the first schema already
                .baselineOnMigrate(true).baselineVersion("1")
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return db;
            } catch (FlywayException e) {
                // two gateways on an empty database: the one that loses the race sees the other's history
                // table created and still empty, and refuses to baseline it; once the other's migration is
                // done, its history says the schema is current (seen in a CI run of PostgresTrackingTest)
                if (attempt == MIGRATION_ATTEMPTS) {
                    throw e;
                }
                LOG.info("tracking database: migration attempt {} failed ({}); trying again", attempt, e.getMessage());
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected void doStop() throws SQLException {
        if (ownPool == null) {
            return;
        }
        ownPool.close();
        if (embeddedH2 != null) {
            // written out whole and closed now, not by a JVM shutdown hook that may run while mail is in flight
            Connection c = embeddedH2.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // a user who is no administrator may not: H2 closes the file with this, its last connection
                if (!CheckpointedH2.ADMIN_RIGHTS_REQUIRED.equals(e.getSQLState())) {
                    throw e;
                }
            } finally {
                try {
                    c.close();
                } catch (SQLException closedByTheShutdown) {
                    // nothing left to close
                }
            }
        }
    }

    /** Connections from a driver found in the gateway's class loader, for the pool. */
    private static final class DriverDataSource implements DataSource {
        private final String url;
        private final Properties credentials = new Properties();
        private final Driver driver;
        private volatile int loginTimeoutSeconds = 5;

        DriverDataSource(String url, String user, String password) {
            this.url = url;
            if (user != null) {
                credentials.setProperty("user", user);
            }
            if (password != null) {
                credentials.setProperty("password", password);
            }
            this.driver = JdbcDrivers.forUrl(url);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = driver.connect(url, credentials);
            if (c == null) {
                throw new SQLException("the driver " + driver.getClass().getName() + " does not take " + url);
            }
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("credentials come from mm7.client.tracking.*");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
            loginTimeoutSeconds = seconds;
        }

        /** The pool waits this long for connections being opened when it closes. */
        @Override
        public int getLoginTimeout() {
            return loginTimeoutSeconds;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
