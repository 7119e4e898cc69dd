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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an H2 2.x schema from its {@code INFORMATION_SCHEMA} in eight queries. The SQL names catalog tables and
 * columns unquoted, so it works whether the database folds identifiers to upper case (the default) or to lower
 * case ({@code DATABASE_TO_LOWER=TRUE}); the few literal values compared are compared ignoring case.
 */
public class H2CatalogLoader implements CatalogLoader {

    private static final String TABLES = """
            select TABLE_SCHEMA, TABLE_NAME
            from INFORMATION_SCHEMA.TABLES
            where TABLE_TYPE = 'BASE TABLE' and upper(TABLE_SCHEMA) <> 'INFORMATION_SCHEMA'
            """;

    /**
     * One row per column pair: the child column at ORDINAL_POSITION references the parent key's column at
     * POSITION_IN_UNIQUE_CONSTRAINT, which may differ when the foreign key lists the key's columns in another order.
     */
    private static final String FOREIGN_KEYS = """
            select fk.TABLE_SCHEMA, fk.TABLE_NAME, fk.CONSTRAINT_NAME, fk.ORDINAL_POSITION, fk.COLUMN_NAME,
                   pk.TABLE_SCHEMA, pk.TABLE_NAME, pk.COLUMN_NAME, rc.DELETE_RULE, rc.UPDATE_RULE, rc.MATCH_OPTION,
                   tc.IS_DEFERRABLE, tc.INITIALLY_DEFERRED
            from INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc
            join INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
              on tc.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA and tc.CONSTRAINT_NAME = rc.CONSTRAINT_NAME
            join INFORMATION_SCHEMA.KEY_COLUMN_USAGE fk
              on fk.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA and fk.CONSTRAINT_NAME = rc.CONSTRAINT_NAME
            join INFORMATION_SCHEMA.KEY_COLUMN_USAGE pk
              on pk.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA and pk.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME
             and pk.ORDINAL_POSITION = fk.POSITION_IN_UNIQUE_CONSTRAINT
            """;

    private static final String COLUMNS = """
            select TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, DECLARED_DATA_TYPE,
                   CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT,
                   IS_GENERATED, DOMAIN_NAME
            from INFORMATION_SCHEMA.COLUMNS
            where TABLE_SCHEMA in (%s)
            """;

    /** Primary key and unique constraints in the constraint's own column order. */
    private static final String KEYS = """
            select tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.ORDINAL_POSITION, k.COLUMN_NAME
            from INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
            join INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
              on k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            where tc.CONSTRAINT_TYPE in ('PRIMARY KEY', 'UNIQUE') and tc.TABLE_SCHEMA in (%s)
            """;

    /** Every index, for unique indexes made without a constraint and for telling indexed foreign keys. */
    private static final String INDEXES = """
            select i.TABLE_SCHEMA, i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, c.ORDINAL_POSITION, c.COLUMN_NAME
            from INFORMATION_SCHEMA.INDEXES i
            join INFORMATION_SCHEMA.INDEX_COLUMNS c
              on c.INDEX_SCHEMA = i.INDEX_SCHEMA and c.INDEX_NAME = i.INDEX_NAME and c.TABLE_NAME = i.TABLE_NAME
            where i.TABLE_SCHEMA in (%s)
            """;

    private static final String TRIGGERS = """
            select EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, EVENT_MANIPULATION
            from INFORMATION_SCHEMA.TRIGGERS
            where EVENT_OBJECT_SCHEMA in (%s) and upper(EVENT_MANIPULATION) in ('DELETE', 'UPDATE')
            """;

    private static final String IS_ADMIN = """
            select IS_ADMIN from INFORMATION_SCHEMA.USERS where USER_NAME = CURRENT_USER
            """;

    /** Grants to users and roles; a role grant has GRANTEDROLE, a schema-wide grant an empty TABLE_NAME. */
    private static final String RIGHTS = """
            select GRANTEE, GRANTEDROLE, RIGHTS, TABLE_SCHEMA, TABLE_NAME from INFORMATION_SCHEMA.RIGHTS
            """;

    @Override
    public Catalog load(Connection connection, List<String> schemas) throws SQLException {
        var meta = connection.getMetaData();
        var rights = rights(connection);
        var tables = Jdbc.query(connection, TABLES, r -> {
            var name = new TableName(r.getString(1), r.getString(2));
            return new TableRow(name, rights.allows("DELETE", name), rights.allows("UPDATE", name));
        });
        var foreignKeys = Jdbc.query(connection, FOREIGN_KEYS, H2CatalogLoader::foreignKeyRow);
        var target = CatalogAssembler.targetTables(tables, foreignKeys, schemas);
        var targetSchemas = CatalogAssembler.schemasOf(target);
        var in = Jdbc.placeholders(targetSchemas.size());
        var bind = Jdbc.strings(targetSchemas);
        var columns = Jdbc.query(connection, COLUMNS.formatted(in), bind, H2CatalogLoader::columnRow);
        var indexes = new ArrayList<IndexRow>();
        indexes.addAll(Jdbc.query(connection, KEYS.formatted(in), bind, r -> new IndexRow(
                new TableName(r.getString(1), r.getString(2)), "constraint " + r.getString(3),
                "PRIMARY KEY".equalsIgnoreCase(r.getString(4)) ? IndexKind.PRIMARY : IndexKind.UNIQUE,
                r.getInt(5), r.getString(6))));
        // the primary key comes from its constraint above; its index only serves lookups here
        indexes.addAll(Jdbc.query(connection, INDEXES.formatted(in), bind, r -> new IndexRow(
                new TableName(r.getString(1), r.getString(2)), "index " + r.getString(3),
                "UNIQUE INDEX".equalsIgnoreCase(r.getString(4)) ? IndexKind.UNIQUE : IndexKind.PLAIN,
                r.getInt(5), r.getString(6))));
        var triggers = Jdbc.query(connection, TRIGGERS.formatted(in), bind, r -> new TriggerRow(
                new TableName(r.getString(1), r.getString(2)), r.getString(3),
                TriggerInfo.Event.valueOf(r.getString(4).toUpperCase(Locale.ROOT))));
        return CatalogAssembler.assemble(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), target,
                tables, columns, indexes, triggers, foreignKeys);
    }

    private static ForeignKeyRow foreignKeyRow(ResultSet r) throws SQLException {
        return new ForeignKeyRow(new TableName(r.getString(1), r.getString(2)), r.getString(3), r.getInt(4),
                r.getString(5), new TableName(r.getString(6), r.getString(7)), r.getString(8),
                Rule.fromSql(r.getString(9)), Rule.fromSql(r.getString(10)),
                "YES".equalsIgnoreCase(r.getString(12)), "YES".equalsIgnoreCase(r.getString(13)), List.of(),
                "FULL".equalsIgnoreCase(r.getString(11)) ? Relationship.Match.FULL : Relationship.Match.SIMPLE);
    }

    private static ColumnRow columnRow(ResultSet r) throws SQLException {
        var dataType = r.getString("DATA_TYPE");
        var declared = r.getString("DECLARED_DATA_TYPE");
        boolean generated = "ALWAYS".equalsIgnoreCase(r.getString("IS_GENERATED"));
        return new ColumnRow(new TableName(r.getString(1), r.getString(2)), r.getString(3), r.getInt(4),
                typeText(r, dataType, declared), JdbcTypes.h2(dataType, declared),
                "YES".equalsIgnoreCase(r.getString("IS_NULLABLE")), generated ? null : r.getString("COLUMN_DEFAULT"));
    }

    /** The type as DDL would spell it: {@code CHARACTER VARYING(40)}, {@code NUMERIC(10, 2)}, or the domain's name. */
    private static String typeText(ResultSet r, String dataType, String declared) throws SQLException {
        var domain = r.getString("DOMAIN_NAME");
        if (domain != null) {
            return domain;
        }
        long length = r.getLong("CHARACTER_MAXIMUM_LENGTH");
        if (!r.wasNull() && !dataType.toUpperCase(Locale.ROOT).contains("LARGE OBJECT")
                && !dataType.equalsIgnoreCase("JSON") && !dataType.equalsIgnoreCase("JAVA_OBJECT")) {
            return dataType + "(" + length + ")";
        }
        if (dataType.equalsIgnoreCase("NUMERIC")) {
            int precision = r.getInt("NUMERIC_PRECISION");
            int scale = r.getInt("NUMERIC_SCALE");
            return (declared == null ? dataType : declared) + "(" + precision + ", " + scale + ")";
        }
        return dataType;
    }

    /**
     * Everything the connected user may do: all of it for an admin, else its grants and its roles' grants. H2 shows
     * INFORMATION_SCHEMA.RIGHTS (and USERS) to admins only; a user who sees no rights at all is taken as allowed,
     * since refusing everything would make every plan BLOCKED, while a missing right still fails the execution,
     * which then rolls back. SafeDelete's own embedded H2 target connects as an admin.
     */
    private static H2Rights rights(Connection connection) throws SQLException {
        var admin = Jdbc.query(connection, IS_ADMIN, r -> "TRUE".equalsIgnoreCase(r.getString(1)));
        if (!admin.isEmpty() && admin.get(0)) {
            return H2Rights.ADMIN;
        }
        var visible = Jdbc.query(connection, RIGHTS, r -> new H2Rights.Right(r.getString(1), r.getString(2),
                r.getString(3), r.getString(4), r.getString(5)));
        return visible.isEmpty() ? H2Rights.ADMIN : new H2Rights(visible, connection.getMetaData().getUserName());
    }

    /** H2 grants, evaluated for one user through its roles (and PUBLIC, which every user holds). */
    record H2Rights(List<Right> rights, String user) {

        static final H2Rights ADMIN = new H2Rights(null, null);

        record Right(String grantee, String grantedRole, String rights, String schema, String table) {
        }

        boolean allows(String privilege, TableName table) {
            if (rights == null) {
                return true;
            }
            var holders = holders();
            return rights.stream().anyMatch(r -> r.rights() != null && holders.contains(r.grantee().toUpperCase(Locale.ROOT))
                    && List.of(r.rights().toUpperCase(Locale.ROOT).split(",\\s*")).contains(privilege)
                    && table.schema().equals(r.schema())
                    && (r.table() == null || r.table().isEmpty() || table.name().equals(r.table())));
        }

        private Set<String> holders() {
            var holders = new HashSet<String>();
            var todo = new ArrayDeque<String>(List.of(user.toUpperCase(Locale.ROOT), "PUBLIC"));
            while (!todo.isEmpty()) {
                var holder = todo.poll();
                if (holders.add(holder)) {
                    rights.stream().filter(r -> r.grantedRole() != null && r.grantee().equalsIgnoreCase(holder))
                            .forEach(r -> todo.add(r.grantedRole().toUpperCase(Locale.ROOT)));
                }
            }
            return holders;
        }
    }
}
