package dev.safedelete.catalog;

import dev.safedelete.catalog.CatalogRows.ColumnRow;
import dev.safedelete.catalog.CatalogRows.ForeignKeyRow;
import dev.safedelete.catalog.CatalogRows.IndexKind;
import dev.safedelete.catalog.CatalogRows.IndexRow;
import dev.safedelete.catalog.CatalogRows.TableRow;
import dev.safedelete.catalog.CatalogRows.TriggerRow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns catalog rows into the immutable model. Every loader reads rows its own way and ends here, so the rules
 * below (which tables belong to a target, how a foreign key's columns pair, what counts as a unique key or an
 * indexed relationship) hold the same on every database.
 */
public final class CatalogAssembler {

    private CatalogAssembler() {
    }

    /**
     * The tables a target consists of: every table of the configured schemas, plus every table that references one
     * of them, directly or through other such tables, whatever its schema. Deleting a row can reach exactly these
     * tables, so a catalog that left one out would preview too little.
     *
     * @param schemas configured schema names; empty means every schema present in {@code tables}
     */
    public static Set<TableName> targetTables(Collection<TableRow> tables, Collection<ForeignKeyRow> foreignKeys,
                                              List<String> schemas) {
        var known = tables.stream().map(TableRow::table).collect(Collectors.toCollection(LinkedHashSet::new));
        var wantedSchemas = resolveSchemas(schemas, known.stream().map(TableName::schema).collect(Collectors.toSet()));
        var result = new LinkedHashSet<TableName>();
        known.stream().filter(t -> wantedSchemas == null || wantedSchemas.contains(t.schema())).forEach(result::add);

        Map<TableName, Set<TableName>> childrenByParent = new HashMap<>();
        for (var fk : foreignKeys) {
            if (known.contains(fk.child())) {
                childrenByParent.computeIfAbsent(fk.parent(), p -> new HashSet<>()).add(fk.child());
            }
        }
        var todo = new ArrayDeque<>(result);
        while (!todo.isEmpty()) {
            for (var child : childrenByParent.getOrDefault(todo.poll(), Set.of())) {
                if (result.add(child)) {
                    todo.add(child);
                }
            }
        }
        return result;
    }

    /** The schemas holding {@code tables}: what a loader's per-schema detail queries must cover. */
    public static List<String> schemasOf(Collection<TableName> tables) {
        return tables.stream().map(TableName::schema).distinct().sorted().toList();
    }

    /**
     * Matches configured schema names to existing ones: exactly, else ignoring case (a configuration saying
     * {@code public} means H2's {@code PUBLIC}). {@code null} means all.
     */
    static Set<String> resolveSchemas(List<String> configured, Set<String> existing) {
        if (configured == null || configured.isEmpty()) {
            return null;
        }
        var resolved = new HashSet<String>();
        for (var name : configured) {
            if (existing.contains(name)) {
                resolved.add(name);
            } else {
                existing.stream().filter(s -> s != null && s.equalsIgnoreCase(name)).forEach(resolved::add);
            }
        }
        return resolved;
    }

    /**
     * Builds the catalog of {@code targetTables}. Rows about other tables are ignored, and so are foreign keys whose
     * parent lies outside the target: no delete planned here can reach such a parent.
     */
    public static Catalog assemble(String product, String version, Set<TableName> targetTables,
                                   Collection<TableRow> tables, Collection<ColumnRow> columns,
                                   Collection<IndexRow> indexes, Collection<TriggerRow> triggers,
                                   Collection<ForeignKeyRow> foreignKeys) {
        var indexesByTable = indexColumns(indexes, targetTables);
        var model = new LinkedHashMap<TableName, Table>();
        var columnsByTable = columns.stream().filter(c -> targetTables.contains(c.table()))
                .collect(Collectors.groupingBy(ColumnRow::table));
        var triggersByTable = triggers.stream().filter(t -> targetTables.contains(t.table()))
                .collect(Collectors.groupingBy(TriggerRow::table));
        for (var row : tables) {
            if (!targetTables.contains(row.table())) {
                continue;
            }
            var name = row.table();
            var tableColumns = columnsByTable.getOrDefault(name, List.of()).stream()
                    .sorted(Comparator.comparingInt(ColumnRow::position))
                    .map(c -> new Column(c.column(), c.type(), c.jdbcType(), c.nullable(), c.defaultValue()))
                    .toList();
            var tableIndexes = indexesByTable.getOrDefault(name, List.of());
            var primaryKey = tableIndexes.stream().filter(i -> i.kind() == IndexKind.PRIMARY)
                    .map(IndexColumns::columns).findFirst().orElse(List.of());
            var uniqueKeys = uniqueKeys(tableIndexes, primaryKey);
            model.put(name, new Table(name, tableColumns, primaryKey, uniqueKeys,
                    triggerInfos(triggersByTable.getOrDefault(name, List.of())), row.canDelete(), row.canUpdate(),
                    tableIndexes.stream().map(IndexColumns::columns).toList()));
        }
        var relationships = relationships(foreignKeys, model);
        return new Catalog(product, version, model, relationships, Instant.now());
    }

    /** An index's key columns in index order. */
    record IndexColumns(String name, IndexKind kind, List<String> columns) {
    }

    private static Map<TableName, List<IndexColumns>> indexColumns(Collection<IndexRow> rows, Set<TableName> wanted) {
        var byIndex = new TreeMap<String, List<IndexRow>>();
        var tableOf = new HashMap<String, TableName>();
        for (var row : rows) {
            if (!wanted.contains(row.table())) {
                continue;
            }
            // index names are unique per table at least; the table's qualified name (with a separator no
            // identifier can hold) keeps two tables' indexes apart
            var key = row.table().qualified() + "\u0000" + row.index();
            byIndex.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            tableOf.put(key, row.table());
        }
        var result = new HashMap<TableName, List<IndexColumns>>();
        byIndex.forEach((key, indexRows) -> {
            var first = indexRows.get(0);
            var cols = indexRows.stream().sorted(Comparator.comparingInt(IndexRow::position))
                    .map(IndexRow::column).toList();
            result.computeIfAbsent(tableOf.get(key), t -> new ArrayList<>())
                    .add(new IndexColumns(first.index(), first.kind(), cols));
        });
        return result;
    }

    /** Unique constraints and unique indexes, each column set once, leaving out the primary key. */
    private static List<List<String>> uniqueKeys(List<IndexColumns> indexes, List<String> primaryKey) {
        var seen = new HashSet<Set<String>>();
        seen.add(Set.copyOf(primaryKey));
        var keys = new ArrayList<List<String>>();
        indexes.stream()
                .filter(i -> i.kind() == IndexKind.UNIQUE)
                .sorted(Comparator.comparing(IndexColumns::name))
                .forEach(i -> {
                    if (seen.add(Set.copyOf(i.columns()))) {
                        keys.add(i.columns());
                    }
                });
        return keys;
    }

    private static List<TriggerInfo> triggerInfos(List<TriggerRow> rows) {
        var events = new TreeMap<String, Set<TriggerInfo.Event>>();
        rows.forEach(r -> events.computeIfAbsent(r.trigger(), t -> EnumSet.noneOf(TriggerInfo.Event.class)).add(r.event()));
        return events.entrySet().stream().map(e -> new TriggerInfo(e.getKey(), e.getValue())).toList();
    }

    private static List<Relationship> relationships(Collection<ForeignKeyRow> rows, Map<TableName, Table> tables) {
        var byConstraint = new LinkedHashMap<String, List<ForeignKeyRow>>();
        for (var row : rows) {
            if (tables.containsKey(row.child()) && tables.containsKey(row.parent())) {
                byConstraint.computeIfAbsent(Relationship.idOf(row.child(), row.constraint()), id -> new ArrayList<>())
                        .add(row);
            }
        }
        var result = new ArrayList<Relationship>();
        byConstraint.forEach((id, pairs) -> {
            pairs.sort(Comparator.comparingInt(ForeignKeyRow::position));
            var fk = pairs.get(0);
            var childColumns = pairs.stream().map(ForeignKeyRow::childColumn).toList();
            var parentColumns = pairs.stream().map(ForeignKeyRow::parentColumn).toList();
            result.add(new Relationship(id, fk.constraint(), fk.child(), childColumns, fk.parent(), parentColumns,
                    fk.onDelete(), fk.onUpdate(), fk.setNullColumns(), fk.deferrable(), fk.initiallyDeferred(),
                    tables.get(fk.child()).hasIndexLeadingWith(childColumns), Relationship.Source.DATABASE,
                    fk.match()));
        });
        return result;
    }
}
