package dev.safedelete.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Relationships as one readable line each, so that tests compare what a loader found with what DDL declared,
 * with what {@link DatabaseMetaData#getImportedKeys} reports and with what a schema generator intended.
 */
public final class Describe {

    private Describe() {
    }

    /** {@code s.child.fk (pb, pa) -> s.parent (b, a) ON DELETE CASCADE ON UPDATE RESTRICT}, plus deferral. */
    public static String relationship(Relationship r) {
        return line(r.childTable(), r.constraintName(), r.childColumns(), r.parentTable(), r.parentColumns(),
                r.onDelete(), r.onUpdate(), r.deferrable(), r.initiallyDeferred());
    }

    public static String line(TableName child, String constraint, List<String> childColumns, TableName parent,
                       List<String> parentColumns, Rule onDelete, Rule onUpdate, boolean deferrable, boolean deferred) {
        return child.qualified() + "." + constraint + " (" + String.join(", ", childColumns) + ") -> "
                + parent.qualified() + " (" + String.join(", ", parentColumns) + ") ON DELETE " + onDelete
                + " ON UPDATE " + onUpdate + (deferrable ? " DEFERRABLE" : "") + (deferred ? " INITIALLY DEFERRED" : "");
    }

    public static Set<String> relationships(Catalog catalog) {
        return catalog.relationships().stream().map(Describe::relationship).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> relationshipsFrom(Catalog catalog, String schema) {
        return catalog.relationships().stream().filter(r -> r.childTable().schema().equals(schema))
                .map(Describe::relationship).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * What the driver's getImportedKeys reports for the given tables, keeping only keys whose parent is one of
     * them too (the catalog drops the others, and PostgreSQL lists clones pointing at partitions).
     */
    static Set<String> importedKeys(Connection connection, Collection<TableName> tables) throws SQLException {
        var meta = connection.getMetaData();
        boolean catalogs = !meta.supportsSchemasInTableDefinitions();
        var wanted = Set.copyOf(tables);
        var result = new TreeSet<String>();
        for (var table : tables) {
            Map<String, List<String[]>> byKey = new TreeMap<>();
            try (var rs = meta.getImportedKeys(catalogs ? table.schema() : null, catalogs ? null : table.schema(), table.name())) {
                while (rs.next()) {
                    var parent = new TableName(rs.getString(catalogs ? "PKTABLE_CAT" : "PKTABLE_SCHEM"), rs.getString("PKTABLE_NAME"));
                    if (!wanted.contains(parent)) {
                        continue;
                    }
                    var key = rs.getString("FK_NAME") + "\u0000" + parent.qualified();
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[]{
                            rs.getString("KEY_SEQ"), rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME"),
                            parent.schema(), parent.name(), rs.getString("FK_NAME"),
                            rs.getString("DELETE_RULE"), rs.getString("UPDATE_RULE"), rs.getString("DEFERRABILITY")});
                }
            }
            for (var rows : byKey.values()) {
                rows.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
                var first = rows.get(0);
                int deferrability = Integer.parseInt(first[8]);
                result.add(line(table, first[5], rows.stream().map(r -> r[1]).toList(), new TableName(first[3], first[4]),
                        rows.stream().map(r -> r[2]).toList(),
                        JdbcMetadataCatalogLoader.rule(Integer.parseInt(first[6])),
                        JdbcMetadataCatalogLoader.rule(Integer.parseInt(first[7])),
                        deferrability != DatabaseMetaData.importedKeyNotDeferrable,
                        deferrability == DatabaseMetaData.importedKeyInitiallyDeferred));
            }
        }
        return result;
    }
}
