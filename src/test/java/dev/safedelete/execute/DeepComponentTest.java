package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionFailure.Kind;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.Orphans;
import dev.safedelete.testdb.PlainDelete;
import dev.safedelete.testdb.PlannedRows;
import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testdb.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-referencing components thousands of rows deep (issue 12): planned with recursive queries and deleted in a
 * bounded number of statements, and still exactly what the database's own DELETE does (PostgreSQL) or what
 * semantics.md says where InnoDB refuses (more than 15 cascade levels). Drift inside the chain and every execution
 * failure inside the component roll back everything.
 */
class DeepComponentTest {

    static final int DEPTH = 3000;

    /**
     * {@code nodes}: a chain 1..DEPTH (head 1) with a side leaf on every fifth row and a second, untouched chain from
     * 100001; {@code notes} cascade from every seventh node, {@code links} are set NULL from every eleventh.
     */
    static void load(ScratchDatabase db, String rule) {
        boolean pg = db.kind() == ScratchDatabase.Kind.POSTGRESQL;
        String series = pg ? "generate_series(%d, %d) g" : "seq_%d_to_%d";
        String g = pg ? "g" : "seq";
        db.execute("""
                CREATE TABLE nodes (id BIGINT PRIMARY KEY, parent_id BIGINT);
                INSERT INTO nodes SELECT %2$s, CASE WHEN %2$s = 1 THEN NULL ELSE %2$s - 1 END FROM %1$s;
                INSERT INTO nodes SELECT %2$s + %3$d, %2$s * 5 FROM %4$s;
                INSERT INTO nodes SELECT %2$s, CASE WHEN %2$s = 100001 THEN NULL ELSE %2$s - 1 END FROM %5$s;
                CREATE INDEX nodes_parent ON nodes (parent_id);
                ALTER TABLE nodes ADD CONSTRAINT nodes_parent_fk FOREIGN KEY (parent_id) REFERENCES nodes (id) ON DELETE %6$s;
                CREATE TABLE notes (id BIGINT PRIMARY KEY, node_id BIGINT NOT NULL REFERENCES nodes (id) ON DELETE CASCADE);
                INSERT INTO notes SELECT %2$s, %2$s FROM %1$s WHERE MOD(%2$s, 7) = 0;
                CREATE TABLE links (id BIGINT PRIMARY KEY, node_id BIGINT REFERENCES nodes (id) ON DELETE SET NULL);
                INSERT INTO links SELECT %2$s, %2$s FROM %1$s WHERE MOD(%2$s, 11) = 0;
                """.formatted(series.formatted(1, DEPTH), g, DEPTH, series.formatted(1, DEPTH / 5),
                series.formatted(100001, 100100), rule));
    }

    static Stream<Arguments> chains() {
        return Stream.of(ScratchDatabase.Kind.POSTGRESQL, ScratchDatabase.Kind.MARIADB).flatMap(k -> Stream.of(
                Arguments.of(k, "CASCADE", Mode.FOLLOW_RULES),
                Arguments.of(k, "RESTRICT", Mode.CASCADE_ALL),
                Arguments.of(k, "NO ACTION", Mode.CASCADE_ALL),
                Arguments.of(k, "RESTRICT", Mode.FOLLOW_RULES)));
    }

    @ParameterizedTest(name = "{0} ON DELETE {1}, {2}")
    @MethodSource("chains")
    void aChainThousandsDeepIsPlannedAndDeletedAsSemanticsSays(ScratchDatabase.Kind kind, String rule, Mode mode)
            throws Exception {
        try (var db = ScratchDatabase.create(kind)) {
            load(db, rule);
            var chain = Chain.of(db, mode);
            AffectedSet plan = chain.plan;
            PlainDelete oracle = PlainDelete.run(db, chain.catalog, chain.nodes, List.of("id"), chain.head());
            if (mode == Mode.FOLLOW_RULES && rule.equals("RESTRICT")) {
                assertTrue(plan.blocked(), "RESTRICT blocks");
                assertTrue(oracle.refused(), "and the database refuses");
                return;
            }
            assertFalse(plan.blocked());
            assertEquals(DEPTH + DEPTH / 5, plan.deleted().get(chain.nodes).size());
            assertTrue(plan.depth() >= DEPTH, "depth " + plan.depth());
            if (mode == Mode.FOLLOW_RULES) {
                if (kind == ScratchDatabase.Kind.MARIADB) {
                    // InnoDB refuses cascades deeper than 15 levels; semantics.md deletes any depth
                    assertTrue(oracle.refused(), "InnoDB refuses a cascade " + DEPTH + " deep");
                } else {
                    assertFalse(oracle.refused(), oracle.error());
                }
            }
            Map<TableName, java.util.Set<String>> planned;
            Snapshot before;
            try (Connection c = db.connect()) {
                planned = PlannedRows.deleted(plan, chain.catalog, c, chain.dialect);
                before = Snapshot.take(c, chain.catalog, chain.dialect);
            }
            chain.execute(Duration.ofSeconds(5));
            try (Connection c = db.connect()) {
                Snapshot after = Snapshot.take(c, chain.catalog, chain.dialect);
                assertEquals(planned, before.deletedIn(after), "deleted rows");
                assertEquals(PlannedRows.updated(plan, chain.catalog), before.changedIn(after), "updated rows");
                assertEquals(List.of(), Orphans.find(c, chain.catalog, chain.dialect), "orphans");
                if (!oracle.refused()) {
                    assertEquals(oracle.after(), after, "what the database's own DELETE left");
                }
            }
        }
    }

    enum Drift {
        /** A new row joins the chain under row 1500. */
        JOINS("INSERT INTO nodes VALUES (99999, 1500)"),
        /** Rows 2000.. leave: row 2000 no longer references the chain. */
        LEAVES("UPDATE nodes SET parent_id = NULL WHERE id = 2000"),
        /** Row 2500 and its descendants move to the other chain. */
        MOVES("UPDATE nodes SET parent_id = 100050 WHERE id = 2500");

        final String sql;

        Drift(String sql) {
            this.sql = sql;
        }
    }

    static Stream<Arguments> drifts() {
        return Stream.of(ScratchDatabase.Kind.POSTGRESQL, ScratchDatabase.Kind.MARIADB)
                .flatMap(k -> Stream.of(Drift.values()).map(d -> Arguments.of(k, d)));
    }

    @ParameterizedTest(name = "{0}: a row {1}")
    @MethodSource("drifts")
    void driftInsideTheChainIsRefusedAndChangesNothing(ScratchDatabase.Kind kind, Drift drift) throws Exception {
        try (var db = ScratchDatabase.create(kind)) {
            load(db, "CASCADE");
            var chain = Chain.of(db, Mode.FOLLOW_RULES);
            db.execute(drift.sql + ";\n");
            Snapshot before = chain.snapshot();
            var f = assertThrows(ExecutionFailure.class, () -> chain.execute(Duration.ofSeconds(5)));
            assertEquals(Kind.DRIFT, f.kind(), f.getMessage());
            assertTrue(f.differences().stream().anyMatch(x -> x.table().endsWith("nodes") && x.action().equals("DELETE")),
                    f.differences().toString());
            assertEquals(before, chain.snapshot(), "nothing changed");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRowLockedDeepInsideTheChainTimesOutAndChangesNothing(ScratchDatabase.Kind kind) throws Exception {
        try (var db = ScratchDatabase.create(kind)) {
            load(db, "CASCADE");
            var chain = Chain.of(db, Mode.FOLLOW_RULES);
            Snapshot before = chain.snapshot();
            try (Connection other = db.connect(); Statement s = other.createStatement()) {
                other.setAutoCommit(false);
                s.executeQuery("SELECT id FROM nodes WHERE id = 2500 FOR UPDATE").close();
                var f = assertThrows(ExecutionFailure.class, () -> chain.execute(Duration.ofSeconds(1)));
                assertEquals(Kind.LOCK_TIMEOUT, f.kind(), f.getMessage());
                other.rollback();
            }
            assertEquals(before, chain.snapshot(), "nothing changed");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTriggerRaisingDeepInsideTheChainRollsEverythingBack(ScratchDatabase.Kind kind) throws Exception {
        try (var db = ScratchDatabase.create(kind)) {
            load(db, "CASCADE");
            trigger(db, kind == ScratchDatabase.Kind.POSTGRESQL
                    ? "RAISE EXCEPTION 'row 2999 may not go'" : "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'row 2999 may not go'");
            var chain = Chain.of(db, Mode.FOLLOW_RULES);
            Snapshot before = chain.snapshot();
            var f = assertThrows(ExecutionFailure.class, () -> chain.execute(Duration.ofSeconds(5)));
            assertEquals(Kind.REFUSED, f.kind(), f.getMessage());
            assertTrue(f.getMessage().contains("row 2999 may not go"), f.getMessage());
            assertEquals(before, chain.snapshot(), "nothing changed");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ScratchDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aBackendKilledDeepInsideTheChainRollsEverythingBack(ScratchDatabase.Kind kind) throws Exception {
        boolean pg = kind == ScratchDatabase.Kind.POSTGRESQL;
        try (var db = ScratchDatabase.create(kind)) {
            load(db, "CASCADE");
            trigger(db, pg ? "PERFORM pg_sleep(30)" : "DO SLEEP(30)");
            var chain = Chain.of(db, Mode.FOLLOW_RULES);
            Snapshot before = chain.snapshot();
            var pool = Executors.newSingleThreadExecutor();
            try {
                Future<ExecutionFailure> running = pool.submit(() -> assertThrows(ExecutionFailure.class,
                        () -> chain.execute(Duration.ofSeconds(5))));
                String find = pg
                        ? "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' "
                        + "AND wait_event = 'PgSleep'"
                        : "SELECT id FROM information_schema.processlist WHERE id <> CONNECTION_ID() "
                        + "AND info LIKE '%SLEEP%'";
                kill(db, find, pg);
                assertEquals(Kind.CONNECTION_LOST, running.get().kind(), running.get().getMessage());
            } finally {
                pool.shutdownNow();
            }
            assertEquals(before, chain.snapshot(), "nothing changed");
        }
    }

    /** A BEFORE DELETE trigger on {@code nodes} that runs {@code action} when row 2999 goes. */
    private static void trigger(ScratchDatabase db, String action) {
        if (db.kind() == ScratchDatabase.Kind.POSTGRESQL) {
            db.execute("CREATE FUNCTION guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF OLD.id = 2999 THEN "
                    + action + "; END IF; RETURN OLD; END $$;\n"
                    + "CREATE TRIGGER guard BEFORE DELETE ON nodes FOR EACH ROW EXECUTE FUNCTION guard();\n");
        } else {
            db.execute("CREATE TRIGGER guard BEFORE DELETE ON nodes FOR EACH ROW BEGIN IF OLD.id = 2999 THEN "
                    + action + "; END IF; END;\n");
        }
    }

    private static void kill(ScratchDatabase db, String find, boolean pg) throws Exception {
        for (int i = 0; i < 400; i++) {
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(find)) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    s.execute(pg ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the execution never reached the sleeping trigger");
    }

    /** The chain's catalog and plan, planned as the planner plans. */
    private record Chain(ScratchDatabase db, Dialect dialect, Catalog catalog, TableName nodes, Mode mode,
                         AffectedSet plan) {

        static Chain of(ScratchDatabase db, Mode mode) throws Exception {
            Dialect d = db.dialect();
            try (Connection c = db.connect()) {
                Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
                TableName nodes = catalog.byBareName("nodes").get(0);
                AffectedSet plan = Traversal.derive(c, catalog, d, nodes, List.<Object[]>of(new Object[]{1L}),
                        Traversal.Options.builder().mode(mode).build());
                return new Chain(db, d, catalog, nodes, mode, plan);
            }
        }

        List<Object[]> head() {
            return List.<Object[]>of(new Object[]{1L});
        }

        void execute(Duration lockTimeout) throws ExecutionFailure {
            new Executor(db.dataSource(), catalog, dialect, lockTimeout).execute(new Executor.Confirmed(nodes, head(),
                    Traversal.Options.builder().mode(mode).lock(true).build(), plan.fingerprints()));
        }

        Snapshot snapshot() throws Exception {
            try (Connection c = db.connect()) {
                return Snapshot.take(c, catalog, dialect);
            }
        }
    }
}
