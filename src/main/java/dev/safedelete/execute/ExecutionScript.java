package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.StoredRows;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.Dialect.ComponentDeletion;
import dev.safedelete.sql.SqlStatement;
import dev.safedelete.sql.StatementBuilder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A plan's execution as SQL a DBA reads ({@code /script}): the {@link ChangeSequence} the executor runs, built from
 * the keys stored with the plan, with the values written in. Whether the delete phase would run with foreign-key
 * enforcement off is asked of the target the way the executor asks it; where the target cannot be asked, the script
 * shows the statements with enforcement on and says so.
 */
public final class ExecutionScript {

    private final Catalog catalog;
    private final Dialect dialect;
    private final DataSource target;
    private final boolean mayRelaxChecks;
    private final int timeoutSeconds;

    public ExecutionScript(Catalog catalog, Dialect dialect, DataSource target, boolean mayRelaxChecks,
                           int timeoutSeconds) {
        this.catalog = catalog;
        this.dialect = dialect;
        this.target = target;
        this.mayRelaxChecks = mayRelaxChecks;
        this.timeoutSeconds = timeoutSeconds;
    }

    public String render(DeletePlan plan, byte[] storedKeys) {
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
        var rows = new StoredRows(storedKeys, catalog);
        var changes = new ChangeSequence(catalog, new StatementBuilder(dialect));
        var steps = new Steps(sql, plan.steps());
        try {
            changes.updates(rows, change -> {
                steps.upTo(change.step(), false);
                sql.append(((ChangeSequence.Keyed) change).statement().inline(dialect)).append(";\n");
            });
            boolean relaxed = relaxed(sql, rows.deletedTables());
            changes.deletes(rows, relaxed, change -> {
                steps.upTo(change.step(), true);
                append(sql, change, relaxed);
            });
            steps.rest();
            if (relaxed) {
                dialect.restoreForeignKeyChecks().forEach(s -> sql.append(s).append(";\n"));
            }
        } catch (SQLException | ExecutionFailure | IllegalStateException e) {
            sql.append("-- the rest cannot be shown: ").append(e.getMessage()).append('\n');
        }
        sql.append("COMMIT;\n");
        return sql.toString();
    }

    private boolean relaxed(StringBuilder sql, List<TableName> inD) {
        if (!mayRelaxChecks || inD.isEmpty()) {
            return false;
        }
        try (Connection c = target.getConnection()) {
            if (!ForeignKeyEnforcement.provenSound(c, catalog, dialect, inD, timeoutSeconds)) {
                return false;
            }
        } catch (SQLException e) {
            sql.append("-- the target could not be asked whether foreign-key enforcement may be off for the deletes "
                    + "(").append(e.getMessage()).append("): shown with it on\n");
            return false;
        }
        sql.append("-- foreign-key enforcement off for the deletes: the database proves every foreign key into these "
                + "tables known and no trigger on them\n");
        dialect.relaxForeignKeyChecks().forEach(s -> sql.append(s).append(";\n"));
        return true;
    }

    private void append(StringBuilder sql, ChangeSequence.Change change, boolean phaseRelaxed) {
        if (change instanceof ChangeSequence.Keyed k) {
            statement(sql, k.statement());
        } else if (change instanceof ChangeSequence.Tallied t) {
            sql.append("-- counted, not listed: deleted by the keys of their ").append(t.parents())
                    .append(" rows; count and hash must equal the plan's\n");
            t.statements().forEach(s -> statement(sql, s.statement()));
        } else if (change instanceof ChangeSequence.LeftToCascade l) {
            sql.append("-- counted, not listed: deleted by the database's own ON DELETE CASCADE with their parents; "
                    + "the transaction must have deleted exactly ").append(l.tally().rows()).append(" rows of ")
                    .append(l.table()).append('\n');
        } else if (change instanceof ChangeSequence.Component c) {
            component(sql, c, phaseRelaxed);
        }
    }

    private void component(StringBuilder sql, ChangeSequence.Component c, boolean phaseRelaxed) {
        if (c.how() == ComponentDeletion.ONE_STATEMENT) {
            sql.append("-- every row of ").append(c.tables()).append(" in one statement, whatever the depth: "
                    + "the database checks foreign keys at its end\n");
            statement(sql, c.together().orElseThrow());
        } else if (c.how() == ComponentDeletion.RELAXED_BATCHES) {
            if (!phaseRelaxed) {
                sql.append("-- rows of ").append(c.tables()).append(" reference each other: foreign-key checks off "
                        + "while they go\n");
                dialect.relaxForeignKeyChecks().forEach(s -> sql.append(s).append(";\n"));
            }
            c.batches().forEach(k -> statement(sql, k.statement()));
            if (!phaseRelaxed) {
                dialect.restoreForeignKeyChecks().forEach(s -> sql.append(s).append(";\n"));
            }
        } else {
            sql.append("-- deleted round by round, the rows no other remaining row references first (").append(dialect.name())
                    .append(" checks each deleted row at once); these rows, in an order the data decides:\n");
            c.batches().forEach(k -> sql.append("-- ").append(k.statement().inline(dialect)).append(";\n"));
        }
    }

    private void statement(StringBuilder sql, SqlStatement s) {
        sql.append(s.inline(dialect)).append(";\n");
    }

    /** The plan's step comments, each written before the statements that carry it out. */
    private static final class Steps {
        private final StringBuilder sql;
        private final Iterator<DeletePlan.Step> pending;
        private DeletePlan.Step current;

        Steps(StringBuilder sql, List<DeletePlan.Step> steps) {
            this.sql = sql;
            this.pending = steps.iterator();
        }

        void upTo(String key, boolean delete) {
            while (current == null || !matches(current, key, delete)) {
                if (!pending.hasNext()) {
                    return;
                }
                current = pending.next();
                write(current);
            }
        }

        void rest() {
            pending.forEachRemaining(this::write);
        }

        private static boolean matches(DeletePlan.Step step, String key, boolean delete) {
            return delete ? step.action() == Outcome.DELETE && step.table().equals(key)
                    : step.action() != Outcome.DELETE && Objects.equals(step.relationship(), key);
        }

        private void write(DeletePlan.Step step) {
            sql.append("-- step ").append(step.order()).append(": ").append(step.action()).append(' ')
                    .append(step.rows()).append(" row(s) of ").append(step.table())
                    .append(step.relationship() == null ? "" : " through " + step.relationship())
                    .append(step.how() == null ? "" : " (" + step.how() + ")").append('\n');
        }
    }
}
