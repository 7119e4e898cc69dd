package dev.safedelete.bench;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.Executor;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.Outcome;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.ScratchDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times deleting one customer's tree and committing, three ways, each on a freshly loaded copy of the data (a new
 * scratch schema per variant): the {@link Executor} (lock and re-derive, drift check, child-first batched deletes,
 * commit), the database's own {@code DELETE FROM customers WHERE id = 1} (native ON DELETE CASCADE), and the floor:
 * the same rows deleted children first by four set-based DELETEs with foreign-key enforcement switched off (PostgreSQL
 * {@code session_replication_role = replica}, MariaDB {@code foreign_key_checks = 0}). Two trees: the 1,000,000-event
 * tree with every foreign-key column indexed, and a 100,000-event tree whose leaf column item_events.item_id has no
 * index (native and Executor only). Before the timed delete each variant deletes customer 2 (5,000 events) the same way,
 * untimed, to warm the JIT and the server; on PostgreSQL the tables are then vacuumed and a checkpoint is forced. Not a
 * test; run it in a forked JVM with a 256 MB heap:
 *
 * <pre>./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test -Dexec.executable=java -Dexec.args="-Xmx256m -classpath %classpath dev.safedelete.bench.ExecuteBenchmark"</pre>
 *
 * Optional trailing arguments: {@code POSTGRES,MARIADB} (databases) and {@code indexed,noindex,wide} (trees; {@code wide}
 * is one customer with 1,000,000 orders of one item each, large tables that are not leaves). With
 * {@code -Dbench.profile=true} before {@code -classpath} it also prints the time the Executor spends inside JDBC per
 * statement shape.
 */
public final class ExecuteBenchmark {

    private enum Variant { NATIVE, FLOOR, EXECUTOR }

    public static void main(String[] args) throws Exception {
        var kinds = args.length > 0 ? args[0].split(",") : new String[]{"POSTGRES", "MARIADB"};
        var trees = List.of(args.length > 1 ? args[1].split(",") : new String[]{"indexed", "noindex"});
        System.out.println(BenchTree.Heap.describe());
        for (var k : kinds) {
            var kind = BenchTree.kind(k);
            if (trees.contains("indexed")) {
                var times = new LinkedHashMap<Variant, Long>();
                for (Variant v : Variant.values()) {
                    times.put(v, run(kind, BenchTree.Shape.MILLION, true, v));
                }
                report(kind, "indexed, 1,010,101 rows", times);
            }
            if (trees.contains("wide")) {
                var times = new LinkedHashMap<Variant, Long>();
                for (Variant v : Variant.values()) {
                    times.put(v, run(kind, BenchTree.Shape.WIDE, true, v));
                }
                report(kind, "1,000,000 orders and 1,000,000 items, 2,000,001 rows", times);
            }
            if (trees.contains("noindex")) {
                if (kind == ScratchDatabase.Kind.MARIADB) {
                    noIndexOnMariaDb();
                    continue;
                }
                var times = new LinkedHashMap<Variant, Long>();
                times.put(Variant.NATIVE, run(kind, BenchTree.Shape.HUNDRED_THOUSAND, false, Variant.NATIVE));
                times.put(Variant.EXECUTOR, run(kind, BenchTree.Shape.HUNDRED_THOUSAND, false, Variant.EXECUTOR));
                report(kind, "item_events.item_id NOT indexed, 101,011 rows", times);
            }
        }
    }

    private static void report(ScratchDatabase.Kind kind, String tree, Map<Variant, Long> times) {
        long nat = times.get(Variant.NATIVE);
        var sb = new StringBuilder(kind + " (" + tree + "): ");
        times.forEach((v, t) -> sb.append(v).append(' ').append(String.format("%.0f ms", BenchTree.ms(t)))
                .append(String.format(" (%.2fx native)", (double) t / nat)).append(" | "));
        Long ex = times.get(Variant.EXECUTOR);
        sb.append(String.format("native/executor %.1fx", (double) nat / ex));
        if (times.containsKey(Variant.FLOOR)) {
            sb.append(String.format(" | executor/floor %.2fx", (double) ex / times.get(Variant.FLOOR)));
        }
        System.out.println(sb);
    }

    /** Loads a fresh copy, warms up on customer 2, then times the variant's delete of customer 1 with its commit. */
    private static long run(ScratchDatabase.Kind kind, BenchTree.Shape shape, boolean indexed, Variant variant)
            throws Exception {
        long t0 = System.nanoTime();
        try (var tree = BenchTree.create(kind, shape, indexed); Connection c = tree.db.connect()) {
            Dialect dialect = tree.dialect();
            Catalog catalog = tree.catalog(c);
            TableName root = BenchTree.customers(catalog);
            System.out.printf("%s %s: loaded in %.1f s%n", kind, variant, (System.nanoTime() - t0) / 1e9);
            delete(tree, c, catalog, dialect, root, variant, 2L, false);
            if (tree.postgres()) {
                try (Statement s = c.createStatement()) {
                    for (String t : List.of("customers", "orders", "order_items", "item_events")) {
                        s.execute("VACUUM ANALYZE " + t);
                    }
                    s.execute("CHECKPOINT");
                }
            }
            long[] before = tree.counts(c);
            long nanos = delete(tree, c, catalog, dialect, root, variant, 1L, true);
            long[] after = tree.counts(c);
            long gone = 0;
            for (int i = 0; i < 4; i++) {
                gone += before[i] - after[i];
            }
            if (gone != shape.rootRows() || before[3] - after[3] != shape.rootEvents()) {
                throw new IllegalStateException(variant + " deleted " + gone + " rows, expected " + shape.rootRows()
                        + ": before " + Arrays.toString(before) + ", after " + Arrays.toString(after));
            }
            System.out.printf("%s %s (%s): %.0f ms, %,d rows deleted%n", kind, variant,
                    indexed ? "indexed" : "leaf FK not indexed", BenchTree.ms(nanos), gone);
            return nanos;
        }
    }

    private static long delete(BenchTree tree, Connection c, Catalog catalog, Dialect dialect, TableName root,
                               Variant variant, long customer, boolean timed) throws Exception {
        return switch (variant) {
            case NATIVE -> nativeDelete(c, customer);
            case FLOOR -> floor(tree, c, customer);
            case EXECUTOR -> executor(tree, c, catalog, dialect, root, customer, timed);
        };
    }

    private static long nativeDelete(Connection c, long customer) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            long t = System.nanoTime();
            ps.setLong(1, customer);
            int n = ps.executeUpdate();
            c.commit();
            long nanos = System.nanoTime() - t;
            if (n != 1) {
                throw new IllegalStateException("native delete removed " + n + " customers");
            }
            return nanos;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Children first, set-based, foreign-key enforcement off: the least work any child-first delete can do. */
    private static long floor(BenchTree tree, Connection c, long customer) throws SQLException {
        List<String> statements = tree.postgres()
                ? List.of("SET session_replication_role = replica",
                "DELETE FROM item_events WHERE item_id IN (SELECT i.id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.customer_id = ?)",
                "DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)",
                "DELETE FROM orders WHERE customer_id = ?",
                "DELETE FROM customers WHERE id = ?")
                : List.of("SET SESSION foreign_key_checks = 0",
                "DELETE e FROM item_events e JOIN order_items i ON i.id = e.item_id JOIN orders o ON o.id = i.order_id WHERE o.customer_id = ?",
                "DELETE i FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.customer_id = ?",
                "DELETE FROM orders WHERE customer_id = ?",
                "DELETE FROM customers WHERE id = ?");
        c.setAutoCommit(false);
        try {
            long t = System.nanoTime();
            for (String sql : statements) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (sql.contains("?")) {
                        ps.setLong(1, customer);
                    }
                    ps.executeUpdate();
                }
            }
            c.commit();
            return System.nanoTime() - t;
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute(tree.postgres() ? "SET session_replication_role = DEFAULT" : "SET SESSION foreign_key_checks = 1");
            }
            c.setAutoCommit(true);
        }
    }

    private static long executor(BenchTree tree, Connection c, Catalog catalog, Dialect dialect, TableName root,
                                 long customer, boolean timed) throws Exception {
        List<Object[]> keys = List.<Object[]>of(new Object[]{customer});
        AffectedSet plan;
        c.setAutoCommit(false);
        long tp = System.nanoTime();
        try {
            plan = Traversal.derive(c, catalog, dialect, root, keys, PlanBenchmark.options(false));
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        var fingerprints = plan.fingerprints();
        long planNanos = System.nanoTime() - tp;
        long expected = plan.rows(Outcome.DELETE);
        plan = null;
        var profile = timed && Boolean.getBoolean("bench.profile") ? new StatementProfile() : null;
        var pool = new OneConnectionPool(tree.dataSource());
        var ds = profile == null ? pool : profile.wrap(pool);
        var executor = new Executor(ds, catalog, dialect, Duration.ofSeconds(60));
        var confirmed = new Executor.Confirmed(root, keys, PlanBenchmark.options(true), fingerprints);
        long base = BenchTree.Heap.reset();
        Executor.Applied applied;
        long nanos;
        try (pool) {
            long t = System.nanoTime();
            applied = executor.execute(confirmed);
            nanos = System.nanoTime() - t;
        }
        long peak = BenchTree.Heap.peak();
        long deleted = applied.rows().entrySet().stream().filter(e -> e.getKey().outcome() == Outcome.DELETE)
                .mapToLong(Map.Entry::getValue).sum();
        if (deleted != expected) {
            throw new IllegalStateException("executor deleted " + deleted + " rows, the plan " + expected);
        }
        if (timed) {
            System.out.printf("  executor: plan beforehand (untimed) %.0f ms; execute %.0f ms; heap peak during "
                    + "execute %.0f MB (%.0f MB live before)%n", BenchTree.ms(planNanos), BenchTree.ms(nanos),
                    BenchTree.mb(peak), BenchTree.mb(base));
        }
        if (profile != null) {
            System.out.printf("  time inside JDBC by statement (%.0f ms of %.0f ms):%n%s", BenchTree.ms(profile.totalNanos()),
                    BenchTree.ms(nanos), profile.report());
        }
        return nanos;
    }

    /**
     * InnoDB needs an index on every foreign key and creates one itself; it can be dropped only with
     * foreign_key_checks off, and then InnoDB refuses to delete any parent row (error 1451), natively or not. So there
     * is no unindexed cascade to compare against on MariaDB: this shows the refusal and moves on.
     */
    private static void noIndexOnMariaDb() throws SQLException {
        try (var tree = BenchTree.create(ScratchDatabase.Kind.MARIADB, new BenchTree.Shape(1, 10, 10, 1, 1, 1, 1), false);
             Connection c = tree.db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM customers WHERE id = 1");
            System.out.println("MARIADB (leaf FK not indexed): native DELETE succeeded (unexpected)");
        } catch (SQLException e) {
            System.out.println("MARIADB (leaf FK not indexed): not measurable; InnoDB refuses: " + e.getMessage());
        }
    }
}
