package dev.safedelete.catalog;

import dev.safedelete.catalog.CatalogRows.ColumnRow;
import dev.safedelete.catalog.CatalogRows.ForeignKeyRow;
import dev.safedelete.catalog.CatalogRows.IndexKind;
import dev.safedelete.catalog.CatalogRows.IndexRow;
import dev.safedelete.catalog.CatalogRows.TableRow;
import dev.safedelete.catalog.CatalogRows.TriggerRow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads a MariaDB (or MySQL) schema from {@code information_schema} in six statements. A schema is a database
 * here; foreign keys may reference tables of other databases, and those are followed like any other.
 *
 * <p>What the connected account may do comes from {@code SHOW GRANTS} (see {@link MariaDbGrants}). Triggers are
 * visible only to an account with the TRIGGER privilege on their table; without it a table looks trigger-free.
 *
 * <p>Foreign keys are found in KEY_COLUMN_USAGE, which shows them to any account that may read the table.
 * REFERENTIAL_CONSTRAINTS, the only place with their rules, hides the foreign keys of tables the account holds no
 * more than SELECT on; for those tables (and only those) the rules are read from {@code SHOW CREATE TABLE}, one
 * statement per table, since guessing a rule would make a preview lie.
 */
public class MariaDbCatalogLoader implements CatalogLoader {

    private static final String SYSTEM_SCHEMAS = "'mysql', 'information_schema', 'performance_schema', 'sys'";

    private static final String TABLES = """
            select TABLE_SCHEMA, TABLE_NAME
            from information_schema.TABLES
            where TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED')
              and TABLE_SCHEMA not in (%s)
            """.formatted(SYSTEM_SCHEMAS);

    /**
     * One row per column pair; KEY_COLUMN_USAGE pairs each child column with the parent column it references, and
     * ORDINAL_POSITION orders the pairs as the constraint declares them. DELETE_RULE is NULL where
     * REFERENTIAL_CONSTRAINTS hides the constraint.
     */
    private static final String FOREIGN_KEYS = """
            select k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION, k.COLUMN_NAME,
                   k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
                   rc.DELETE_RULE, rc.UPDATE_RULE, rc.MATCH_OPTION
            from information_schema.KEY_COLUMN_USAGE k
            left join information_schema.REFERENTIAL_CONSTRAINTS rc
              on rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA
             and rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME
             and rc.TABLE_NAME = k.TABLE_NAME
            where k.REFERENCED_TABLE_NAME is not null
              and k.TABLE_SCHEMA not in (%s)
            """.formatted(SYSTEM_SCHEMAS);

    private static final String COLUMNS = """
            select TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, DATA_TYPE,
                   IS_NULLABLE, COLUMN_DEFAULT, IS_GENERATED
            from information_schema.COLUMNS
            where TABLE_SCHEMA in (%s)
            """;

    /** SUB_PART marks a prefix index (first n characters): not a key on the column, not a lookup by value. */
    private static final String INDEXES = """
            select TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART
            from information_schema.STATISTICS
            where TABLE_SCHEMA in (%s)
            """;

    private static final String TRIGGERS = """
            select EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, EVENT_MANIPULATION
            from information_schema.TRIGGERS
            where EVENT_OBJECT_SCHEMA in (%s) and EVENT_MANIPULATION in ('DELETE', 'UPDATE')
            """;

    @Override
    public Catalog load(Connection connection, List<String> schemas) throws SQLException {
        var meta = connection.getMetaData();
        var grants = MariaDbGrants.parse(Jdbc.query(connection, "SHOW GRANTS", r -> r.getString(1)));
        var tables = Jdbc.query(connection, TABLES, r -> {
            var name = new TableName(r.getString(1), r.getString(2));
            return new TableRow(name, grants.allows("DELETE", name), grants.allows("UPDATE", name));
        });
        var foreignKeys = withHiddenRules(connection, Jdbc.query(connection, FOREIGN_KEYS, MariaDbCatalogLoader::foreignKeyRow));
        var target = CatalogAssembler.targetTables(tables, foreignKeys, schemas);
        var targetSchemas = CatalogAssembler.schemasOf(target);
        var in = Jdbc.placeholders(targetSchemas.size());
        var bind = Jdbc.strings(targetSchemas);
        var columns = Jdbc.query(connection, COLUMNS.formatted(in), bind, MariaDbCatalogLoader::columnRow);
        var indexes = usableIndexes(Jdbc.query(connection, INDEXES.formatted(in), bind, IndexStatistic::of));
        var triggers = Jdbc.query(connection, TRIGGERS.formatted(in), bind, r -> new TriggerRow(
                new TableName(r.getString(1), r.getString(2)), r.getString(3),
                TriggerInfo.Event.valueOf(r.getString(4).toUpperCase(Locale.ROOT))));
        return CatalogAssembler.assemble(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), target,
                tables, columns, indexes, triggers, foreignKeys);
    }

    /** A foreign key column pair whose rules may be unknown ({@code null}) until read from SHOW CREATE TABLE. */
    private record KeyColumn(TableName child, String constraint, int position, String childColumn, TableName parent,
                             String parentColumn, String deleteRule, String updateRule, String match) {
        ForeignKeyRow withRules(String delete, String update) {
            return new ForeignKeyRow(child, constraint, position, childColumn, parent, parentColumn,
                    Rule.fromSql(delete), Rule.fromSql(update), false, false, List.of(),
                    "FULL".equalsIgnoreCase(match) ? Relationship.Match.FULL : Relationship.Match.SIMPLE);
        }
    }

    private static KeyColumn foreignKeyRow(ResultSet r) throws SQLException {
        return new KeyColumn(new TableName(r.getString(1), r.getString(2)), r.getString(3), r.getInt(4),
                r.getString(5), new TableName(r.getString(6), r.getString(7)), r.getString(8),
                r.getString(9), r.getString(10), r.getString(11));
    }

    private static List<ForeignKeyRow> withHiddenRules(Connection connection, List<KeyColumn> keyColumns) throws SQLException {
        var hidden = new java.util.TreeSet<TableName>();
        keyColumns.stream().filter(k -> k.deleteRule() == null).forEach(k -> hidden.add(k.child()));
        var rulesByConstraint = new java.util.HashMap<String, String[]>();
        var gone = new java.util.HashSet<TableName>();
        for (var table : hidden) {
            List<String> ddl;
            try {
                ddl = Jdbc.query(connection, "SHOW CREATE TABLE " + quote(table.schema()) + "." + quote(table.name()),
                        r -> r.getString(2));
            } catch (SQLException e) {
                // Dropped (1146) or its database dropped (1049) since information_schema listed it, which is also why
                // its rules were missing: a table that is gone has no foreign keys.
                if (e.getErrorCode() == 1146 || e.getErrorCode() == 1049) {
                    gone.add(table);
                    continue;
                }
                throw e;
            }
            MariaDbCreateTable.foreignKeyRules(ddl.get(0)).forEach((name, rules) ->
                    rulesByConstraint.put(table.qualified() + "\u0000" + name, rules));
        }
        var result = new java.util.ArrayList<ForeignKeyRow>();
        for (var k : keyColumns) {
            if (gone.contains(k.child())) {
                continue;
            }
            if (k.deleteRule() != null) {
                result.add(k.withRules(k.deleteRule(), k.updateRule()));
            } else {
                var rules = rulesByConstraint.get(k.child().qualified() + "\u0000" + k.constraint());
                if (rules == null) {
                    throw new SQLException("cannot read the rules of foreign key " + k.constraint() + " of " + k.child());
                }
                result.add(k.withRules(rules[0], rules[1]));
            }
        }
        return result;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static ColumnRow columnRow(ResultSet r) throws SQLException {
        boolean generated = !"NEVER".equalsIgnoreCase(r.getString("IS_GENERATED"));
        return new ColumnRow(new TableName(r.getString(1), r.getString(2)), r.getString(3), r.getInt(4),
                r.getString("COLUMN_TYPE"), JdbcTypes.mariaDb(r.getString("DATA_TYPE"), r.getString("COLUMN_TYPE")),
                "YES".equals(r.getString("IS_NULLABLE")), generated ? null : defaultValue(r.getString("COLUMN_DEFAULT")));
    }

    /**
     * MariaDB 10.2.7+ spells defaults as SQL: {@code 'text'}, {@code 5}, {@code current_timestamp()}, and the word
     * {@code NULL} for an explicit or implicit NULL default, which means the same as no default to a delete.
     */
    static String defaultValue(String columnDefault) {
        return columnDefault == null || columnDefault.equalsIgnoreCase("NULL") ? null : columnDefault;
    }

    /** One STATISTICS row. */
    record IndexStatistic(TableName table, String index, boolean unique, int position, String column, boolean prefix) {
        static IndexStatistic of(ResultSet r) throws SQLException {
            r.getInt("SUB_PART");
            boolean prefix = !r.wasNull();
            return new IndexStatistic(new TableName(r.getString(1), r.getString(2)), r.getString(3),
                    r.getInt("NON_UNIQUE") == 0, r.getInt("SEQ_IN_INDEX"), r.getString("COLUMN_NAME"), prefix);
        }
    }

    /** Drops whole indexes that have a prefix part or an expression part (MySQL 8 functional indexes). */
    static List<IndexRow> usableIndexes(List<IndexStatistic> statistics) {
        var unusable = new HashSet<String>();
        statistics.stream().filter(s -> s.prefix() || s.column() == null)
                .forEach(s -> unusable.add(s.table().qualified() + "\u0000" + s.index()));
        return statistics.stream()
                .filter(s -> !unusable.contains(s.table().qualified() + "\u0000" + s.index()))
                .map(s -> new IndexRow(s.table(), s.index(),
                        s.index().equals("PRIMARY") ? IndexKind.PRIMARY : s.unique() ? IndexKind.UNIQUE : IndexKind.PLAIN,
                        s.position(), s.column()))
                .toList();
    }
}
