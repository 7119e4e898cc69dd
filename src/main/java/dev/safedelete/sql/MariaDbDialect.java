package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.MariaDbCatalogLoader;
import dev.safedelete.catalog.MariaDbGrants;
import dev.safedelete.catalog.TableName;

public class MariaDbDialect extends QuotingDialect {

    public MariaDbDialect() {
        super("`", "`");
    }

    @Override
    public boolean recursiveQueries() {
        return true;
    }

    /**
     * MariaDB stops a recursive query after max_recursive_iterations (1,000 by default) without an error, which would
     * silently cut a deep chain short; the limit is lifted for exactly this statement. UNION ends cycles anyway.
     */
    @Override
    public String unboundedRecursion(String withRecursive) {
        return "SET STATEMENT max_recursive_iterations = 4294967295 FOR " + withRecursive;
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

    /**
     * Counts with a 64-bit hash per key built from two CRC32s (of the key's text and of its reverse: CRC32 alone is 32
     * bits, and a CRC of a text with a suffix is a function of the text's CRC), summed as DECIMAL, exact and
     * order-independent. Execution counts the rows under exclusive locks ({@code FOR UPDATE}, through the foreign
     * key's index, which InnoDB always has), so that none can change, leave or join (a row joining must check its
     * parent, which the executor holds locked) before the DELETE, which must then remove exactly as many. MariaDB keeps
     * no per-transaction count of deleted rows.
     */
    @Override
    public java.util.Optional<LeafTally> leafTally() {
        return java.util.Optional.of(new LeafTally() {
            @Override
            public boolean available(java.sql.Connection connection) {
                return true;
            }

            @Override
            public String tally(TableName table, java.util.List<String> keyColumns,
                                java.util.List<String> matchColumns, int tuples) {
                String text = "CONCAT_WS(',', " + columnList(keyColumns) + ")";
                return "SELECT COUNT(*), CAST(COALESCE(SUM((CRC32(" + text + ") << 32) | CRC32(REVERSE(" + text
                        + "))), 0) AS CHAR) FROM " + table(table) + " WHERE " + keyPredicate(matchColumns, tuples);
            }

            @Override
            public java.util.Optional<String> lockingTally(TableName table, java.util.List<String> keyColumns,
                                                           java.util.List<String> matchColumns, int tuples) {
                return java.util.Optional.of(tally(table, keyColumns, matchColumns, tuples) + forUpdate());
            }

            @Override
            public TalliedDelete delete(TableName table, java.util.List<String> keyColumns,
                                        java.util.List<String> matchColumns, int tuples) {
                return new TalliedDelete("DELETE FROM " + table(table) + " WHERE " + keyPredicate(matchColumns, tuples),
                        false);
            }
        });
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

    /**
     * KEY_COLUMN_USAGE rather than REFERENTIAL_CONSTRAINTS: the latter hides the foreign keys of tables the account
     * holds no more than SELECT on, and lacks the referenced schema and the columns.
     */
    private static final String CENSUS = """
            select 'FOREIGN KEY', TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION, COLUMN_NAME,
                   REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
            from information_schema.KEY_COLUMN_USAGE
            where REFERENCED_TABLE_NAME is not null and (REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME) in (%1$s)
            union all
            select 'TRIGGER', EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, 0, null, null, null, null
            from information_schema.TRIGGERS
            where EVENT_MANIPULATION in ('DELETE', 'UPDATE') and (EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE) in (%1$s)
            """;

    /**
     * information_schema shows an account only the tables it holds some privilege on, and a foreign key from a table
     * it cannot see is exactly the one that would keep orphans; so only an account that sees every table gets an
     * answer. Roles count as SHOW GRANTS shows them (the current role's grants).
     */
    @Override
    public java.util.Optional<ForeignKeyCensus> foreignKeyCensus(java.sql.Connection c,
                                                                 java.util.Collection<TableName> tables,
                                                                 int queryTimeoutSeconds) throws java.sql.SQLException {
        var lines = new java.util.ArrayList<String>();
        try (var s = c.createStatement(); var rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        if (!MariaDbGrants.parse(lines).seesEveryTable()) {
            return java.util.Optional.empty();
        }
        if (tables.isEmpty()) {
            return java.util.Optional.of(new ForeignKeyCensus(java.util.List.of(), java.util.Set.of()));
        }
        String pairs = String.join(", ", java.util.Collections.nCopies(tables.size(), "(?, ?)"));
        var census = new ForeignKeyCensus.Rows();
        try (var ps = c.prepareStatement(CENSUS.formatted(pairs))) {
            if (queryTimeoutSeconds > 0) {
                ps.setQueryTimeout(queryTimeoutSeconds);
            }
            int p = 1;
            for (int part = 0; part < 2; part++) {
                for (TableName t : tables) {
                    ps.setString(p++, t.schema());
                    ps.setString(p++, t.name());
                }
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var table = new TableName(rs.getString(2), rs.getString(3));
                    if (rs.getString(1).equals("TRIGGER")) {
                        census.triggered(table);
                    } else {
                        census.keyColumn(table, rs.getString(4), rs.getInt(5), rs.getString(6),
                                new TableName(rs.getString(7), rs.getString(8)), rs.getString(9));
                    }
                }
            }
        }
        return java.util.Optional.of(census.census());
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
