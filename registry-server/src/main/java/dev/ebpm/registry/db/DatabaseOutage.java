package dev.ebpm.registry.db;

import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a lost or unreachable database from every other failure, by walking the cause chain: SQLState
 * class 08 (connection exception), 57P01/57P03 (the server is shutting down or starting), Hibernate's
 * {@link JDBCConnectionException}, {@link SQLTransientConnectionException}, and Agroal's pool timing out
 * while it waits for a connection (a plain SQLException with no state).
 */
public final class DatabaseOutage {
    private static final String AGROAL_TIMEOUT = "Sorry, acquisition timeout";

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && lostConnection(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lostConnection(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P03");
        }
        return e.getMessage() != null && e.getMessage().startsWith(AGROAL_TIMEOUT);
    }
}
