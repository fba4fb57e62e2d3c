package dev.ebpm.registry.db;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is not there" (503) and which are bugs or bad data (500, 4xx). */
class DatabaseOutageTest {
    @Test
    void connectionFailuresAnywhereInTheChainAreOutages() {
        assertThat(DatabaseOutage.isCause(new PersistenceException(new SQLException("refused", "08001")))).isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(new RuntimeException(
            new SQLException("I/O error", "08006"))))).isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("starting up", "57P03"))).isTrue();
        assertThat(DatabaseOutage.isCause(new JDBCConnectionException("gone", new SQLException("x")))).isTrue();
        assertThat(DatabaseOutage.isCause(new SQLTransientConnectionException("pool"))).isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
            .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.isCause(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("no state"))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("bug"))).isFalse();
        RuntimeException loop = new RuntimeException("self");
        RuntimeException other = new RuntimeException("other", loop);
        loop.initCause(other);
        assertThat(DatabaseOutage.isCause(loop)).isFalse();
    }
}
