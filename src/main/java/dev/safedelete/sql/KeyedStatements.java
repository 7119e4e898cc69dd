package dev.safedelete.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs {@link SqlStatement}s on one connection with one timeout: binds their values, reads their rows normalized
 * ({@link JdbcValues}), and tells a {@link Log} about every statement that changes data, in the order they run. The
 * planner's traversal, the tallies and the executor all go through it.
 */
public final class KeyedStatements {

    /** Told about each data-changing statement just before it runs. */
    @FunctionalInterface
    public interface Log {
        Log NONE = s -> { };

        void ran(SqlStatement statement);
    }

    @FunctionalInterface
    public interface RowSink {
        void accept(Object[] row) throws SQLException;
    }

    @FunctionalInterface
    public interface BatchAction<T> {
        void accept(List<T> batch) throws SQLException;
    }

    private static final int FETCH_SIZE = 2000;

    private final Connection connection;
    private final int timeoutSeconds;
    private final Log log;

    public KeyedStatements(Connection connection, int timeoutSeconds, Log log) {
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
        this.log = log;
    }

    public KeyedStatements(Connection connection, int timeoutSeconds) {
        this(connection, timeoutSeconds, Log.NONE);
    }

    public Connection connection() {
        return connection;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Runs a data-changing statement; answers its update count. */
    public int update(SqlStatement s) throws SQLException {
        log.ran(s);
        try (PreparedStatement ps = prepare(s)) {
            return ps.executeUpdate();
        }
    }

    /** The one row a data-changing statement answers. */
    public Object[] changeSingle(SqlStatement s) throws SQLException {
        log.ran(s);
        return single(s);
    }

    /** Runs a query. */
    public void query(SqlStatement s, RowSink sink) throws SQLException {
        read(s, sink);
    }

    /** The first row of a query; every query asked this way answers exactly one. */
    public Object[] single(SqlStatement s) throws SQLException {
        Object[][] out = new Object[1][];
        read(s, row -> {
            if (out[0] == null) {
                out[0] = row;
            }
        });
        return out[0];
    }

    private void read(SqlStatement s, RowSink sink) throws SQLException {
        try (PreparedStatement ps = prepare(s)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = JdbcValues.normalize(rs.getObject(i + 1));
                    }
                    sink.accept(row);
                }
            }
        }
    }

    private PreparedStatement prepare(SqlStatement s) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(s.sql());
        try {
            if (timeoutSeconds > 0) {
                ps.setQueryTimeout(timeoutSeconds);
            }
            for (int i = 0; i < s.values().size(); i++) {
                Object v = s.value(i);
                if (v instanceof SqlArray a) {
                    ps.setArray(i + 1, connection.createArrayOf(a.elementType(), a.elements().toArray()));
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Session or transaction settings (lock timeout, foreign-key enforcement): plain statements without values. */
    public static void settings(Connection c, List<String> statements) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** {@code items} in consecutive batches of at most {@code size}, one call each. */
    public static <T> void inBatches(List<T> items, int size, BatchAction<T> action) throws SQLException {
        for (int from = 0; from < items.size(); from += size) {
            action.accept(items.subList(from, Math.min(items.size(), from + size)));
        }
    }
}
