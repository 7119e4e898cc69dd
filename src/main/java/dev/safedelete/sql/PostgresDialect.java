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
