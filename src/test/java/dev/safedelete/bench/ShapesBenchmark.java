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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two shapes beside the chain and the trees, timed the same way (issue 12): {@code fanout}, one {@code hub} row
 * referenced by 200 tables of 100 rows each (20,001 rows), and {@code roots}, 1,000 roots in one plan, each with 10
 * children and 10 grandchildren per child (111,000 rows). Native is the database's own {@code DELETE} of the roots,
 * rolled back; planning is {@link Traversal} (best of 3); execute is the whole {@link Executor}. The same shape,
 * smaller, is planned and executed first, untimed, to warm up. Not a test:
 *
 * <pre>./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test -Dexec.executable=java -Dexec.args="-Xmx256m -classpath %classpath dev.safedelete.bench.ShapesBenchmark"</pre>
 *
 * Optional arguments: {@code POSTGRES,MARIADB} and {@code fanout,roots}.
 */
public final class ShapesBenchmark {

    public static void main(String[] args) throws Exception {
        var kinds = args.length > 0 ? args[0].split(",") : new String[]{"POSTGRES", "MARIADB"};
        var shapes = List.of(args.length > 1 ? args[1].split(",") : new String[]{"fanout", "roots"});
        System.out.println(BenchTree.Heap.describe());
        for (String k : kinds) {
            var kind = BenchTree.kind(k);
            if (shapes.contains("fanout")) {
                run(kind, "one hub row referenced by 200 tables of 100 rows", ShapesBenchmark::fanout, "hub", 1);
            }
            if (shapes.contains("roots")) {
                run(kind, "1,000 roots, 10 children and 100 grandchildren each", ShapesBenchmark::roots, "parents", 1000);
            }
        }
    }

    private interface Loader {
        /** Loads the shape with {@code roots} root rows from id {@code first}. */
        void load(Statement s, boolean pg, long first, boolean schema) throws SQLException;
    }

    private static void run(ScratchDatabase.Kind kind, String name, Loader loader, String rootTable, int roots)
            throws Exception {
        boolean pg = kind == ScratchDatabase.Kind.POSTGRESQL;
        try (var db = ScratchDatabase.create(kind); Connection c = db.connect(); Statement s = c.createStatement()) {
            Dialect d = db.dialect();
            loader.load(s, pg, 1, true);
            loader.load(s, pg, 1_000_001, false);
            if (pg) {
                s.execute("VACUUM ANALYZE");
            }
            Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
            TableName root = catalog.byBareName(rootTable).get(0);
            var warmKeys = keys(1_000_001, roots);
            for (int i = 0; i < 3; i++) {
                plan(c, catalog, d, root, warmKeys);
            }
            execute(db, catalog, d, root, warmKeys, plan(c, catalog, d, root, warmKeys));

            var keys = keys(1, roots);
            long nat = rolledBack(c, "DELETE FROM " + rootTable + " WHERE id <= " + roots);
            long best = Long.MAX_VALUE;
            AffectedSet set = null;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                set = plan(c, catalog, d, root, keys);
                best = Math.min(best, System.nanoTime() - t);
            }
            long rows = set.rows(Outcome.DELETE);
            long t = System.nanoTime();
            execute(db, catalog, d, root, keys, set);
            long exec = System.nanoTime() - t;
            System.out.printf("%s %s (%,d rows): native %.0f ms | plan %.0f ms (%.2fx) | execute %.0f ms (%.2fx)%n",
                    kind, name, rows, BenchTree.ms(nat), BenchTree.ms(best), (double) best / nat, BenchTree.ms(exec),
                    (double) exec / nat);
        }
    }

    /** {@code hub} rows from {@code first}; 200 tables {@code leaf_k}, 100 rows per hub row each. */
    private static void fanout(Statement s, boolean pg, long first, boolean schema) throws SQLException {
        if (schema) {
            s.execute("CREATE TABLE hub (id BIGINT PRIMARY KEY)");
        }
        s.execute("INSERT INTO hub VALUES (" + first + ")");
        for (int k = 0; k < 200; k++) {
            if (schema) {
                s.execute("CREATE TABLE leaf_" + k + " (id BIGINT PRIMARY KEY, hub_id BIGINT NOT NULL REFERENCES hub (id) "
                        + "ON DELETE CASCADE)");
                s.execute("CREATE INDEX leaf_" + k + "_hub ON leaf_" + k + " (hub_id)");
            }
            s.execute("INSERT INTO leaf_" + k + " SELECT " + first + " * 1000 + n, " + first + " FROM " + series(pg, 100));
        }
    }

    /** 1,000 {@code parents} from {@code first}, 10 {@code kids} each, 10 {@code grandkids} per kid. */
    private static void roots(Statement s, boolean pg, long first, boolean schema) throws SQLException {
        if (schema) {
            s.execute("CREATE TABLE parents (id BIGINT PRIMARY KEY)");
            s.execute("CREATE TABLE kids (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parents (id) "
                    + "ON DELETE CASCADE)");
            s.execute("CREATE INDEX kids_parent ON kids (parent_id)");
            s.execute("CREATE TABLE grandkids (id BIGINT PRIMARY KEY, kid_id BIGINT NOT NULL REFERENCES kids (id) "
                    + "ON DELETE CASCADE)");
            s.execute("CREATE INDEX grandkids_kid ON grandkids (kid_id)");
        }
        s.execute("INSERT INTO parents SELECT " + first + " + n FROM " + series(pg, 1000));
        s.execute("INSERT INTO kids SELECT " + first * 10 + " + n, " + first + " + " + div(pg, "n", 10) + " FROM "
                + series(pg, 10_000));
        s.execute("INSERT INTO grandkids SELECT " + first * 100 + " + n, " + first * 10 + " + " + div(pg, "n", 10)
                + " FROM " + series(pg, 100_000));
    }

    private static String series(boolean pg, int n) {
        return pg ? "generate_series(0, " + (n - 1) + ") AS g(n)" : "(SELECT seq AS n FROM seq_0_to_" + (n - 1) + ") AS g";
    }

    private static String div(boolean pg, String a, int b) {
        return pg ? "(" + a + " / " + b + ")" : "(" + a + " DIV " + b + ")";
    }

    private static List<Object[]> keys(long first, int n) {
        var out = new ArrayList<Object[]>();
        for (int i = 0; i < n; i++) {
            out.add(new Object[]{first + i});
        }
        return out;
    }

    private static AffectedSet plan(Connection c, Catalog catalog, Dialect d, TableName root, List<Object[]> keys)
            throws SQLException {
        return Traversal.derive(c, catalog, d, root, keys, Traversal.Options.builder().build());
    }

    private static void execute(ScratchDatabase db, Catalog catalog, Dialect d, TableName root, List<Object[]> keys,
                                AffectedSet set) throws Exception {
        new Executor(db.dataSource(), catalog, d, Duration.ofSeconds(60)).execute(new Executor.Confirmed(root, keys,
                Traversal.Options.builder().lock(true).build(), set.fingerprints()));
    }

    private static long rolledBack(Connection c, String sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            long t = System.nanoTime();
            s.execute(sql);
            return System.nanoTime() - t;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
