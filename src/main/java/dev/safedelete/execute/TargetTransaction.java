package dev.safedelete.execute;

import dev.safedelete.execute.ExecutionFailure.Kind;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.KeyedStatements;
import dev.safedelete.sql.SqlStatement;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * An execution's transaction on the target: one pooled connection with the lock timeout set, rolled back on close
 * unless committed, and handed back to the pool as it came (or aborted when it cannot be).
 */
final class TargetTransaction implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;
    private final Dialect dialect;
    private boolean committed;
    private int isolation = Connection.TRANSACTION_READ_COMMITTED;

    private TargetTransaction(DataSource dataSource, Connection connection, Dialect dialect) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.dialect = dialect;
    }

    static TargetTransaction begin(DataSource dataSource, Dialect dialect, Duration lockTimeout)
            throws ExecutionFailure {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new ExecutionFailure(Kind.CONNECTION_LOST, "cannot reach the target: " + e.getMessage(), e);
        }
        var tx = new TargetTransaction(dataSource, c, dialect);
        try {
            tx.isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            // each statement sees what others committed before it (InnoDB's default, REPEATABLE READ, would keep
            // reading the first snapshot, and a re-derivation must see rows that joined since)
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            KeyedStatements.settings(c, dialect.lockTimeout(lockTimeout));
            return tx;
        } catch (SQLException e) {
            tx.close();
            throw Failures.of(dialect, lockTimeout, e);
        }
    }

    Connection connection() {
        return connection;
    }

    /**
     * Commits. When the connection breaks during COMMIT, a new connection asks whether the roots are still there
     * ({@code rootsLeft} counts them): gone means the commit happened (nothing else deletes them while we hold their
     * locks), all present means it did not; no answer at all is {@link Kind#COMMIT_UNKNOWN}.
     */
    <T> T commit(T applied, SqlStatement rootsLeft) throws ExecutionFailure {
        try {
            connection.commit();
            committed = true;
            return applied;
        } catch (SQLException lost) {
            committed = true; // whatever happened, there is nothing left to roll back on this connection
            try (Connection probe = dataSource.getConnection()) {
                long left = ((Number) new KeyedStatements(probe, 0).single(rootsLeft)[0]).longValue();
                if (left == 0) {
                    return applied;
                }
                throw new ExecutionFailure(Kind.CONNECTION_LOST,
                        "the connection was lost during COMMIT; the roots are still there, so it was rolled back", lost);
            } catch (SQLException e) {
                throw new ExecutionFailure(Kind.COMMIT_UNKNOWN, "the connection was lost during COMMIT and the target "
                        + "cannot be asked whether it happened: " + e.getMessage(), lost);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone; the database rolls the transaction back itself
        }
        try {
            if (!connection.isClosed()) {
                KeyedStatements.settings(connection, dialect.resetLockTimeout());
                if (dialect.checksRowByRow()) {
                    // a pooled connection must never keep foreign-key checks off, whatever failed before
                    KeyedStatements.settings(connection, dialect.restoreForeignKeyChecks());
                }
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already broken
            }
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
