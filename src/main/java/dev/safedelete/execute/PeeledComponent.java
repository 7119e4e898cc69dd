package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Column;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.KeyCodec;
import dev.safedelete.plan.KeySet;
import dev.safedelete.sql.KeyedStatements;
import dev.safedelete.sql.StatementBuilder;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rows of a cyclic component deleted where the database checks each deleted row at once and cannot relax that
 * (H2): round after round, the rows no remaining row references, until none remain. A round per level of the
 * component: the one strategy whose cost grows with depth, kept for databases that leave no other. Rows that reference
 * each other in a ring through NOT NULL columns cannot be peeled; a nullable column inside the ring is nulled first
 * where there is one, else the execution says the database cannot delete them.
 */
final class PeeledComponent {

    private final Catalog catalog;
    private final StatementBuilder build;
    private final KeyedStatements run;
    private final List<TableName> tables;
    private final Map<TableName, KeySet> remaining = new LinkedHashMap<>();
    private final List<Relationship> inside;
    /** Relationships whose column was already nulled: each is tried once, so the rounds always end. */
    private final Set<String> nulled = new HashSet<>();

    PeeledComponent(Catalog catalog, StatementBuilder build, KeyedStatements run, List<TableName> tables,
                    Map<TableName, KeySet> rows) {
        this.catalog = catalog;
        this.build = build;
        this.run = run;
        this.tables = tables;
        tables.forEach(t -> remaining.put(t, rows.get(t)));
        this.inside = catalog.relationships().stream()
                .filter(r -> tables.contains(r.childTable()) && tables.contains(r.parentTable()))
                .toList();
    }

    void delete() throws SQLException, ExecutionFailure {
        while (remaining.values().stream().anyMatch(k -> !k.isEmpty())) {
            var referenced = stillReferenced();
            var free = new LinkedHashMap<TableName, KeySet>();
            remaining.forEach((t, keys) -> free.put(t, minus(keys, referenced.getOrDefault(t, new KeySet()))));
            if (free.values().stream().allMatch(KeySet::isEmpty)) {
                if (!breakRingByNulling()) {
                    throw new SQLException("rows of " + tables + " reference each other or themselves through NOT "
                            + "NULL columns, and " + build.dialect().name() + " checks each deleted row at once "
                            + "without a way to relax that for one session: it cannot delete this ring", "0A000");
                }
                continue;
            }
            for (var e : free.entrySet()) {
                Table t = table(e.getKey());
                e.getValue().<ExecutionFailure>forEachBatch(t.primaryKey().size(), batchSize(t), batch ->
                        Executor.expect(run.update(build.delete(t.name(), t.primaryKey(), batch)), batch.size(),
                                "delete from " + t.name()));
                remaining.put(e.getKey(), minus(remaining.get(e.getKey()), e.getValue()));
            }
        }
    }

    /** Keys of remaining rows that another remaining row references; rows referencing only themselves as
     * {@link #notItself} says. */
    private Map<TableName, KeySet> stillReferenced() throws SQLException {
        var out = new LinkedHashMap<TableName, KeySet>();
        for (Relationship r : inside) {
            KeySet children = remaining.get(r.childTable());
            KeySet parents = remaining.get(r.parentTable());
            if (children.isEmpty() || parents.isEmpty()) {
                continue;
            }
            Table child = table(r.childTable());
            var values = new ArrayList<Object[]>();
            children.<RuntimeException>forEachBatch(child.primaryKey().size(), batchSize(child), batch ->
                    run.query(build.references(child, r, batch, notItself(r)), row -> {
                        if (Arrays.stream(row).noneMatch(Objects::isNull)) {
                            values.add(row);
                        }
                    }));
            Table parent = table(r.parentTable());
            KeySet held = out.computeIfAbsent(r.parentTable(), t -> new KeySet());
            KeyedStatements.inBatches(values, build.batchSize(r.parentColumns().size()), chunk ->
                    run.query(build.select(parent.name(), parent.primaryKey(), r.parentColumns(), chunk, false), row -> {
                        byte[] key = KeyCodec.encode(row);
                        if (parents.contains(key)) {
                            held.add(key);
                        }
                    }));
        }
        return out;
    }

    /**
     * Every remaining row is referenced by another: a ring. Nulls one nullable column of a relationship inside the
     * ring in the remaining child rows (MATCH SIMPLE: the row then references nothing), unless the column is part of a
     * key some relationship or the primary key uses. Answers whether a column was found.
     */
    private boolean breakRingByNulling() throws SQLException, ExecutionFailure {
        for (Relationship r : inside) {
            if (!nulled.add(r.id())) {
                continue;
            }
            Table child = table(r.childTable());
            KeySet rows = remaining.get(r.childTable());
            var column = r.childColumns().stream()
                    .filter(col -> child.column(col).map(Column::nullable).orElse(false))
                    .filter(col -> !child.primaryKey().contains(col))
                    .filter(col -> catalog.referencing(child.name()).stream().noneMatch(o -> o.parentColumns().contains(col)))
                    .findFirst();
            if (column.isEmpty() || rows.isEmpty()) {
                continue;
            }
            rows.<ExecutionFailure>forEachBatch(child.primaryKey().size(), batchSize(child), batch ->
                    Executor.expect(run.update(build.nullColumn(child, column.get(), batch)), batch.size(),
                            "nulling " + column.get() + " of " + child.name() + " to break a ring"));
            return true;
        }
        return false;
    }

    /** A row referencing only itself is free to go where the database does not refuse deleting it. */
    private boolean notItself(Relationship r) {
        return r.selfReference() && !build.dialect().refusesSelfReferencingDelete();
    }

    private Table table(TableName t) {
        return catalog.table(t).orElseThrow();
    }

    private int batchSize(Table table) {
        return build.batchSize(table.primaryKey().size());
    }

    private static KeySet minus(KeySet all, KeySet gone) {
        var out = new KeySet();
        all.forEach(k -> {
            if (!gone.contains(k)) {
                out.add(k);
            }
        });
        return out;
    }
}
