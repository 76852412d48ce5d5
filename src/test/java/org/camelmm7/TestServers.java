package org.camelmm7;

import org.junit.jupiter.api.Assumptions;

/**
 * Servers some tests need besides those they start themselves: PostgreSQL, which `.ci/run` starts
 * with tools/postgres/start and names in MM7_TEST_POSTGRES_URL. Outside CI a test without it is
 * skipped with a message; with MM7_TEST_REQUIRE_SERVERS=true (CI) it fails instead.
 */
public final class TestServers {

    private TestServers() {
    }

    /** The JDBC URL of a PostgreSQL database the tests may use (user and password mm7). */
    public static String postgresUrl() {
        String url = System.getenv("MM7_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String why = "no PostgreSQL: start one with tools/postgres/start and set MM7_TEST_POSTGRES_URL to the URL it prints";
            if (Boolean.parseBoolean(System.getenv("MM7_TEST_REQUIRE_SERVERS"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        return url;
    }
}
