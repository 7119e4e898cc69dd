package dev.safedelete.catalog;

import dev.safedelete.catalog.CatalogRows.ColumnRow;
import dev.safedelete.catalog.CatalogRows.ForeignKeyRow;
import dev.safedelete.catalog.CatalogRows.IndexKind;
import dev.safedelete.catalog.CatalogRows.IndexRow;
import dev.safedelete.catalog.CatalogRows.TableRow;
import dev.safedelete.catalog.CatalogRows.TriggerRow;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a PostgreSQL (11+) schema from {@code pg_catalog} in five queries. Not from {@code information_schema}:
 * it shows only constraints of tables the connected user owns or has privileges on beyond SELECT, and a constraint
 * that silently vanished would let a preview miss dependent rows.
 *
 * <p>Partitions are not tables of the catalog: their partitioned table stands for them, and the constraints
 * PostgreSQL clones onto each partition ({@code conparentid <> 0}) are skipped, so every foreign key appears once,
 * between the tables the user names.
 */
public class PostgresCatalogLoader implements CatalogLoader {

    private static final String TABLES = """
            select n.nspname, c.relname,
                   has_schema_privilege(n.oid, 'USAGE') and has_table_privilege(c.oid, 'DELETE') as can_delete,
                   has_schema_privilege(n.oid, 'USAGE') and has_table_privilege(c.oid, 'UPDATE') as can_update
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition
              and n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
            """;

    /** One row per column pair, numbered by the position in conkey, which pairs with the same position in confkey. */
    private static final String FOREIGN_KEYS = """
            select cn.nspname as child_schema, cc.relname as child_table, con.conname,
                   k.ord, ca.attname as child_column,
                   pn.nspname as parent_schema, pc.relname as parent_table, pa.attname as parent_column,
                   con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, con.condeferred,
                   %s as set_null_columns
            from pg_constraint con
            join pg_class cc on cc.oid = con.conrelid
            join pg_namespace cn on cn.oid = cc.relnamespace
            join pg_class pc on pc.oid = con.confrelid
            join pg_namespace pn on pn.oid = pc.relnamespace
            cross join lateral unnest(con.conkey, con.confkey) with ordinality as k(child_attnum, parent_attnum, ord)
            join pg_attribute ca on ca.attrelid = con.conrelid and ca.attnum = k.child_attnum
            join pg_attribute pa on pa.attrelid = con.confrelid and pa.attnum = k.parent_attnum
            where con.contype = 'f' and con.conparentid = 0
            """;

    /** ON DELETE SET NULL (cols), PostgreSQL 15+: the nulled subset in declaration order. */
    private static final String SET_NULL_COLUMNS_15 = """
            (select array_agg(a.attname::text order by s.ord)
             from unnest(con.confdelsetcols) with ordinality as s(attnum, ord)
             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = s.attnum)""";

    private static final String COLUMNS = """
            select n.nspname, c.relname, a.attname, a.attnum,
                   format_type(a.atttypid, a.atttypmod) as type_text,
                   coalesce(bt.typname, t.typname) as base_type,
                   coalesce(bt.typtype, t.typtype) as base_typtype,
                   coalesce(bt.typcategory, t.typcategory) as base_category,
                   not a.attnotnull as nullable,
                   case when %s then pg_get_expr(d.adbin, d.adrelid) end as default_value
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
            join pg_type t on t.oid = a.atttypid
            left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
            left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            where c.relkind in ('r', 'p') and not c.relispartition
              and a.attnum > 0 and not a.attisdropped
              and n.nspname = any(?)
            """;

    /**
     * Key columns of every index on plain columns. Partial indexes (indpred) hold only some rows and expression
     * indexes (indexprs) do not hold column values: neither is a key nor finds children by value. INCLUDE columns
     * (past indnkeyatts) are not part of the key.
     */
    private static final String INDEXES = """
            select n.nspname, c.relname, i.relname as index_name, x.indisprimary, x.indisunique, k.ord, a.attname
            from pg_index x
            join pg_class c on c.oid = x.indrelid
            join pg_namespace n on n.oid = c.relnamespace
            join pg_class i on i.oid = x.indexrelid
            cross join lateral unnest(x.indkey::int2[]) with ordinality as k(attnum, ord)
            join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
            where c.relkind in ('r', 'p') and not c.relispartition
              and x.indpred is null and x.indexprs is null and k.ord <= x.indnkeyatts
              and n.nspname = any(?)
            """;

    /** User triggers; tgisinternal marks the triggers that implement foreign keys. tgtype bit 3 is DELETE, bit 4 UPDATE. */
    private static final String TRIGGERS = """
            select n.nspname, c.relname, t.tgname, (t.tgtype & 8) <> 0 as on_delete, (t.tgtype & 16) <> 0 as on_update
            from pg_trigger t
            join pg_class c on c.oid = t.tgrelid
            join pg_namespace n on n.oid = c.relnamespace
            where not t.tgisinternal and (t.tgtype & 24) <> 0
              and c.relkind in ('r', 'p') and not c.relispartition
              and n.nspname = any(?)
            """;

    @Override
    public Catalog load(Connection connection, List<String> schemas) throws SQLException {
        var meta = connection.getMetaData();
        int major = meta.getDatabaseMajorVersion();
        if (major < 11) {
            throw new SQLException("SafeDelete reads PostgreSQL 11 or newer; this server is " + meta.getDatabaseProductVersion());
        }
        var tables = Jdbc.query(connection, TABLES, PostgresCatalogLoader::tableRow);
        var foreignKeys = Jdbc.query(connection,
                FOREIGN_KEYS.formatted(major >= 15 ? SET_NULL_COLUMNS_15 : "null::text[]"),
                PostgresCatalogLoader::foreignKeyRow);
        var target = CatalogAssembler.targetTables(tables, foreignKeys, schemas);
        var schemaArray = connection.createArrayOf("text", CatalogAssembler.schemasOf(target).toArray());
        // generated columns keep their expression in pg_attrdef too; it is not a default
        var columns = Jdbc.query(connection, COLUMNS.formatted(major >= 12 ? "a.attgenerated = ''" : "true"),
                s -> s.setArray(1, schemaArray), PostgresCatalogLoader::columnRow);
        var indexes = Jdbc.query(connection, INDEXES, s -> s.setArray(1, schemaArray), PostgresCatalogLoader::indexRow);
        var triggers = new ArrayList<TriggerRow>();
        for (var rows : Jdbc.query(connection, TRIGGERS, s -> s.setArray(1, schemaArray), PostgresCatalogLoader::triggerRows)) {
            triggers.addAll(rows);
        }
        return CatalogAssembler.assemble(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), target,
                tables, columns, indexes, triggers, foreignKeys);
    }

    private static TableRow tableRow(ResultSet r) throws SQLException {
        return new TableRow(new TableName(r.getString(1), r.getString(2)), r.getBoolean(3), r.getBoolean(4));
    }

    private static ForeignKeyRow foreignKeyRow(ResultSet r) throws SQLException {
        return new ForeignKeyRow(new TableName(r.getString("child_schema"), r.getString("child_table")),
                r.getString("conname"), r.getInt("ord"), r.getString("child_column"),
                new TableName(r.getString("parent_schema"), r.getString("parent_table")), r.getString("parent_column"),
                rule(r.getString("confdeltype")), rule(r.getString("confupdtype")),
                r.getBoolean("condeferrable"), r.getBoolean("condeferred"),
                strings(r.getArray("set_null_columns")), match(r.getString("confmatchtype")));
    }

    /** {@code pg_constraint.confdeltype} / {@code confupdtype} codes. */
    static Rule rule(String code) {
        return switch (code) {
            case "a" -> Rule.NO_ACTION;
            case "r" -> Rule.RESTRICT;
            case "c" -> Rule.CASCADE;
            case "n" -> Rule.SET_NULL;
            case "d" -> Rule.SET_DEFAULT;
            default -> throw new IllegalStateException("unknown PostgreSQL referential action " + code);
        };
    }

    static Relationship.Match match(String code) {
        return switch (code) {
            case "f" -> Relationship.Match.FULL;
            case "p" -> Relationship.Match.PARTIAL;
            default -> Relationship.Match.SIMPLE;
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static ColumnRow columnRow(ResultSet r) throws SQLException {
        return new ColumnRow(new TableName(r.getString(1), r.getString(2)), r.getString(3), r.getInt(4),
                r.getString("type_text"),
                JdbcTypes.postgres(r.getString("base_type"), r.getString("base_typtype"), r.getString("base_category")),
                r.getBoolean("nullable"), r.getString("default_value"));
    }

    private static IndexRow indexRow(ResultSet r) throws SQLException {
        var kind = r.getBoolean("indisprimary") ? IndexKind.PRIMARY
                : r.getBoolean("indisunique") ? IndexKind.UNIQUE : IndexKind.PLAIN;
        return new IndexRow(new TableName(r.getString(1), r.getString(2)), r.getString("index_name"), kind,
                r.getInt("ord"), r.getString("attname"));
    }

    private static List<TriggerRow> triggerRows(ResultSet r) throws SQLException {
        var table = new TableName(r.getString(1), r.getString(2));
        var rows = new ArrayList<TriggerRow>();
        if (r.getBoolean("on_delete")) {
            rows.add(new TriggerRow(table, r.getString("tgname"), TriggerInfo.Event.DELETE));
        }
        if (r.getBoolean("on_update")) {
            rows.add(new TriggerRow(table, r.getString("tgname"), TriggerInfo.Event.UPDATE));
        }
        return rows;
    }
}
