package dev.safedelete.catalog;

import dev.safedelete.catalog.CatalogRows.ColumnRow;
import dev.safedelete.catalog.CatalogRows.ForeignKeyRow;
import dev.safedelete.catalog.CatalogRows.IndexKind;
import dev.safedelete.catalog.CatalogRows.IndexRow;
import dev.safedelete.catalog.CatalogRows.TableRow;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a schema through {@link DatabaseMetaData}, for drivers SafeDelete has no catalog queries for. It asks the
 * driver about each table separately (imported, exported and primary keys, indexes), so it is slow on big schemas:
 * it is the fallback and the baseline the dialect loaders are measured against.
 *
 * <p>JDBC has no way to list triggers: tables read this way show none. Privileges come from
 * {@code getTablePrivileges}; a table the driver reports no privileges for at all is taken as allowed (the
 * database still checks at execution, which then rolls back).
 */
public class JdbcMetadataCatalogLoader implements CatalogLoader {

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "mysql",
            "performance_schema", "sys");

    private static final Set<String> TABLE_TYPES = Set.of("TABLE", "BASE TABLE", "PARTITIONED TABLE", "SYSTEM VERSIONED");

    @Override
    public Catalog load(Connection connection, List<String> schemas) throws SQLException {
        var meta = connection.getMetaData();
        // MariaDB's driver (and MySQL's) calls a database a catalog; the model calls it a schema
        var naming = meta.supportsSchemasInTableDefinitions() ? Naming.SCHEMA : Naming.CATALOG;
        var user = meta.getUserName();

        var tableRows = new ArrayList<TableRow>();
        var seen = new LinkedHashSet<TableName>();
        for (var schema : schemas.isEmpty() ? allSchemas(meta, naming) : schemas) {
            for (var table : tablesOf(meta, naming, schema)) {
                if (seen.add(table)) {
                    tableRows.add(table(meta, naming, table, user));
                }
            }
        }
        // follow the tables that reference these, in any schema, until no new one appears
        var foreignKeys = new ArrayList<ForeignKeyRow>();
        var todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            var parent = todo.poll();
            try (var rs = meta.getExportedKeys(naming.catalog(parent), naming.schema(parent), parent.name())) {
                while (rs.next()) {
                    var child = naming.table(rs, "FKTABLE");
                    if (seen.add(child)) {
                        tableRows.add(table(meta, naming, child, user));
                        todo.add(child);
                    }
                }
            }
        }
        var columns = new ArrayList<ColumnRow>();
        var indexes = new ArrayList<IndexRow>();
        for (var table : seen) {
            foreignKeys.addAll(importedKeys(meta, naming, table));
            columns.addAll(columns(meta, naming, table));
            indexes.addAll(keysAndIndexes(meta, naming, table));
        }
        return CatalogAssembler.assemble(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), seen,
                tableRows, columns, indexes, List.of(), foreignKeys);
    }

    /** Where a driver keeps the name the model calls a schema. */
    enum Naming {
        SCHEMA, CATALOG;

        String catalog(TableName t) {
            return this == CATALOG ? t.schema() : null;
        }

        String schema(TableName t) {
            return this == SCHEMA ? t.schema() : null;
        }

        TableName table(ResultSet rs, String prefix) throws SQLException {
            return new TableName(rs.getString(prefix + (this == CATALOG ? "_CAT" : "_SCHEM")),
                    rs.getString(prefix + "_NAME"));
        }
    }

    private static List<String> allSchemas(DatabaseMetaData meta, Naming naming) throws SQLException {
        var result = new ArrayList<String>();
        try (var rs = naming == Naming.SCHEMA ? meta.getSchemas() : meta.getCatalogs()) {
            while (rs.next()) {
                var name = rs.getString(naming == Naming.SCHEMA ? "TABLE_SCHEM" : "TABLE_CAT");
                var lower = name.toLowerCase(Locale.ROOT);
                if (!SYSTEM_SCHEMAS.contains(lower) && !lower.startsWith("pg_toast") && !lower.startsWith("pg_temp")) {
                    result.add(name);
                }
            }
        }
        return result;
    }

    private static List<TableName> tablesOf(DatabaseMetaData meta, Naming naming, String schema) throws SQLException {
        var result = new ArrayList<TableName>();
        try (var rs = meta.getTables(naming == Naming.CATALOG ? schema : null, naming == Naming.SCHEMA ? schema : null,
                "%", null)) {
            while (rs.next()) {
                var type = rs.getString("TABLE_TYPE"); // some drivers leave it null for objects they cannot classify
                if (type != null && TABLE_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
                    result.add(naming.table(rs, "TABLE"));
                }
            }
        }
        return result;
    }

    private static TableRow table(DatabaseMetaData meta, Naming naming, TableName table, String user) throws SQLException {
        var privileges = new ArrayList<String>();
        boolean reported = false;
        try (var rs = meta.getTablePrivileges(naming.catalog(table), naming.schema(table), table.name())) {
            while (rs.next()) {
                reported = true;
                var grantee = rs.getString("GRANTEE");
                if (grantee != null && (grantee.equalsIgnoreCase(user) || grantee.equalsIgnoreCase("PUBLIC")
                        || grantee.toLowerCase(Locale.ROOT).startsWith("'" + user.toLowerCase(Locale.ROOT) + "'@"))) {
                    privileges.add(rs.getString("PRIVILEGE").toUpperCase(Locale.ROOT));
                }
            }
        }
        return new TableRow(table, !reported || privileges.contains("DELETE"), !reported || privileges.contains("UPDATE"));
    }

    private static List<ForeignKeyRow> importedKeys(DatabaseMetaData meta, Naming naming, TableName table) throws SQLException {
        var result = new ArrayList<ForeignKeyRow>();
        try (var rs = meta.getImportedKeys(naming.catalog(table), naming.schema(table), table.name())) {
            while (rs.next()) {
                int deferrability = rs.getInt("DEFERRABILITY");
                result.add(new ForeignKeyRow(naming.table(rs, "FKTABLE"), rs.getString("FK_NAME"), rs.getInt("KEY_SEQ"),
                        rs.getString("FKCOLUMN_NAME"), naming.table(rs, "PKTABLE"), rs.getString("PKCOLUMN_NAME"),
                        rule(rs.getInt("DELETE_RULE")), rule(rs.getInt("UPDATE_RULE")),
                        deferrability != DatabaseMetaData.importedKeyNotDeferrable,
                        deferrability == DatabaseMetaData.importedKeyInitiallyDeferred, List.of(), null));
            }
        }
        return result;
    }

    static Rule rule(int jdbcRule) {
        return switch (jdbcRule) {
            case DatabaseMetaData.importedKeyCascade -> Rule.CASCADE;
            case DatabaseMetaData.importedKeySetNull -> Rule.SET_NULL;
            case DatabaseMetaData.importedKeySetDefault -> Rule.SET_DEFAULT;
            case DatabaseMetaData.importedKeyRestrict -> Rule.RESTRICT;
            default -> Rule.NO_ACTION;
        };
    }

    private static List<ColumnRow> columns(DatabaseMetaData meta, Naming naming, TableName table) throws SQLException {
        var result = new ArrayList<ColumnRow>();
        try (var rs = meta.getColumns(naming.catalog(table), naming.schema(table), escape(meta, table.name()), "%")) {
            while (rs.next()) {
                if (!table.name().equals(rs.getString("TABLE_NAME"))) {
                    continue; // the pattern may match more when the driver does not honour the escape
                }
                result.add(new ColumnRow(table, rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION"),
                        rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        MariaDbCatalogLoader.defaultValue(rs.getString("COLUMN_DEF"))));
            }
        }
        return result;
    }

    private static String escape(DatabaseMetaData meta, String name) throws SQLException {
        var escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static List<IndexRow> keysAndIndexes(DatabaseMetaData meta, Naming naming, TableName table) throws SQLException {
        var result = new ArrayList<IndexRow>();
        try (var rs = meta.getPrimaryKeys(naming.catalog(table), naming.schema(table), table.name())) {
            while (rs.next()) {
                result.add(new IndexRow(table, "primary key", IndexKind.PRIMARY, rs.getInt("KEY_SEQ"),
                        rs.getString("COLUMN_NAME")));
            }
        }
        Map<String, List<IndexRow>> byIndex = new HashMap<>();
        var unusable = new LinkedHashSet<String>();
        try (var rs = meta.getIndexInfo(naming.catalog(table), naming.schema(table), table.name(), false, true)) {
            while (rs.next()) {
                if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                var name = rs.getString("INDEX_NAME");
                var column = rs.getString("COLUMN_NAME");
                if (column == null || rs.getString("FILTER_CONDITION") != null) {
                    unusable.add(name); // expression or partial index
                    continue;
                }
                var kind = rs.getBoolean("NON_UNIQUE") ? IndexKind.PLAIN : IndexKind.UNIQUE;
                byIndex.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(new IndexRow(table, "index " + name, kind, rs.getInt("ORDINAL_POSITION"), column));
            }
        }
        byIndex.forEach((name, rows) -> {
            if (!unusable.contains(name)) {
                result.addAll(rows);
            }
        });
        return result;
    }
}
