package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.MariaDbCatalogLoader;

public class MariaDbDialect extends QuotingDialect {

    public MariaDbDialect() {
        super("`", "`");
    }

    @Override
    public String name() {
        return "mariadb";
    }

    /**
     * MariaDB's optimiser has not always used an index for a row-value IN list; OR-ed conjunctions always go
     * through its range optimiser, so composite keys are spelled that way.
     */
    @Override
    public String keyPredicate(java.util.List<String> columns, int rows) {
        if (columns.size() == 1) {
            return super.keyPredicate(columns, rows);
        }
        String conj = "(" + columns.stream().map(c -> quote(c) + " = ?")
                .collect(java.util.stream.Collectors.joining(" AND ")) + ")";
        return "(" + String.join(" OR ", java.util.Collections.nCopies(rows, conj)) + ")";
    }

    @Override
    public java.util.List<String> nativeDeleteCaveats(NativeDeleteFacts facts) {
        var out = new java.util.ArrayList<String>();
        facts.selfReferencingRows().forEach((rel, n) -> out.add(("%d row(s) reference themselves through %s: InnoDB "
                + "checks RESTRICT and NO ACTION keys row by row, so a plain DELETE fails on them (error 1451); SafeDelete relaxes "
                + "the check for exactly the statement that deletes them, inside the transaction").formatted(n, rel)));
        if (facts.cascadeDepth() > 15) {
            out.add(("the cascade is at least %d levels deep: InnoDB refuses cascades deeper than 15 (error 1451); "
                    + "SafeDelete deletes children first without relying on the cascade").formatted(facts.cascadeDepth()));
        }
        return out;
    }

    @Override
    public java.util.List<String> lockTimeout(java.time.Duration timeout) {
        return java.util.List.of("SET SESSION innodb_lock_wait_timeout = " + Math.max(1, timeout.toSeconds()));
    }

    @Override
    public java.util.List<String> resetLockTimeout() {
        return java.util.List.of("SET SESSION innodb_lock_wait_timeout = DEFAULT");
    }

    @Override
    public boolean checksRowByRow() {
        return true;
    }

    @Override
    public java.util.List<String> relaxForeignKeyChecks() {
        return java.util.List.of("SET SESSION foreign_key_checks = 0");
    }

    @Override
    public java.util.List<String> restoreForeignKeyChecks() {
        return java.util.List.of("SET SESSION foreign_key_checks = 1");
    }

    @Override
    public FailureKind classify(java.sql.SQLException e) {
        return switch (e.getErrorCode()) {
            case 1205 -> FailureKind.LOCK_TIMEOUT;
            case 1969, 3024 -> FailureKind.STATEMENT_TIMEOUT;
            case 2006, 2013 -> FailureKind.CONNECTION_LOST;
            default -> super.classify(e);
        };
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new MariaDbCatalogLoader();
    }
}
