package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.PostgresCatalogLoader;
import dev.safedelete.catalog.TableName;

public class PostgresDialect extends QuotingDialect {

    public PostgresDialect() {
        super("\"", "\"");
    }

    @Override
    public boolean recursiveQueries() {
        return true;
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

    /**
     * With {@code session_replication_role = replica} PostgreSQL fires no trigger or rule enabled for the origin role,
     * the internal triggers that check and cascade foreign keys among them. SET LOCAL ends with the transaction, so a
     * rollback restores it too.
     */
    @Override
    public java.util.List<String> relaxForeignKeyChecks() {
        return java.util.List.of("SET LOCAL session_replication_role = replica");
    }

    @Override
    public java.util.List<String> restoreForeignKeyChecks() {
        return java.util.List.of("SET LOCAL session_replication_role = origin");
    }

    /**
     * With an index on the child's columns PostgreSQL's RI trigger costs about what relaxing saves, and relaxing would
     * keep tallied leaf rows from the database's own cascade (the cheapest delete there is); without one it scans the
     * child table once per deleted parent row (docs/benchmarks.md).
     */
    @Override
    public boolean relaxingPays(java.util.List<dev.safedelete.catalog.Relationship> into) {
        return into.stream().anyMatch(r -> r.source() == dev.safedelete.catalog.Relationship.Source.DATABASE
                && !r.indexed());
    }

    /** Whether the current role may set {@code session_replication_role}; has_parameter_privilege is 15+. */
    private static final String MAY_SET_REPLICATION_ROLE = """
            select rolsuper or has_parameter_privilege('session_replication_role', 'SET')
            from pg_roles where rolname = current_user
            """;

    private static final String IS_SUPERUSER = "select rolsuper from pg_roles where rolname = current_user";

    /**
     * The tables asked about (bound as two arrays, schemas and names), then: every foreign key referencing one of
     * them, from any schema, one row a column pair, including those PostgreSQL clones onto partitions (the catalog
     * skips those, so such a key keeps the checks on); their user triggers on DELETE or UPDATE that are not disabled
     * (tgtype bit 3 is DELETE, bit 4 UPDATE); their rules on DELETE (ev_type 4) or UPDATE (2) that are not disabled;
     * and whether they are partitioned, partitions, or take part in inheritance.
     */
    private static final String CENSUS = """
            with asked as (
                select n.nspname, c.relname, c.oid, c.relkind, c.relispartition
                from unnest(?::text[], ?::text[]) as t(schema_name, table_name)
                join pg_namespace n on n.nspname = t.schema_name
                join pg_class c on c.relnamespace = n.oid and c.relname = t.table_name
            )
            select 'FOREIGN KEY', cn.nspname, cc.relname, con.conname, k.ord, ca.attname, a.nspname, a.relname,
                   pa.attname
            from asked a
            join pg_constraint con on con.confrelid = a.oid and con.contype = 'f'
            join pg_class cc on cc.oid = con.conrelid
            join pg_namespace cn on cn.oid = cc.relnamespace
            cross join lateral unnest(con.conkey, con.confkey) with ordinality as k(child_attnum, parent_attnum, ord)
            join pg_attribute ca on ca.attrelid = con.conrelid and ca.attnum = k.child_attnum
            join pg_attribute pa on pa.attrelid = con.confrelid and pa.attnum = k.parent_attnum
            union all
            select 'TRIGGER', a.nspname, a.relname, t.tgname, 0, null, null, null, null
            from asked a
            join pg_trigger t on t.tgrelid = a.oid
            where not t.tgisinternal and t.tgenabled <> 'D' and (t.tgtype & 24) <> 0
            union all
            select 'RULE', a.nspname, a.relname, r.rulename, 0, null, null, null, null
            from asked a
            join pg_rewrite r on r.ev_class = a.oid
            where r.rulename <> '_RETURN' and r.ev_type in ('2', '4') and r.ev_enabled <> 'D'
            union all
            select 'PARTITIONED OR INHERITED', a.nspname, a.relname, null, 0, null, null, null, null
            from asked a
            where a.relkind = 'p' or a.relispartition
               or exists (select 1 from pg_inherits i where i.inhrelid = a.oid or i.inhparent = a.oid)
            """;

    /**
     * Only a role that may set {@code session_replication_role} (a superuser, or on 15+ one granted SET on it) gets an
     * answer: for any other, relaxing would fail. pg_catalog shows every role every table and constraint, so unlike
     * on MariaDB the answer never misses a table the account cannot see.
     */
    @Override
    public java.util.Optional<ForeignKeyCensus> foreignKeyCensus(java.sql.Connection c,
                                                                 java.util.Collection<TableName> tables,
                                                                 int queryTimeoutSeconds) throws java.sql.SQLException {
        String maySet = c.getMetaData().getDatabaseMajorVersion() >= 15 ? MAY_SET_REPLICATION_ROLE : IS_SUPERUSER;
        try (var ps = c.prepareStatement(maySet)) {
            timeout(ps, queryTimeoutSeconds);
            try (var rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return java.util.Optional.empty();
                }
            }
        }
        var census = new ForeignKeyCensus.Rows();
        try (var ps = c.prepareStatement(CENSUS)) {
            timeout(ps, queryTimeoutSeconds);
            ps.setArray(1, c.createArrayOf("text", tables.stream().map(TableName::schema).toArray()));
            ps.setArray(2, c.createArrayOf("text", tables.stream().map(TableName::name).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var table = new TableName(rs.getString(2), rs.getString(3));
                    switch (rs.getString(1)) {
                        case "TRIGGER", "RULE" -> census.triggered(table);
                        case "PARTITIONED OR INHERITED" -> census.partitionedOrInherited(table);
                        default -> census.keyColumn(table, rs.getString(4), rs.getInt(5), rs.getString(6),
                                new TableName(rs.getString(7), rs.getString(8)), rs.getString(9));
                    }
                }
            }
        }
        return java.util.Optional.of(census.census());
    }

    private static void timeout(java.sql.PreparedStatement ps, int seconds) throws java.sql.SQLException {
        if (seconds > 0) {
            ps.setQueryTimeout(seconds);
        }
    }

    @Override
    public ComponentDeletion componentDeletion() {
        return ComponentDeletion.ONE_STATEMENT;
    }

    /**
     * Data-modifying CTEs, one per table, each naming its keys as one text array per key column cast to the column's
     * type: one statement whatever the component's size, checked by PostgreSQL once at its end (RESTRICT and NO ACTION
     * self-references included). Keys without an exact text form (binary) are not bound this way.
     */
    @Override
    public java.util.Optional<SqlStatement> deleteComponent(java.util.List<StatementBuilder.ComponentRows> parts) {
        var sql = new StringBuilder("WITH ");
        var values = new java.util.ArrayList<Object>();
        for (int i = 0; i < parts.size(); i++) {
            var part = parts.get(i);
            var key = part.table().primaryKey();
            var arrays = new java.util.ArrayList<String>();
            for (int c = 0; c < key.size(); c++) {
                var column = part.table().column(key.get(c)).orElseThrow();
                var texts = new java.util.ArrayList<Object>(part.keys().size());
                for (Object[] k : part.keys()) {
                    if (k[c] instanceof byte[]) {
                        return java.util.Optional.empty();
                    }
                    texts.add(k[c] instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(k[c]));
                }
                values.add(new SqlArray("text", texts));
                arrays.add("CAST(? AS text[])::" + column.type() + "[]");
            }
            String match = key.size() == 1
                    ? quote(key.get(0)) + " = ANY(" + arrays.get(0) + ")"
                    : "(" + columnList(key) + ") IN (SELECT * FROM unnest(" + String.join(", ", arrays) + "))";
            sql.append(i == 0 ? "" : ", ").append("d").append(i).append(" AS (DELETE FROM ")
                    .append(table(part.table().name())).append(" WHERE ").append(match).append(" RETURNING 1)");
        }
        sql.append(" SELECT ");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM d").append(i).append(")");
        }
        return java.util.Optional.of(new SqlStatement(sql.toString(), values));
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
                        + countAndHash(keyColumns) + " FROM gone", true);
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
