package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.PostgresCatalogLoader;

public class PostgresDialect extends QuotingDialect {

    public PostgresDialect() {
        super("\"", "\"");
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public java.util.List<String> lockTimeout(java.time.Duration timeout) {
        return java.util.List.of("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'");
    }

    /** SET LOCAL ends with the transaction: nothing to undo. */
    @Override
    public java.util.List<String> resetLockTimeout() {
        return java.util.List.of();
    }

    /** Data-modifying CTEs: one statement, constraints checked once at its end. */
    @Override
    public java.util.Optional<String> deleteTogether(java.util.List<KeyedDelete> parts) {
        var sql = new StringBuilder("WITH ");
        for (int i = 0; i < parts.size(); i++) {
            KeyedDelete p = parts.get(i);
            sql.append(i == 0 ? "" : ", ").append("d").append(i).append(" AS (DELETE FROM ").append(table(p.table()))
                    .append(" WHERE ").append(keyPredicate(p.keyColumns(), p.rows())).append(" RETURNING 1)");
        }
        sql.append(" SELECT ");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM d").append(i).append(")");
        }
        return java.util.Optional.of(sql.toString());
    }

    /**
     * Counts with {@code hashint8extended} over the key columns, summed as numeric (exact, and order-independent); the
     * delete counts and hashes the keys it returns, so the rows deleted are exactly the rows tallied or the
     * executor refuses; {@code pg_stat_get_xact_tuples_deleted}, this backend's own count for the current transaction
     * (it needs {@code track_counts}, on by default), tells whether anything else deleted rows of the table too.
     */
    @Override
    public java.util.Optional<LeafTally> leafTally() {
        return java.util.Optional.of(new LeafTally() {
            @Override
            public boolean available(java.sql.Connection connection) throws java.sql.SQLException {
                try (var s = connection.createStatement();
                     var rs = s.executeQuery("SELECT current_setting('track_counts')::boolean")) {
                    return rs.next() && rs.getBoolean(1);
                }
            }

            @Override
            public String tally(dev.safedelete.catalog.TableName table, java.util.List<String> keyColumns,
                                java.util.List<String> matchColumns, int tuples) {
                return "SELECT " + countAndHash(keyColumns) + " FROM " + table(table) + " WHERE "
                        + keyPredicate(matchColumns, tuples);
            }

            @Override
            public TalliedDelete delete(dev.safedelete.catalog.TableName table, java.util.List<String> keyColumns,
                                        java.util.List<String> matchColumns, int tuples) {
                return new TalliedDelete("WITH gone AS (DELETE FROM " + table(table) + " WHERE "
                        + keyPredicate(matchColumns, tuples) + " RETURNING " + columnList(keyColumns) + ") SELECT "
                        + countAndHash(keyColumns) + " FROM gone", java.util.Optional.empty());
            }

            @Override
            public java.util.Optional<String> deletedInTransaction(dev.safedelete.catalog.TableName table) {
                return java.util.Optional.of("SELECT pg_stat_get_xact_tuples_deleted('"
                        + table(table).replace("'", "''") + "'::regclass)");
            }
        });
    }

    private String countAndHash(java.util.List<String> keyColumns) {
        String hash = "0";
        for (int i = keyColumns.size() - 1; i >= 0; i--) {
            hash = "hashint8extended(" + quote(keyColumns.get(i)) + "::int8, " + hash + ")";
        }
        return "count(*), coalesce(sum(" + hash + "), 0)::text";
    }

    @Override
    public FailureKind classify(java.sql.SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "55P03" -> FailureKind.LOCK_TIMEOUT;
            case "57014" -> FailureKind.STATEMENT_TIMEOUT;
            case "57P01", "57P02", "57P03" -> FailureKind.CONNECTION_LOST;
            default -> super.classify(e);
        };
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new PostgresCatalogLoader();
    }
}
