package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.Executor;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.PlainDelete;
import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testdb.ScratchDatabase.Kind;
import dev.safedelete.testdb.Snapshot;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of semantics.md that generated schemas reach rarely or not at all, one case each, on the real database. */
class SemanticsCasesTest {

    static AffectedSet derive(ScratchDatabase db, String table, Object[] key, Traversal.Options options) throws Exception {
        Dialect d = db.dialect();
        try (Connection c = db.connect()) {
            Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
            TableName t = catalog.byBareName(table).get(0);
            return Traversal.derive(c, catalog, d, t, List.<Object[]>of(key), options);
        }
    }

    static Traversal.Options follow() {
        return Plans.options(Mode.FOLLOW_RULES);
    }

    @Test
    void setNullOfAColumnSubsetNullsOnlyThoseColumnsAsPostgresDoes() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute("""
                    CREATE TABLE tenants (id INT PRIMARY KEY);
                    CREATE TABLE owners (tenant_id INT NOT NULL, id INT NOT NULL, PRIMARY KEY (tenant_id, id));
                    CREATE TABLE docs (id INT PRIMARY KEY, tenant_id INT NOT NULL, owner_id INT,
                      FOREIGN KEY (tenant_id, owner_id) REFERENCES owners ON DELETE SET NULL (owner_id));
                    INSERT INTO tenants VALUES (1);
                    INSERT INTO owners VALUES (1, 10), (1, 11);
                    INSERT INTO docs VALUES (100, 1, 10), (101, 1, 10), (102, 1, 11);
                    """);
            AffectedSet plan = derive(db, "owners", new Object[]{1L, 10L}, follow());
            assertFalse(plan.blocked(), "tenant_id is NOT NULL but is not in the subset");
            assertEquals(2, plan.rows(Outcome.SET_NULL));
            assertEquals(List.of("owner_id"), plan.updates().get(0).columns());
            Catalog catalog;
            try (Connection c = db.connect()) {
                catalog = db.dialect().catalogLoader().load(c, List.of(db.schema()));
            }
            var oracle = PlainDelete.run(db, catalog, catalog.byBareName("owners").get(0), List.of("tenant_id", "id"),
                    List.<Object[]>of(new Object[]{1L, 10L}));
            assertEquals(2, oracle.changed().values().iterator().next().size());
        }
    }

    @Test
    void setDefaultTakesTheDefaultWhenItsParentSurvivesAndBlocksWhenItDoesNot() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute("""
                    CREATE TABLE categories (id INT PRIMARY KEY);
                    CREATE TABLE products (id INT PRIMARY KEY, category_id INT NOT NULL DEFAULT 1
                      REFERENCES categories ON DELETE SET DEFAULT);
                    INSERT INTO categories VALUES (1), (2);
                    INSERT INTO products VALUES (10, 2), (11, 2), (12, 1);
                    """);
            AffectedSet moved = derive(db, "categories", new Object[]{2L}, follow());
            assertFalse(moved.blocked());
            assertEquals(2, moved.rows(Outcome.SET_DEFAULT));
            AffectedSet missing = derive(db, "categories", new Object[]{1L}, follow());
            assertTrue(missing.blockers().keySet().stream().anyMatch(b -> b.reason() == BlockReason.DEFAULT_MISSING),
                    "the default row is the one being deleted");
        }
    }

    @Test
    void setNullOnANotNullColumnBlocks() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute("""
                    CREATE TABLE a (id INT PRIMARY KEY);
                    CREATE TABLE b (id INT PRIMARY KEY, a_id INT NOT NULL REFERENCES a ON DELETE SET NULL);
                    INSERT INTO a VALUES (1);
                    INSERT INTO b VALUES (1, 1);
                    """);
            AffectedSet plan = derive(db, "a", new Object[]{1L}, follow());
            assertTrue(plan.blockers().keySet().stream().anyMatch(b -> b.reason() == BlockReason.NOT_NULL));
        }
    }

    @Test
    void protectedTablesAndTheRowLimitBlock() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute("""
                    CREATE TABLE a (id INT PRIMARY KEY);
                    CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES a ON DELETE CASCADE);
                    INSERT INTO a VALUES (1);
                    INSERT INTO b SELECT g, 1 FROM generate_series(1, 50) g;
                    """);
            TableName b = new TableName(db.schema(), "b");
            AffectedSet guarded = derive(db, "a", new Object[]{1L},
                    Traversal.Options.builder().protectedTables(Set.of(b)).build());
            assertTrue(guarded.blockers().keySet().stream().anyMatch(k -> k.reason() == BlockReason.PROTECTED_TABLE));
            AffectedSet limited = derive(db, "a", new Object[]{1L},
                    Traversal.Options.builder().rowLimit(10).build());
            assertTrue(limited.limitExceeded());
            assertTrue(limited.blockers().keySet().stream().anyMatch(k -> k.reason() == BlockReason.LIMIT));
        }
    }

    @Test
    void aTableTheUserMayNotDeleteFromBlocksAtPlanningTime() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            String role = "sd_reader_" + db.schema().substring(3);
            db.execute("""
                    CREATE TABLE a (id INT PRIMARY KEY);
                    CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES a ON DELETE CASCADE);
                    INSERT INTO a VALUES (1);
                    INSERT INTO b VALUES (1, 1);
                    CREATE ROLE %1$s LOGIN;
                    GRANT USAGE ON SCHEMA %2$s TO %1$s;
                    GRANT SELECT, DELETE ON a TO %1$s;
                    GRANT SELECT ON b TO %1$s;
                    """.formatted(role, db.schema()));
            try (Connection c = DriverManager.getConnection(db.url(), role, "")) {
                Dialect d = db.dialect();
                Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
                AffectedSet plan = Traversal.derive(c, catalog, d, catalog.byBareName("a").get(0),
                        List.<Object[]>of(new Object[]{1L}), follow());
                assertTrue(plan.blockers().keySet().stream()
                        .anyMatch(k -> k.reason() == BlockReason.PRIVILEGE && k.table().name().equals("b")));
            } finally {
                db.execute("DROP OWNED BY " + role + ";\nDROP ROLE " + role);
            }
        }
    }

    @Test
    void aCascadeDeeperThanInnoDbAllowsIsExecutedChildrenFirst() throws Exception {
        int depth = 17;
        try (var db = ScratchDatabase.create(Kind.MARIADB)) {
            var ddl = new StringBuilder("CREATE TABLE t0 (id INT PRIMARY KEY);\nINSERT INTO t0 VALUES (1);\n");
            IntStream.range(1, depth).forEach(i -> ddl.append("CREATE TABLE t").append(i)
                    .append(" (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES t").append(i - 1)
                    .append(" (id) ON DELETE CASCADE);\nINSERT INTO t").append(i).append(" VALUES (1, 1);\n"));
            db.execute(ddl.toString());
            Dialect d = db.dialect();
            Catalog catalog;
            try (Connection c = db.connect()) {
                catalog = d.catalogLoader().load(c, List.of(db.schema()));
            }
            TableName root = catalog.byBareName("t0").get(0);
            var oracle = PlainDelete.run(db, catalog, root, List.of("id"), List.<Object[]>of(new Object[]{1L}));
            assertTrue(oracle.refused(), "InnoDB stops cascading at depth 15");
            AffectedSet plan = derive(db, "t0", new Object[]{1L}, follow());
            assertFalse(plan.blocked());
            assertEquals(depth, plan.rows(Outcome.DELETE));
            var preview = new PreviewBuilder(catalog, d, plan, 5, PreviewBuilder.TreeLimits.DEFAULT)
                    .build(java.util.UUID.randomUUID(), "t", root, Mode.FOLLOW_RULES, Map.of(), java.time.Instant.now(),
                            java.time.Instant.now());
            assertTrue(preview.warnings().toString().contains("deeper than 15"), preview.warnings().toString());
            assertTrue(preview.tree().children().isEmpty() || preview.tree().children().get(0).children() != null);
            var ds = new MariaDbDataSource(db.url());
            ds.setUser("root");
            ds.setPassword("");
            new Executor(ds, catalog, d, Duration.ofSeconds(5)).execute(new Executor.Confirmed(root,
                    List.<Object[]>of(new Object[]{1L}), Traversal.Options.builder().lock(true).build(), plan.fingerprints()));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (int i = 0; i < depth; i++) {
                    var rs = s.executeQuery("SELECT COUNT(*) FROM t" + i);
                    rs.next();
                    assertEquals(0, rs.getLong(1), "t" + i);
                }
            }
        }
    }

    @Test
    void theTreeIsCutToItsLimitsAndSaysWhere() throws Exception {
        try (var db = ScratchDatabase.create(Kind.H2)) {
            var ddl = new StringBuilder("CREATE TABLE t0 (id INT PRIMARY KEY);\nINSERT INTO t0 VALUES (1);\n");
            IntStream.range(1, 6).forEach(i -> ddl.append("CREATE TABLE t").append(i)
                    .append(" (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES t").append(i - 1)
                    .append(" (id) ON DELETE CASCADE);\nINSERT INTO t").append(i).append(" VALUES (1, 1);\n"));
            db.execute(ddl.toString());
            Dialect d = db.dialect();
            try (Connection c = db.connect()) {
                Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
                TableName root = catalog.byBareName("T0").isEmpty() ? catalog.byBareName("t0").get(0)
                        : catalog.byBareName("T0").get(0);
                AffectedSet plan = Traversal.derive(c, catalog, d, root, List.<Object[]>of(new Object[]{1L}), follow());
                var preview = new PreviewBuilder(catalog, d, plan, 5, new PreviewBuilder.TreeLimits(2, 25, 400))
                        .build(java.util.UUID.randomUUID(), "t", root, Mode.FOLLOW_RULES, Map.of(),
                                java.time.Instant.now(), java.time.Instant.now());
                var level2 = preview.tree().children().get(0).children().get(0);
                assertEquals("depth", level2.cut());
                assertEquals(6, preview.summary().get(Outcome.DELETE).rows(), "counts stay complete");
            }
        }
    }
}
