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
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a SQL Server schema from the {@code sys} catalog views in five queries. The queries return the views'
 * raw values ({@link SqlServerRows}); {@link #map} turns them into the model without a connection, which is how
 * this loader is tested: no SQL Server runs where SafeDelete is built, so the SQL below has not been run against
 * a live server.
 */
public class SqlServerCatalogLoader implements CatalogLoader {

    private static final String TABLES = """
            select s.name as schema_name, t.name as table_name,
                   HAS_PERMS_BY_NAME(quotename(s.name) + '.' + quotename(t.name), 'OBJECT', 'DELETE') as can_delete,
                   HAS_PERMS_BY_NAME(quotename(s.name) + '.' + quotename(t.name), 'OBJECT', 'UPDATE') as can_update
            from sys.tables t
            join sys.schemas s on s.schema_id = t.schema_id
            where t.is_ms_shipped = 0 and s.name not in ('sys', 'INFORMATION_SCHEMA')
            """;

    /** One row per column pair; constraint_column_id numbers the pairs in declaration order. */
    private static final String FOREIGN_KEYS = """
            select cs.name as child_schema, ct.name as child_table, fk.name as constraint_name,
                   fkc.constraint_column_id, cc.name as child_column,
                   ps.name as parent_schema, pt.name as parent_table, pc.name as parent_column,
                   fk.delete_referential_action, fk.update_referential_action, fk.is_disabled
            from sys.foreign_keys fk
            join sys.foreign_key_columns fkc on fkc.constraint_object_id = fk.object_id
            join sys.tables ct on ct.object_id = fk.parent_object_id
            join sys.schemas cs on cs.schema_id = ct.schema_id
            join sys.columns cc on cc.object_id = fkc.parent_object_id and cc.column_id = fkc.parent_column_id
            join sys.tables pt on pt.object_id = fk.referenced_object_id
            join sys.schemas ps on ps.schema_id = pt.schema_id
            join sys.columns pc on pc.object_id = fkc.referenced_object_id and pc.column_id = fkc.referenced_column_id
            """;

    /** Alias types (CREATE TYPE ... FROM int) report their system base type through system_type_id. */
    private static final String COLUMNS = """
            select s.name as schema_name, t.name as table_name, c.name as column_name, c.column_id,
                   ty.name as type_name, bt.name as base_type_name, c.max_length, c.precision, c.scale,
                   c.is_nullable, dc.definition as default_definition, c.is_computed
            from sys.columns c
            join sys.tables t on t.object_id = c.object_id
            join sys.schemas s on s.schema_id = t.schema_id
            join sys.types ty on ty.user_type_id = c.user_type_id
            left join sys.types bt on bt.user_type_id = ty.system_type_id
            left join sys.default_constraints dc on dc.object_id = c.default_object_id
            where s.name in (%s)
            """;

    /** Key columns only (key_ordinal 0 marks INCLUDE columns); heaps (type 0) are no index. */
    private static final String INDEXES = """
            select s.name as schema_name, t.name as table_name, i.name as index_name, i.is_primary_key, i.is_unique,
                   ic.key_ordinal, c.name as column_name, i.has_filter
            from sys.indexes i
            join sys.index_columns ic on ic.object_id = i.object_id and ic.index_id = i.index_id
            join sys.columns c on c.object_id = ic.object_id and c.column_id = ic.column_id
            join sys.tables t on t.object_id = i.object_id
            join sys.schemas s on s.schema_id = t.schema_id
            where i.type > 0 and ic.key_ordinal > 0 and i.is_hypothetical = 0 and i.is_disabled = 0
              and s.name in (%s)
            """;

    private static final String TRIGGERS = """
            select s.name as schema_name, t.name as table_name, tr.name as trigger_name, te.type_desc, tr.is_disabled
            from sys.triggers tr
            join sys.trigger_events te on te.object_id = tr.object_id
            join sys.tables t on t.object_id = tr.parent_id
            join sys.schemas s on s.schema_id = t.schema_id
            where tr.is_ms_shipped = 0 and te.type_desc in ('DELETE', 'UPDATE')
              and s.name in (%s)
            """;

    @Override
    public Catalog load(Connection connection, List<String> schemas) throws SQLException {
        var meta = connection.getMetaData();
        var tables = Jdbc.query(connection, TABLES, r -> new SqlServerRows.Table(r.getString(1), r.getString(2),
                nullableInt(r, 3), nullableInt(r, 4)));
        var foreignKeys = Jdbc.query(connection, FOREIGN_KEYS, r -> new SqlServerRows.ForeignKeyColumn(
                r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getInt(9), r.getInt(10), r.getBoolean(11)));
        var target = CatalogAssembler.targetTables(tableRows(tables), foreignKeyRows(foreignKeys), schemas);
        var targetSchemas = CatalogAssembler.schemasOf(target);
        var in = Jdbc.placeholders(targetSchemas.size());
        var bind = Jdbc.strings(targetSchemas);
        var columns = Jdbc.query(connection, COLUMNS.formatted(in), bind, r -> new SqlServerRows.Column(
                r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5), r.getString(6),
                r.getShort(7), r.getInt(8), r.getInt(9), r.getBoolean(10), r.getString(11), r.getBoolean(12)));
        var indexes = Jdbc.query(connection, INDEXES.formatted(in), bind, r -> new SqlServerRows.IndexColumn(
                r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4), r.getBoolean(5), r.getInt(6),
                r.getString(7), r.getBoolean(8)));
        var triggers = Jdbc.query(connection, TRIGGERS.formatted(in), bind, r -> new SqlServerRows.TriggerEvent(
                r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getBoolean(5)));
        return map(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), schemas,
                new SqlServerRows(tables, foreignKeys, columns, indexes, triggers));
    }

    private static Integer nullableInt(ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }

    /** The whole row-to-model step: a pure function of what the {@code sys} views returned. */
    public static Catalog map(String product, String version, List<String> schemas, SqlServerRows rows) {
        var tables = tableRows(rows.tables());
        var foreignKeys = foreignKeyRows(rows.foreignKeys());
        var target = CatalogAssembler.targetTables(tables, foreignKeys, schemas);
        var columns = rows.columns().stream().map(c -> new ColumnRow(new TableName(c.schema(), c.table()), c.column(),
                c.columnId(), typeText(c), JdbcTypes.sqlServer(c.baseTypeName() == null ? c.typeName() : c.baseTypeName()),
                c.nullable(), c.computed() ? null : unwrapDefault(c.defaultDefinition()))).toList();
        var indexes = rows.indexes().stream().filter(i -> !i.hasFilter()).map(i -> new IndexRow(
                new TableName(i.schema(), i.table()), i.index(),
                i.primaryKey() ? IndexKind.PRIMARY : i.unique() ? IndexKind.UNIQUE : IndexKind.PLAIN,
                i.keyOrdinal(), i.column())).toList();
        var triggers = rows.triggers().stream()
                .filter(t -> !t.disabled() && Set.of("DELETE", "UPDATE").contains(t.typeDesc().toUpperCase(Locale.ROOT)))
                .map(t -> new TriggerRow(
                new TableName(t.schema(), t.table()), t.trigger(),
                TriggerInfo.Event.valueOf(t.typeDesc().toUpperCase(Locale.ROOT)))).toList();
        return CatalogAssembler.assemble(product, version, target, tables, columns, indexes, triggers, foreignKeys);
    }

    private static List<TableRow> tableRows(List<SqlServerRows.Table> tables) {
        // HAS_PERMS_BY_NAME answers 1, 0, or NULL when the object is not visible: only 1 allows
        return tables.stream().map(t -> new TableRow(new TableName(t.schema(), t.table()),
                Integer.valueOf(1).equals(t.canDelete()), Integer.valueOf(1).equals(t.canUpdate()))).toList();
    }

    /** Disabled foreign keys (NOCHECK) are left out: the database neither checks nor applies their actions. */
    private static List<ForeignKeyRow> foreignKeyRows(List<SqlServerRows.ForeignKeyColumn> rows) {
        return rows.stream().filter(f -> !f.disabled()).map(f -> new ForeignKeyRow(
                new TableName(f.childSchema(), f.childTable()), f.constraint(), f.constraintColumnId(), f.childColumn(),
                new TableName(f.parentSchema(), f.parentTable()), f.parentColumn(),
                rule(f.deleteAction()), rule(f.updateAction()), false, false, List.of(), Relationship.Match.SIMPLE))
                .toList();
    }

    /** {@code sys.foreign_keys.delete_referential_action} / {@code update_referential_action}. */
    static Rule rule(int action) {
        return switch (action) {
            case 0 -> Rule.NO_ACTION;
            case 1 -> Rule.CASCADE;
            case 2 -> Rule.SET_NULL;
            case 3 -> Rule.SET_DEFAULT;
            default -> throw new IllegalStateException("unknown SQL Server referential action " + action);
        };
    }

    private static final Set<String> UNICODE = Set.of("nchar", "nvarchar");
    private static final Set<String> SIZED = Set.of("char", "varchar", "binary", "varbinary", "nchar", "nvarchar");
    private static final Set<String> SCALED_TIME = Set.of("datetime2", "time", "datetimeoffset");

    /**
     * The type as DDL spells it. max_length counts bytes (two per nchar/nvarchar character) and is -1 for
     * {@code (max)}; decimal and numeric carry precision and scale; datetime2, time and datetimeoffset carry their
     * fractional-second scale.
     */
    static String typeText(SqlServerRows.Column c) {
        var name = c.typeName();
        var base = (c.baseTypeName() == null ? name : c.baseTypeName()).toLowerCase(Locale.ROOT);
        if (!name.equalsIgnoreCase(base)) {
            return name; // an alias type: its name says what it is
        }
        if (SIZED.contains(base)) {
            if (c.maxLength() == -1) {
                return name + "(max)";
            }
            return name + "(" + (UNICODE.contains(base) ? c.maxLength() / 2 : c.maxLength()) + ")";
        }
        if (base.equals("decimal") || base.equals("numeric")) {
            return name + "(" + c.precision() + "," + c.scale() + ")";
        }
        if (SCALED_TIME.contains(base)) {
            return name + "(" + c.scale() + ")";
        }
        return name;
    }

    /**
     * SQL Server stores a default wrapped in parentheses, numbers twice: {@code ((0))}, {@code ('new')},
     * {@code (getdate())}. The model holds the bare expression.
     */
    static String unwrapDefault(String definition) {
        if (definition == null) {
            return null;
        }
        var text = definition.trim();
        while (text.length() >= 2 && text.charAt(0) == '(' && closingParenthesis(text) == text.length() - 1) {
            text = text.substring(1, text.length() - 1).trim();
        }
        return text;
    }

    /** Index of the parenthesis closing the one at 0, skipping quoted strings. */
    private static int closingParenthesis(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
