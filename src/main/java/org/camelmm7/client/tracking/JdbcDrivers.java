package org.camelmm7.client.tracking;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ServiceLoader;

/**
 * The JDBC driver for a URL. DriverManager only sees drivers on the application class path; under
 * the Camel CLI (which loads --dep jars in a child class loader) and in an OSGi bundle the driver
 * sits in the gateway's own class loader, so it is looked up there first.
 */
final class JdbcDrivers {

    private JdbcDrivers() {
    }

    static Driver forUrl(String url) {
        for (Driver candidate : ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader())) {
            try {
                if (candidate.acceptsURL(url)) {
                    return candidate;
                }
            } catch (SQLException e) {
                // not this driver's URL
            }
        }
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalArgumentException("no JDBC driver on the class path takes " + url, e);
        }
    }
}
