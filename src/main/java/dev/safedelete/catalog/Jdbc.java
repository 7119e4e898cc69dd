package dev.safedelete.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The few JDBC moves the loaders repeat: run one catalog query and map each row. */
final class Jdbc {

    private Jdbc() {
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    static <T> List<T> query(Connection connection, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            // catalog results of big schemas are long; fetch them in large pages rather than the driver default
            statement.setFetchSize(5_000);
            try (var rows = statement.executeQuery()) {
                var result = new ArrayList<T>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper) throws SQLException {
        return query(connection, sql, s -> { }, mapper);
    }

    /** {@code ?, ?, ?} for an IN list of {@code n} values; an empty list gives {@code NULL}, which matches nothing. */
    static String placeholders(int n) {
        return n == 0 ? "NULL" : String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static Binder strings(List<String> values) {
        return statement -> {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
        };
    }
}
