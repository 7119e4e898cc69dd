package dev.safedelete.bench;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.PreviewBuilder;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.ScratchDatabase;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Times planning the delete of one customer with 100 orders, 10,000 order items and 1,000,000 item events
 * ({@link BenchTree.Shape#MILLION}): {@link Traversal#derive} plus {@link PreviewBuilder#build}, in a transaction
 * that is rolled back, against the database's own {@code DELETE FROM customers WHERE id = 1} (native ON DELETE
 * CASCADE) of the same root in a transaction that is rolled back, in the same run. Each is warmed up once, then the
 * two alternate for 3 rounds. The heap peak of each planning round is measured after a full GC. Not a test; run it in
 * a forked JVM with a 256 MB heap:
 *
 * <pre>./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test -Dexec.executable=java -Dexec.args="-Xmx256m -classpath %classpath dev.safedelete.bench.PlanBenchmark"</pre>
 *
 * Optional trailing argument: {@code POSTGRES,MARIADB} (databases). With {@code -Dbench.profile=true} before
 * {@code -classpath} one more, untimed planning run prints the time spent inside JDBC per statement.
 */
public final class PlanBenchmark {

    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        var kinds = args.length > 0 ? args[0].split(",") : new String[]{"POSTGRES", "MARIADB"};
        System.out.println(BenchTree.Heap.describe());
        for (var kind : kinds) {
            run(BenchTree.kind(kind));
        }
    }

    private static void run(ScratchDatabase.Kind kind) throws Exception {
        var shape = BenchTree.Shape.MILLION;
        long t0 = System.nanoTime();
        try (var tree = BenchTree.create(kind, shape, true); Connection c = tree.db.connect()) {
            System.out.printf("%s: loaded %,d root rows (%,d item_events in the table) in %.1f s%n", kind,
                    shape.rootRows(), shape.totalEvents(), (System.nanoTime() - t0) / 1e9);
            Dialect dialect = tree.dialect();
            long tc = System.nanoTime();
            Catalog catalog = tree.catalog(c);
            System.out.printf("%s: catalog loaded in %.0f ms (not part of planning: the service caches it)%n", kind,
                    BenchTree.ms(System.nanoTime() - tc));
            TableName root = BenchTree.customers(catalog);
            List<Object[]> keys = List.<Object[]>of(new Object[]{1L});

            plan(c, catalog, dialect, root, keys, shape); // warm-up
            nativeDelete(c);                              // warm-up
            var plans = new ArrayList<Long>();
            var natives = new ArrayList<Long>();
            long peak = 0;
            long retained = 0;
            for (int i = 0; i < ROUNDS; i++) {
                long base = BenchTree.Heap.reset();
                Result r = plan(c, catalog, dialect, root, keys, shape);
                peak = Math.max(peak, BenchTree.Heap.peak());
                retained = Math.max(retained, r.retained - base);
                plans.add(r.nanos);
                natives.add(nativeDelete(c));
                System.out.printf("%s: round %d: plan %.0f ms, native cascade %.0f ms%n", kind, i + 1,
                        BenchTree.ms(plans.get(i)), BenchTree.ms(natives.get(i)));
            }
            Collections.sort(plans);
            Collections.sort(natives);
            if (Boolean.getBoolean("bench.profile")) {
                var profile = new StatementProfile();
                Result r = plan(profile.connection(c), catalog, dialect, root, keys, shape);
                System.out.printf("  profiled plan %.0f ms, time inside JDBC by statement (%.0f ms):%n%s",
                        BenchTree.ms(r.nanos), BenchTree.ms(profile.totalNanos()), profile.report());
            }
            System.out.printf("%s: PLAN best %.0f ms, median %.0f ms | native cascade DELETE (rolled back) best %.0f ms, "
                            + "median %.0f ms | plan/native %.2fx (best), %.2fx (median) | heap peak %.0f MB, "
                            + "affected set + preview retained %.0f MB | %,d rows to delete%n",
                    kind, BenchTree.ms(plans.get(0)), BenchTree.ms(plans.get(ROUNDS / 2)),
                    BenchTree.ms(natives.get(0)), BenchTree.ms(natives.get(ROUNDS / 2)),
                    (double) plans.get(0) / natives.get(0), (double) plans.get(ROUNDS / 2) / natives.get(ROUNDS / 2),
                    BenchTree.mb(peak), BenchTree.mb(retained), shape.rootRows());
        }
    }

    private record Result(long nanos, long retained) {
    }

    /**
     * The service's options: leaf groups over {@code safedelete.plans.tally-above} (10,000 by default) tallied where
     * the database can; {@code -Dbench.tallyAbove=N} sets another threshold, {@code never} lists every row.
     */
    static Traversal.Options options(boolean lock) {
        String above = System.getProperty("bench.tallyAbove", "10000");
        return Traversal.Options.builder().lock(lock)
                .tallyAbove(above.equals("never") ? Long.MAX_VALUE : Long.parseLong(above)).build();
    }

    private static Result plan(Connection c, Catalog catalog, Dialect dialect, TableName root, List<Object[]> keys,
                               BenchTree.Shape shape) throws Exception {
        c.setAutoCommit(false);
        try {
            long t = System.nanoTime();
            AffectedSet set = Traversal.derive(c, catalog, dialect, root, keys, options(false));
            long derived = System.nanoTime() - t;
            DeletePlan preview = new PreviewBuilder(catalog, dialect, set, 5, PreviewBuilder.TreeLimits.DEFAULT)
                    .build(UUID.randomUUID(), "bench", root, Mode.FOLLOW_RULES, Map.of(), Instant.now(),
                            Instant.now().plusSeconds(900));
            long nanos = System.nanoTime() - t;
            System.out.printf("  plan: derive %.0f ms, preview %.0f ms%n", BenchTree.ms(derived), BenchTree.ms(nanos - derived));
            if (set.rows(Outcome.DELETE) != shape.rootRows() || preview.confirmationToken() == null) {
                throw new IllegalStateException("plan deletes " + set.rows(Outcome.DELETE) + " rows, expected "
                        + shape.rootRows());
            }
            System.gc();
            long retained = BenchTree.Heap.used();
            return new Result(nanos, retained);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The database's own cascade of the same root, rolled back. */
    private static long nativeDelete(Connection c) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            long t = System.nanoTime();
            int n = s.executeUpdate("DELETE FROM customers WHERE id = 1");
            long nanos = System.nanoTime() - t;
            if (n != 1) {
                throw new IllegalStateException("native delete removed " + n + " customers");
            }
            return nanos;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
