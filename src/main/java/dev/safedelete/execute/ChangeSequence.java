package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.ChangedRows;
import dev.safedelete.plan.ChildFirstOrder;
import dev.safedelete.plan.KeyCodec;
import dev.safedelete.plan.KeySet;
import dev.safedelete.plan.LeafTallies;
import dev.safedelete.plan.Outcome;
import dev.safedelete.sql.Dialect.ComponentDeletion;
import dev.safedelete.sql.SqlStatement;
import dev.safedelete.sql.StatementBuilder;
import dev.safedelete.sql.StatementBuilder.ComponentRows;
import dev.safedelete.sql.StatementBuilder.TalliedStatement;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data-changing statements of an execution, in the order they run: the updates, then the deletes children first.
 * The executor runs them and {@code /script} prints them, so the script is what runs. Each change names the plan step
 * it carries out (the relationship of an update, the table of a delete).
 */
public final class ChangeSequence {

    /** One part of the apply phase. */
    public sealed interface Change {
        /** The step's relationship id (updates) or qualified table name (deletes). */
        String step();
    }

    /** A statement whose update count must be {@code expected}. */
    public record Keyed(String step, SqlStatement statement, long expected, String what) implements Change {
    }

    /** A tallied leaf group deleted by its parents' keys: together the statements must delete exactly the tally. */
    public record Tallied(String step, TableName table, AffectedSet.Tally tally, String parents,
                          List<TalliedStatement> statements) implements Change {
    }

    /** A tallied leaf group left to the database's own ON DELETE CASCADE; the transaction's count checks it. */
    public record LeftToCascade(String step, TableName table, AffectedSet.Tally tally) implements Change {
    }

    /**
     * The rows of a cyclic component. {@code together} deletes all of them in one statement; {@code batches} delete
     * them in key batches, with foreign-key checks off for the component where {@code relaxed}; a {@code PEELED}
     * component's order depends on the data and is found as it runs ({@code batches} then only show its rows).
     */
    public record Component(String step, List<TableName> tables, ComponentDeletion how, Optional<SqlStatement> together,
                            Map<TableName, Long> rows, List<Keyed> batches) implements Change {
    }

    @FunctionalInterface
    public interface Sink {
        void accept(Change change) throws SQLException, ExecutionFailure;
    }

    private final Catalog catalog;
    private final StatementBuilder statements;

    public ChangeSequence(Catalog catalog, StatementBuilder statements) {
        this.catalog = catalog;
        this.statements = statements;
    }

    public void updates(ChangedRows rows, Sink sink) throws SQLException, ExecutionFailure {
        for (ChangedRows.Updated u : rows.updated()) {
            Relationship r = u.relationship();
            Table child = table(r.childTable());
            u.rows().<ExecutionFailure>forEachBatch(child.primaryKey().size(), batchSize(child), batch ->
                    sink.accept(new Keyed(r.id(), statements.update(child, u.columns(),
                            u.outcome() == Outcome.SET_DEFAULT, batch), batch.size(),
                            "update of " + child.name() + " through " + r.id())));
        }
    }

    /**
     * The deletes, children first. {@code checksRelaxed}: the whole delete phase runs with foreign-key enforcement off,
     * so no tallied group can be left to the database's cascade.
     */
    public void deletes(ChangedRows rows, boolean checksRelaxed, Sink sink) throws SQLException, ExecutionFailure {
        for (ChildFirstOrder.Component component : ChildFirstOrder.of(catalog, rows.deletedTables())) {
            if (component.cyclic()) {
                sink.accept(component(component.tables(), rows));
                continue;
            }
            TableName t = component.tables().get(0);
            AffectedSet.Tally tally = rows.tallies().get(t);
            if (tally == null) {
                Table table = table(t);
                rows.deleted().get(t).<ExecutionFailure>forEachBatch(table.primaryKey().size(), batchSize(table),
                        batch -> sink.accept(deleteBatch(table, batch)));
            } else if (leftToTheCascade(tally, checksRelaxed)) {
                sink.accept(new LeftToCascade(t.qualified(), t, tally));
            } else {
                sink.accept(tallied(t, tally, rows));
            }
        }
    }

    /**
     * Whether a tallied group is left to the database's own ON DELETE CASCADE, the cheapest way there is: only where
     * enforcement stays on, the cascade is the database's own, and the database counts this transaction's deletes per
     * table, so that the executor can check that exactly the tallied rows went.
     */
    private boolean leftToTheCascade(AffectedSet.Tally tally, boolean checksRelaxed) {
        Relationship r = catalog.relationship(tally.relationship()).orElseThrow();
        return !checksRelaxed && r.source() == Relationship.Source.DATABASE && r.onDelete() == Rule.CASCADE
                && statements.dialect().leafTally().flatMap(l -> l.deletedInTransaction(r.childTable())).isPresent();
    }

    private Tallied tallied(TableName t, AffectedSet.Tally tally, ChangedRows rows) {
        Relationship r = catalog.relationship(tally.relationship()).orElseThrow();
        Table child = table(t);
        Table parent = table(r.parentTable());
        var parentKeys = decode(rows.deleted().get(parent.name()), parent);
        var values = LeafTallies.referencedValues(r, parent, parentKeys);
        var leafTally = statements.dialect().leafTally().orElseThrow(() -> new IllegalStateException(
                statements.dialect().name() + " cannot tally, yet the plan has tallies"));
        return new Tallied(t.qualified(), t, tally, parent.name().qualified(),
                LeafTallies.deletes(statements.dialect(), leafTally, child, r, values));
    }

    private Component component(List<TableName> tables, ChangedRows rows) throws SQLException {
        var counts = new LinkedHashMap<TableName, Long>();
        tables.forEach(t -> counts.put(t, (long) rows.deleted().get(t).size()));
        ComponentDeletion how = statements.dialect().componentDeletion();
        if (how == ComponentDeletion.ONE_STATEMENT) {
            var parts = new ArrayList<ComponentRows>();
            for (TableName t : tables) {
                Table table = table(t);
                parts.add(new ComponentRows(table, decode(rows.deleted().get(t), table)));
            }
            Optional<SqlStatement> together = statements.deleteComponent(parts);
            if (together.isPresent()) {
                return new Component(tables.get(0).qualified(), tables, how, together, counts, List.of());
            }
            how = ComponentDeletion.PEELED;
        }
        var batches = new ArrayList<Keyed>();
        for (TableName t : tables) {
            Table table = table(t);
            rows.deleted().get(t).<RuntimeException>forEachBatch(table.primaryKey().size(), batchSize(table),
                    batch -> batches.add(deleteBatch(table, batch)));
        }
        return new Component(tables.get(0).qualified(), tables, how, Optional.empty(), counts, batches);
    }

    private Table table(TableName t) {
        return catalog.table(t).orElseThrow(() -> new IllegalStateException(t + " is no longer in the catalog"));
    }

    private Keyed deleteBatch(Table table, List<Object[]> batch) {
        return new Keyed(table.name().qualified(), statements.delete(table.name(), table.primaryKey(), batch),
                batch.size(), "delete from " + table.name());
    }

    private int batchSize(Table table) {
        return statements.batchSize(table.primaryKey().size());
    }

    private static List<Object[]> decode(KeySet keys, Table table) {
        var out = new ArrayList<Object[]>(keys == null ? 0 : keys.size());
        if (keys != null) {
            keys.forEach(k -> out.add(KeyCodec.decode(k, table.primaryKey().size())));
        }
        return out;
    }
}
