package org.camelmm7.client.tracking;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;

import org.slf4j.LoggerFactory;

/**
 * Connections to an embedded H2 database whose commits are on disk when they return, with H2's
 * background writer left running. H2 writes a commit through only with {@code WRITE_DELAY=0}, and
 * that setting also stops the background writer that frees and compacts the file's chunks: the file
 * then grows by a chunk per commit (4–12 KB, 2 % of it live) for as long as the gateway runs. So the
 * URL keeps H2's write delay, and each commit of the gateway's (an explicit one, or a statement that
 * may write, run in auto-commit mode) is followed by a {@code CHECKPOINT}, which stores what is
 * committed before the call returns: a kill -9 right after loses nothing.
 */
final class CheckpointedH2 {

    /** H2's SQL state for a statement only an administrator may run. */
    static final String ADMIN_RIGHTS_REQUIRED = "90040";

    private static final Set<String> WRITES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final Set<String> STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");

    private CheckpointedH2() {
    }

    /**
     * The pool, its connections checkpointed; the pool itself when its user may not checkpoint (only an
     * H2 administrator may: then commits are stored as the URL's WRITE_DELAY says).
     */
    static DataSource of(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            checkpoint(c);
        } catch (SQLException notAdmin) {
            if (ADMIN_RIGHTS_REQUIRED.equals(notAdmin.getSQLState())) {
                LoggerFactory.getLogger(CheckpointedH2.class).warn("tracking database: its user is no H2 administrator and may not"
                        + " CHECKPOINT: a commit is on disk only once H2's WRITE_DELAY has passed (a kill -9 loses what is younger)");
                return pool;
            }
            throw notAdmin;
        }
        // everything else the pool does as it is
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(pool, method, args);
            return method.getName().equals("getConnection") && args == null ? checkpointed((Connection) result) : result;
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, handler);
    }

    /** A connection whose commits are checkpointed. */
    private static Connection checkpointed(Connection c) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(c, method, args);
            if (method.getName().equals("commit")) {
                checkpoint(c);
            } else if (STATEMENTS.contains(method.getName())) {
                return checkpointed(c, (Statement) result, method.getReturnType());
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** A statement whose writes in auto-commit mode are checkpointed. */
    private static Object checkpointed(Connection c, Statement statement, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(statement, method, args);
            if (WRITES.contains(method.getName()) && c.getAutoCommit()) {
                checkpoint(c);
            }
            return result;
        };
        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
