package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedKeys;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.PreviewBuilder;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.sql.SqlStatement;
import dev.safedelete.testdb.PlannedRows;
import dev.safedelete.testdb.SchemaGenerator;
import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testdb.ScratchDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code /script} shows is what runs: generated plans (composite keys, self-references and cycles, tallied leaf
 * groups, SET NULL and SET DEFAULT updates) are rendered from their stored keys, then executed with a statement log,
 * and every data-changing statement of the script must be one the executor ran, in the same order, values and all.
 */
class ScriptIsWhatRunsTest {

    /** Plans that were not blocked, so executed and compared: the generated schemas must give plenty. */
    private static final AtomicInteger compared = new AtomicInteger();

    @AfterAll
    static void enoughPlansWereCompared() {
        assertTrue(compared.get() >= 20, compared + " executed plans compared");
    }

    static Stream<Arguments> plans() {
        return Stream.of(Kind.POSTGRESQL, Kind.MARIADB).flatMap(k -> Stream.iterate(1L, s -> s + 1).limit(16)
                .flatMap(seed -> Stream.of(Mode.values()).map(mode -> Arguments.of(k, seed, mode))));
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("plans")
    void scriptShowsExactlyTheStatementsThatRan(Kind kind, long seed, Mode mode) throws Exception {
        var schema = SchemaGenerator.withData(kind, seed);
        try (var db = ScratchDatabase.create(kind)) {
            Dialect d = db.dialect();
            db.execute(schema.ddlAndData(d));
            long tallyAbove = PlannedRows.tallyAbove(seed);
            Catalog catalog;
            AffectedSet set;
            TableName root;
            try (Connection c = db.connect()) {
                catalog = d.catalogLoader().load(c, List.of(db.schema()));
                root = catalog.byBareName(schema.tables.get(schema.rootTable).name()).get(0);
                set = Traversal.derive(c, catalog, d, root, schema.rootKeys(),
                        Traversal.Options.builder().mode(mode).tallyAbove(tallyAbove).build());
            }
            if (set.blocked()) {
                return;
            }
            DeletePlan plan = new PreviewBuilder(catalog, d, set, 5, PreviewBuilder.TreeLimits.DEFAULT)
                    .build(UUID.randomUUID(), "scratch", root, mode, Map.of(), Instant.now(), Instant.now());
            byte[] keys = AffectedKeys.write(set, t -> catalog.table(t).orElseThrow().primaryKey().size());
            boolean mayRelax = seed % 2 == 0;
            String script = new ExecutionScript(catalog, d, db.dataSource(), mayRelax, 0).render(plan, keys);

            var ran = new ArrayList<SqlStatement>();
            new Executor(db.dataSource(), catalog, d, Duration.ofSeconds(5), mayRelax, ran::add)
                    .execute(new Executor.Confirmed(root, schema.rootKeys(),
                            Traversal.Options.builder().mode(mode).lock(true).tallyAbove(tallyAbove).build(),
                            set.fingerprints()));

            List<String> shown = Arrays.stream(script.split("\n"))
                    .filter(line -> !line.startsWith("--") && !line.equals("BEGIN;") && !line.equals("COMMIT;")
                            && !line.startsWith("SET "))
                    .toList();
            List<String> executed = ran.stream().map(s -> s.inline(d) + ";").toList();
            assertFalse(executed.isEmpty(), "an executed plan changes rows");
            assertEquals(executed, shown, schema + " " + mode + " on " + db + "\n" + script);
            compared.incrementAndGet();
        }
    }
}
