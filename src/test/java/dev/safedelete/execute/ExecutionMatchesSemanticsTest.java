package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.Orphans;
import dev.safedelete.testdb.PlainDelete;
import dev.safedelete.testdb.PlannedRows;
import dev.safedelete.testdb.SchemaGenerator;
import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testdb.ScratchDatabase.Kind;
import dev.safedelete.testdb.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every READY plan of the generated schemas is executed, and the final data must be exactly what semantics.md says:
 * the rows of D gone, the updated rows changed, nothing else touched, no orphan anywhere; and where the database's
 * own DELETE went through, row for row what it left.
 */
class ExecutionMatchesSemanticsTest {

    static final int SCHEMAS_PER_DATABASE = Integer.getInteger("safedelete.generated-schemas", 40);

    static Stream<Arguments> schemas() {
        return Stream.of(Kind.POSTGRESQL, Kind.MARIADB, Kind.H2).flatMap(k -> Stream.iterate(1L, s -> s + 1).limit(SCHEMAS_PER_DATABASE)
                .flatMap(seed -> Stream.of(Mode.values()).map(mode -> Arguments.of(k, seed, mode))));
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("schemas")
    void executedPlanLeavesWhatSemanticsSays(Kind kind, long seed, Mode mode) throws Exception {
        var schema = SchemaGenerator.withData(kind, seed);
        try (var db = ScratchDatabase.create(kind)) {
            Dialect d = db.dialect();
            db.execute(schema.ddlAndData(d));
            Catalog catalog;
            AffectedSet plan;
            TableName root;
            Snapshot before;
            long tallyAbove = PlannedRows.tallyAbove(seed);
            var options = Traversal.Options.builder().mode(mode).tallyAbove(tallyAbove).build();
            Map<TableName, Set<String>> planned;
            try (Connection c = db.connect()) {
                catalog = d.catalogLoader().load(c, List.of(db.schema()));
                root = catalog.byBareName(schema.tables.get(schema.rootTable).name()).get(0);
                plan = Traversal.derive(c, catalog, d, root, schema.rootKeys(), options);
                before = Snapshot.take(c, catalog, d);
                planned = PlannedRows.deleted(plan, catalog, c, d);
            }
            if (plan.blocked()) {
                return;
            }
            PlainDelete oracle = mode == Mode.FOLLOW_RULES
                    ? PlainDelete.run(db, catalog, root, catalog.table(root).orElseThrow().primaryKey(), schema.rootKeys())
                    : null;
            // Half the seeds keep foreign-key enforcement on, crossed with tallying (odd seeds): where the database
            // proves relaxing sound (root may relax on both), both paths must leave the same rows.
            boolean mayRelaxChecks = seed % 4 < 2;
            var executor = new Executor(db.dataSource(), catalog, d, Duration.ofSeconds(5), mayRelaxChecks);
            String context = schema + " " + mode + " on " + db + (mayRelaxChecks ? "" : ", checks kept on");
            try {
                executor.execute(new Executor.Confirmed(root, schema.rootKeys(),
                        options.toBuilder().lock(true).build(),
                        plan.fingerprints()));
            } catch (ExecutionFailure f) {
                // Two things only H2 refuses, and it must say so and change nothing: rows of two tables referencing
                // each other through NOT NULL columns (H2 checks each row at once and has no statement deleting several
                // tables together), and any delete of a parent whose ON DELETE SET DEFAULT column has no default
                // (error 23507, raised even when no child row references the deleted rows).
                assertEquals(Kind.H2, kind, f.getMessage() + "\n" + context);
                assertTrue(f.getMessage().contains("ring") || f.getMessage().contains("23507"), f.getMessage());
                try (Connection c = db.connect()) {
                    assertEquals(before, Snapshot.take(c, catalog, d), "nothing changed\n" + context);
                }
                return;
            }
            try (Connection c = db.connect()) {
                Snapshot after = Snapshot.take(c, catalog, d);
                assertEquals(planned, before.deletedIn(after), "deleted rows\n" + context);
                assertEquals(PlannedRows.updated(plan, catalog), before.changedIn(after), "updated rows\n" + context);
                assertEquals(List.of(), Orphans.find(c, catalog, d), "orphans\n" + context);
                if (oracle != null && !oracle.refused()) {
                    assertEquals(oracle.after(), after, "what the database's own DELETE left\n" + context);
                }
            }
        }
    }
}
