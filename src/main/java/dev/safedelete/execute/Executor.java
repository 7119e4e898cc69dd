package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionFailure.Kind;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.plan.Fingerprint;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.Dialect.ComponentDeletion;
import dev.safedelete.sql.KeyedStatements;
import dev.safedelete.sql.SqlStatement;
import dev.safedelete.sql.StatementBuilder;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Executes a confirmed plan (semantics.md, "Execution") in one transaction: lock and derive the affected set again
 * with the planner's own {@link Traversal}, refuse any drift, apply the updates, then the deletes children first,
 * check every count, commit. Any failure rolls back. The statements are the {@link ChangeSequence}'s, which
 * {@code /script} prints.
 */
public final class Executor {

    /** What was confirmed: the roots, the derivation options ({@code lock} set) and each group's fingerprint. */
    public record Confirmed(TableName table, List<Object[]> roots, Traversal.Options options,
                            Map<Group, Fingerprint> fingerprints) {
    }

    /** Rows changed per table and outcome, and whether the delete phase ran with foreign-key enforcement off. */
    public record Applied(Map<Group, Long> rows, boolean foreignKeyChecksRelaxed) {
    }

    private final DataSource dataSource;
    private final Catalog catalog;
    private final Dialect dialect;
    private final Duration lockTimeout;
    private final boolean mayRelaxChecks;
    private final KeyedStatements.Log log;

    public Executor(DataSource dataSource, Catalog catalog, Dialect dialect, Duration lockTimeout) {
        this(dataSource, catalog, dialect, lockTimeout, true);
    }

    /** @param mayRelaxChecks false keeps foreign-key enforcement on for the whole delete phase (cycles on InnoDB aside) */
    public Executor(DataSource dataSource, Catalog catalog, Dialect dialect, Duration lockTimeout,
                    boolean mayRelaxChecks) {
        this(dataSource, catalog, dialect, lockTimeout, mayRelaxChecks, KeyedStatements.Log.NONE);
    }

    /** @param log told about every data-changing statement, in the order they run */
    public Executor(DataSource dataSource, Catalog catalog, Dialect dialect, Duration lockTimeout,
                    boolean mayRelaxChecks, KeyedStatements.Log log) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.dialect = dialect;
        this.lockTimeout = lockTimeout;
        this.mayRelaxChecks = mayRelaxChecks;
        this.log = log;
    }

    public Applied execute(Confirmed plan) throws ExecutionFailure {
        var root = catalog.table(plan.table()).orElseThrow();
        var build = new StatementBuilder(dialect);
        SqlStatement rootsLeft = build.count(root.name(), root.primaryKey(), plan.roots());
        try (var tx = TargetTransaction.begin(dataSource, dialect, lockTimeout)) {
            try {
                AffectedSet now = Traversal.derive(tx.connection(), catalog, dialect, plan.table(), plan.roots(),
                        plan.options());
                DriftCheck.refuseDrift(plan.table(), plan.roots().size(), plan.fingerprints(), now);
                var run = new KeyedStatements(tx.connection(), plan.options().queryTimeoutSeconds(), log);
                var changes = new ChangeSequence(catalog, build);

                changes.updates(now, change -> apply(run, change));

                var tallied = new TalliedLeafDeletes(run, dialect.leafTally(), now.tallies());
                boolean relaxed;
                try (var enforcement = ForeignKeyEnforcement.forDeletePhase(tx.connection(), catalog, dialect,
                        now.deletedTables(), mayRelaxChecks, run.timeoutSeconds())) {
                    relaxed = enforcement.relaxed();
                    changes.deletes(now, relaxed, change -> delete(run, build, tallied, now, relaxed, change));
                }
                tallied.checkNothingElseDeleted();
                // every statement's count was checked, so the rows changed are the set's counts
                var applied = new TreeMap<>(now.counts());
                applied.keySet().removeIf(g -> g.outcome() == Outcome.BLOCK);
                return tx.commit(new Applied(applied, relaxed), rootsLeft);
            } catch (SQLException e) {
                throw Failures.of(dialect, lockTimeout, e);
            }
        }
    }

    private static void apply(KeyedStatements run, ChangeSequence.Change change) throws SQLException, ExecutionFailure {
        var keyed = (ChangeSequence.Keyed) change;
        expect(run.update(keyed.statement()), keyed.expected(), keyed.what());
    }

    private void delete(KeyedStatements run, StatementBuilder build, TalliedLeafDeletes tallied, AffectedSet now,
                        boolean phaseRelaxed, ChangeSequence.Change change) throws SQLException, ExecutionFailure {
        if (change instanceof ChangeSequence.Keyed k) {
            apply(run, k);
        } else if (change instanceof ChangeSequence.Tallied t) {
            tallied.delete(t);
        } else if (change instanceof ChangeSequence.Component c) {
            deleteComponent(run, build, now, phaseRelaxed, c);
        }
        // LeftToCascade: PostgreSQL's own cascade deletes those rows with their parents; the tallied check counts them
    }

    /** A cyclic component, whatever its depth: one statement, or key batches with checks off, or peeled (H2). */
    private void deleteComponent(KeyedStatements run, StatementBuilder build, AffectedSet now, boolean phaseRelaxed,
                                 ChangeSequence.Component c) throws SQLException, ExecutionFailure {
        if (c.how() == ComponentDeletion.ONE_STATEMENT) {
            Object[] counts = run.changeSingle(c.together().orElseThrow());
            for (int i = 0; i < c.tables().size(); i++) {
                TableName t = c.tables().get(i);
                expect(((Number) counts[i]).longValue(), c.rows().get(t), "delete from " + t);
            }
        } else if (c.how() == ComponentDeletion.RELAXED_BATCHES) {
            try (var ignored = ForeignKeyEnforcement.forComponent(run.connection(), dialect, phaseRelaxed)) {
                for (ChangeSequence.Keyed k : c.batches()) {
                    apply(run, k);
                }
            }
        } else {
            new PeeledComponent(catalog, build, run, c.tables(), now.deleted()).delete();
        }
    }

    static void expect(long actual, long expected, String what) throws ExecutionFailure {
        if (actual != expected) {
            throw new ExecutionFailure(Kind.COUNT_MISMATCH,
                    "%s affected %d rows, the plan expects %d".formatted(what, actual, expected), null);
        }
    }
}
