package org.camelmm7.client;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Connections to a JDBC URL. DriverManager only sees drivers on the application class path; under
 * the Camel CLI (which loads --dep jars in a child class loader) and in an OSGi bundle the driver
 * sits in the gateway's own class loader, so it is looked up there first.
 */
final class JdbcUrlConnections implements SubmissionTracker.Connections {

    private final String url;
    private final Properties credentials = new Properties();
    private final Driver driver;

    JdbcUrlConnections(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        this.driver = driverInOwnClassLoader(url);
    }

    @Override
    public Connection open() throws SQLException {
        if (driver != null) {
            return driver.connect(url, credentials);
        }
        return DriverManager.getConnection(url, credentials);
    }

    private static Driver driverInOwnClassLoader(String url) {
        for (Driver candidate : ServiceLoader.load(Driver.class, JdbcUrlConnections.class.getClassLoader())) {
            try {
                if (candidate.acceptsURL(url)) {
                    return candidate;
                }
            } catch (SQLException e) {
                // not this driver's URL
            }
        }
        return null;
    }
}
