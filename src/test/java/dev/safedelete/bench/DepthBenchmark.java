package dev.safedelete.bench;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.Executor;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.ScratchDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Times deleting the head of one self-referencing chain ({@code nodes(id, parent_id REFERENCES nodes ON DELETE
 * CASCADE)}, {@code parent_id} indexed), {@code depth} rows deep, four ways in the same run: the database's own
 * {@code DELETE} of the head (rolled back; InnoDB refuses cascades deeper than 15), the floor (every row in one
 * DELETE with foreign-key enforcement off, rolled back), planning (the {@link Traversal} as the planner runs it,
 * best of 3) and the {@link Executor} (lock, re-derive, drift check, delete, commit). Five 5,000-deep chains are
 * planned and executed first, untimed, to warm the JIT and the server as a running service is. Not a test; run it in a forked JVM with a 256 MB heap:
 *
 * <pre>./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.classpathScope=test -Dexec.executable=java -Dexec.args="-Xmx256m -classpath %classpath dev.safedelete.bench.DepthBenchmark"</pre>
 *
 * Optional arguments: {@code POSTGRES,MARIADB} (databases) and the depth (default 50000). With
 * {@code -Dbench.profile=true} before {@code -classpath} it prints the execution's time inside JDBC per statement.
 */
public final class DepthBenchmark {

    public static void main(String[] args) throws Exception {
        var kinds = args.length > 0 ? args[0].split(",") : new String[]{"POSTGRES", "MARIADB"};
        int depth = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        System.out.println(BenchTree.Heap.describe());
        for (String k : kinds) {
            run(BenchTree.kind(k), depth);
        }
    }

    private static void run(ScratchDatabase.Kind kind, int depth) throws Exception {
        try (var db = ScratchDatabase.create(kind); Connection c = db.connect()) {
            Dialect d = db.dialect();
            load(c, kind, depth);
            Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
            TableName nodes = catalog.byBareName("nodes").get(0);
            // warm-up, as a service that has run before: five 5,000-deep chains planned and executed
            for (int round = 0; round < 5; round++) {
                long head = 1_000_000L + round * 10_000L;
                try (Statement st = c.createStatement()) {
                    st.execute(chain(kind, head, 5_000));
                }
                execute(db.dataSource(), catalog, d, nodes, head, plan(c, catalog, d, nodes, head));
            }
            if (kind == ScratchDatabase.Kind.POSTGRESQL) {
                try (Statement st = c.createStatement()) {
                    st.execute("VACUUM ANALYZE nodes");
                }
            }

            String nat = time(() -> rolledBack(c, "DELETE FROM nodes WHERE id = 1", false));
            String floor = time(() -> rolledBack(c, "DELETE FROM nodes WHERE id <= " + depth, true));
            long best = Long.MAX_VALUE;
            AffectedSet set = null;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                set = plan(c, catalog, d, nodes, 1);
                best = Math.min(best, System.nanoTime() - t);
            }
            long rows = set.deleted().get(nodes).size();
            if (rows != depth) {
                throw new IllegalStateException("planned " + rows + " rows, the chain has " + depth);
            }
            var profile = Boolean.getBoolean("bench.profile") ? new StatementProfile() : null;
            long t = System.nanoTime();
            execute(profile == null ? db.dataSource() : profile.wrap(db.dataSource()), catalog, d, nodes, 1, set);
            long exec = System.nanoTime() - t;
            if (profile != null) {
                System.out.printf("  time inside JDBC by statement (%.0f ms of %.0f ms):%n%s",
                        BenchTree.ms(profile.totalNanos()), BenchTree.ms(exec), profile.report());
            }
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM nodes")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException(rs.getLong(1) + " rows left after the execution");
                }
            }
            System.out.printf("%s chain %,d deep: native %s | floor (FK off) %s | plan %.0f ms | execute %.0f ms%n",
                    kind, depth, nat, floor, BenchTree.ms(best), BenchTree.ms(exec));
        }
    }

    private static void load(Connection c, ScratchDatabase.Kind kind, int depth) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent_id BIGINT)");
            s.execute(chain(kind, 1, depth));
            s.execute("CREATE INDEX nodes_parent ON nodes (parent_id)");
            s.execute("ALTER TABLE nodes ADD CONSTRAINT nodes_parent_fk FOREIGN KEY (parent_id) REFERENCES nodes (id) "
                    + "ON DELETE CASCADE");
            if (kind == ScratchDatabase.Kind.POSTGRESQL) {
                s.execute("VACUUM ANALYZE nodes");
            }
        }
    }

    /** Rows {@code head} to {@code head + depth - 1}, each the child of the one before. */
    private static String chain(ScratchDatabase.Kind kind, long head, int depth) {
        return (kind == ScratchDatabase.Kind.POSTGRESQL
                ? "INSERT INTO nodes SELECT g, CASE WHEN g = %1$d THEN NULL ELSE g - 1 END FROM generate_series(%1$d, %2$d) g"
                : "INSERT INTO nodes SELECT seq, CASE WHEN seq = %1$d THEN NULL ELSE seq - 1 END FROM seq_%1$d_to_%2$d")
                .formatted(head, head + depth - 1);
    }

    private static AffectedSet plan(Connection c, Catalog catalog, Dialect d, TableName nodes, long head)
            throws SQLException {
        return Traversal.derive(c, catalog, d, nodes, List.<Object[]>of(new Object[]{head}), options(false));
    }

    private static void execute(javax.sql.DataSource ds, Catalog catalog, Dialect d, TableName nodes, long head,
                                AffectedSet set) throws Exception {
        new Executor(ds, catalog, d, Duration.ofSeconds(60)).execute(new Executor.Confirmed(nodes,
                List.<Object[]>of(new Object[]{head}), options(true), set.fingerprints()));
    }

    private static Traversal.Options options(boolean lock) {
        return Traversal.Options.builder().lock(lock).build();
    }

    private interface Timed {
        void run() throws SQLException;
    }

    /** "123 ms", or what the database said when it refused. */
    private static String time(Timed what) {
        long t = System.nanoTime();
        try {
            what.run();
            return String.format("%.0f ms", BenchTree.ms(System.nanoTime() - t));
        } catch (SQLException e) {
            return "refused (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private static void rolledBack(Connection c, String sql, boolean relaxed) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (relaxed) {
                s.execute(c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                        ? "SET LOCAL session_replication_role = replica" : "SET SESSION foreign_key_checks = 0");
            }
            s.execute(sql);
        } finally {
            c.rollback();
            try (Statement s = c.createStatement()) {
                if (!c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
                    s.execute("SET SESSION foreign_key_checks = 1");
                }
            }
            c.setAutoCommit(true);
        }
    }
}
