package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.GenericDialect;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The SQL an execution of a stored plan runs, as text a DBA reads: the steps in order, each with its statements in
 * the executor's batches, values written as literals.
 */
@ApplicationScoped
public class PlanScript {

    @Inject
    DeletePlanService plans;
    @Inject
    TargetRegistry registry;

    /** The script of plan {@code id}. */
    public String of(UUID id) {
        var stored = plans.find(id);
        DeletePlan plan = stored.plan();
        Target target = registry.require(plan.target());
        Dialect dialect = target.dialect().orElseGet(GenericDialect::new);
        Optional<Catalog> catalog = plans.catalogIfReachable(plan.target());
        var sql = new StringBuilder();
        sql.append("-- SafeDelete plan ").append(plan.id()).append(" on target ").append(plan.target())
                .append(": delete ").append(plan.table()).append(' ').append(plan.keys()).append('\n');
        sql.append("-- status ").append(plan.status()).append(", mode ").append(plan.mode()).append('\n');
        if (!plan.blockers().isEmpty()) {
            sql.append("-- BLOCKED: execution refuses this plan; the statements below are what it would run otherwise\n");
        }
        sql.append("BEGIN;\n");
        sql.append("-- lock the roots and every affected row (SELECT ... FOR UPDATE per relationship), derive the set "
                + "again and compare it with this plan: any difference rolls back\n");
        for (DeletePlan.Step step : plan.steps()) {
            sql.append("-- step ").append(step.order()).append(": ").append(step.action()).append(' ')
                    .append(step.rows()).append(" row(s) of ").append(step.table())
                    .append(step.relationship() == null ? "" : " through " + step.relationship())
                    .append(step.how() == null ? "" : " (" + step.how() + ")").append('\n');
            appendStatements(sql, stored, dialect, catalog, step);
        }
        sql.append("COMMIT;\n");
        return sql.toString();
    }

    private void appendStatements(StringBuilder sql, DeletePlanService.Stored stored, Dialect dialect,
                                  Optional<Catalog> catalog, DeletePlan.Step step) {
        if (step.action() == Outcome.DELETE && step.relationship() != null) {
            appendTalliedDelete(sql, stored, dialect, catalog, step);
            return;
        }
        boolean update = step.action() != Outcome.DELETE;
        appendBatched(sql, stored, dialect, s -> {
            boolean wanted = update
                    ? s.kind().equals("UPDATE") && s.relationship().equals(step.relationship())
                    : s.kind().equals("GROUP") && s.outcome().equals("DELETE") && s.table().qualified().equals(step.table());
            if (!wanted) {
                return Optional.empty();
            }
            Optional<Table> table = catalog.flatMap(c -> c.table(s.table()));
            String head = update ? "UPDATE " + dialect.table(s.table()) + " SET " + table.map(t -> dialect.setColumns(t,
                    s.columns(), step.action() == Outcome.SET_DEFAULT)).orElse("/* " + s.table()
                    + " is no longer in the catalog */") + " WHERE "
                    : "DELETE FROM " + dialect.table(s.table()) + " WHERE ";
            return Optional.of(new Batched(head, table.map(Table::primaryKey).orElse(PlanRows.genericColumns(s.arity())),
                    key -> key));
        });
    }

    /**
     * A counted leaf group goes by its parents' keys: the statements are read off the parent table's DELETE group,
     * which the plan lists. (PostgreSQL runs each as a DELETE ... RETURNING whose count and hash are checked, MariaDB
     * counts under FOR UPDATE first; the plain DELETE is what both amount to.)
     */
    private void appendTalliedDelete(StringBuilder sql, DeletePlanService.Stored stored, Dialect dialect,
                                     Optional<Catalog> catalog, DeletePlan.Step step) {
        Optional<Relationship> found = catalog.flatMap(c -> c.relationship(step.relationship()));
        Optional<Table> parentTable = found.flatMap(r -> catalog.flatMap(c -> c.table(r.parentTable())));
        if (parentTable.isEmpty()) {
            sql.append("-- ").append(step.relationship()).append(" is no longer in the catalog\n");
            return;
        }
        Relationship r = found.get();
        Table parent = parentTable.get();
        var statement = new Batched("DELETE FROM " + dialect.table(r.childTable()) + " WHERE ", r.childColumns(),
                key -> LeafTallies.referencedValues(r, parent, List.<Object[]>of(key)).get(0));
        appendBatched(sql, stored, dialect, s -> s.kind().equals("GROUP") && s.outcome().equals("DELETE")
                && s.table().equals(parent.name()) ? Optional.of(statement) : Optional.empty());
    }

    /** Statements {@code head} + a key predicate on {@code columns}, over the keys of a section, each mapped first. */
    private record Batched(String head, List<String> columns, UnaryOperator<Object[]> key) {
    }

    /** One statement per batch of the executor's size, for each stored section {@code statementFor} answers. */
    private void appendBatched(StringBuilder sql, DeletePlanService.Stored stored, Dialect dialect,
                               Function<AffectedKeys.Section, Optional<Batched>> statementFor) {
        AffectedKeys.read(stored.entity().affectedKeys, new AffectedKeys.Visitor() {
            private final List<Object[]> batch = new ArrayList<>();
            private Batched statement;

            @Override
            public boolean section(AffectedKeys.Section s) {
                statement = statementFor.apply(s).orElse(null);
                return statement != null;
            }

            @Override
            public boolean key(AffectedKeys.Section s, int position, Object[] key) {
                batch.add(statement.key().apply(key));
                if (batch.size() == dialect.keysPerStatement(statement.columns().size()) || position == s.size() - 1) {
                    sql.append(statement.head()).append(SqlLiterals.keyPredicate(dialect, statement.columns(), batch))
                            .append(";\n");
                    batch.clear();
                }
                return true;
            }
        });
    }
}
