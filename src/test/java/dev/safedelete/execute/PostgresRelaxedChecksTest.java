package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.Orphans;
import dev.safedelete.testdb.PlainDelete;
import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testdb.ScratchDatabase.Kind;
import dev.safedelete.testdb.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.safedelete.execute.RelaxedForeignKeyChecksTest.counts;
import static dev.safedelete.execute.RelaxedForeignKeyChecksTest.keptOpen;
import static dev.safedelete.execute.RelaxedForeignKeyChecksTest.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL the executor runs its delete phase with {@code session_replication_role = replica} (no RI trigger
 * fires) only when the role may set it and the database proves the catalog knows every foreign key into the deleted
 * tables, with no trigger, rule, partition or inheritance that the setting would change or the census cannot follow.
 * Otherwise PostgreSQL goes on checking, cascading into and refusing for tables the catalog does not know.
 */
class PostgresRelaxedChecksTest {

    /** Customers 1 and 2, each with two orders of two items; {@code items.order_id} has no index. */
    static final String SHOP = """
            CREATE TABLE customers (id INT PRIMARY KEY);
            CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,
                CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            CREATE TABLE items (id INT PRIMARY KEY, order_id INT NOT NULL,
                CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE);
            INSERT INTO customers VALUES (1), (2);
            INSERT INTO orders VALUES (10, 1), (11, 1), (20, 2), (21, 2);
            INSERT INTO items VALUES (100, 10), (101, 10), (110, 11), (111, 11), (200, 20), (201, 20), (210, 21), (211, 21);
            """;

    /** What a DELETE trigger or rule on items writes. */
    static final String DELETED_ITEMS = """
            CREATE TABLE deleted_items (id INT PRIMARY KEY);
            """;

    @Test
    void relaxedWhenTheCatalogKnowsEveryForeignKeyLeavingWhatAPlainDeleteLeaves() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            // a composite key whose columns are not in table order: the census must list them as the catalog does
            db.execute(SHOP + """
                    ALTER TABLE orders ADD CONSTRAINT orders_id_customer_key UNIQUE (id, customer_id);
                    CREATE TABLE shipments (id INT PRIMARY KEY, customer_id INT NOT NULL, order_id INT NOT NULL,
                        CONSTRAINT shipments_order_fk FOREIGN KEY (order_id, customer_id)
                            REFERENCES orders (id, customer_id) ON DELETE CASCADE);
                    INSERT INTO shipments VALUES (1000, 1, 10), (2000, 2, 20);
                    """);
            var run = Run.prepare(db, "root", 1);
            assertFalse(run.catalog.relationship(db.schema() + ".items.items_order_fk").orElseThrow().indexed(),
                    "items.order_id has no index");
            assertTrue(run.execute().foreignKeyChecksRelaxed());
            run.assertLeftWhatAPlainDeleteLeaves(List.of(1L, 2L, 4L));
        }
    }

    /**
     * With every foreign key into the deleted tables indexed, PostgreSQL's RI trigger finds each parent's children
     * through the index at about the cost relaxing would save: the checks stay on, and the result is the same.
     */
    @Test
    void whereEveryForeignKeyIsIndexedRelaxingDoesNotPayAndChecksStayOn() throws Exception {
        assertFalse(deleteCustomerOne(SHOP + "CREATE INDEX items_order_idx ON items (order_id);\n", true));
    }

    /** Items replacing other items make items a cycle, deleted level by level while the phase is relaxed. */
    @Test
    void aCycleDeletedLevelByLevelRunsRelaxed() throws Exception {
        assertTrue(deleteCustomerOne(SHOP + """
                ALTER TABLE items ADD COLUMN replaces INT NULL,
                    ADD CONSTRAINT items_replaces_fk FOREIGN KEY (replaces) REFERENCES items (id) ON DELETE CASCADE;
                UPDATE items SET replaces = 100 WHERE id IN (101, 110);
                UPDATE items SET replaces = 110 WHERE id = 111;
                """, true));
    }

    @Test
    void theConnectionGoesBackWithTheOriginRole() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP);
            var run = Run.prepare(db, "root", 1);
            try (Connection pooled = db.connect()) {
                assertTrue(run.execute(keptOpen(pooled), true).foreignKeyChecksRelaxed());
                assertEquals(List.of("origin"), replicationRole(pooled));
                assertTrue(pooled.getAutoCommit());
            }
        }
    }

    static final String LOG_FUNCTION = """
            CREATE FUNCTION log_item() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO deleted_items VALUES (OLD.id); RETURN OLD; END $$;
            """;

    /** Replica mode would silence a trigger or rule enabled for the origin role: each keeps the checks on, and acts. */
    @ParameterizedTest
    @ValueSource(strings = {
            LOG_FUNCTION + "CREATE TRIGGER items_log AFTER DELETE ON items FOR EACH ROW EXECUTE FUNCTION log_item();\n",
            "CREATE RULE items_log AS ON DELETE TO items DO ALSO INSERT INTO deleted_items VALUES (OLD.id);\n"})
    void aDeleteTriggerOrRuleKeepsChecksOnAndActs(String ddl) throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP + DELETED_ITEMS + ddl);
            var run = Run.prepare(db, "root", 1);
            assertFalse(run.execute().foreignKeyChecksRelaxed());
            try (Connection c = db.connect()) {
                assertEquals(List.of(100L, 101L, 110L, 111L), longs(c, "SELECT id FROM deleted_items ORDER BY id"));
                assertEquals(List.of(1L, 2L, 4L), counts(c, db.schema()));
            }
        }
    }

    /** A disabled trigger fires in no mode: it changes nothing, so it does not keep the checks on. */
    @Test
    void aDisabledTriggerDoesNotKeepChecksOn() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP + DELETED_ITEMS + LOG_FUNCTION + """
                    CREATE TRIGGER items_log AFTER DELETE ON items FOR EACH ROW EXECUTE FUNCTION log_item();
                    ALTER TABLE items DISABLE TRIGGER items_log;
                    """);
            var run = Run.prepare(db, "root", 1);
            assertTrue(run.execute().foreignKeyChecksRelaxed());
            try (Connection c = db.connect()) {
                assertEquals(List.of(), longs(c, "SELECT id FROM deleted_items"));
            }
        }
    }

    /**
     * PostgreSQL's catalog loader follows foreign keys into other schemas, so a key it does not know is one made after
     * the catalog was read.
     */
    @Test
    void aCascadeFromAnotherSchemaTheCatalogDoesNotKnowStillHappens() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP);
            var run = Run.prepare(db, "root", 1);
            try (var other = ScratchDatabase.create(Kind.POSTGRESQL)) {
                other.execute(notes(db, "CASCADE"));
                assertFalse(run.execute().foreignKeyChecksRelaxed());
                try (Connection c = db.connect()) {
                    assertEquals(List.of(1L, 2L, 4L), counts(c, db.schema()));
                    assertEquals(List.of(3L), notesLeft(c, other), "PostgreSQL cascaded into the unknown table");
                }
            }
        }
    }

    @Test
    void aRestrictFromAnotherSchemaTheCatalogDoesNotKnowStillRefuses() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP);
            var run = Run.prepare(db, "root", 1);
            try (var other = ScratchDatabase.create(Kind.POSTGRESQL)) {
                other.execute(notes(db, "RESTRICT"));
                var failure = assertThrows(ExecutionFailure.class, run::execute);
                assertEquals(ExecutionFailure.Kind.REFUSED, failure.kind(), failure.getMessage());
                run.assertNothingChanged();
                try (Connection c = db.connect()) {
                    assertEquals(List.of(1L, 2L, 3L), notesLeft(c, other));
                }
            }
        }
    }

    /** The catalog knows a foreign key of that name, but it has since been made another one: the id alone proves nothing. */
    @Test
    void aForeignKeyKnownByNameOnlyKeepsChecksOn() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP + """
                    ALTER TABLE orders ADD COLUMN payer_id INT NULL;
                    INSERT INTO orders VALUES (22, 2, 1);
                    INSERT INTO items VALUES (220, 22);
                    """);
            var run = Run.prepare(db, "root", 1);
            db.execute("""
                    ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;
                    ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (payer_id) REFERENCES customers (id)
                        ON DELETE CASCADE;
                    """);
            assertFalse(run.execute().foreignKeyChecksRelaxed());
            try (Connection c = db.connect()) {
                assertEquals(List.of(1L, 2L, 4L), counts(c, db.schema()), "PostgreSQL cascaded into order 22 and item 220");
            }
        }
    }

    /**
     * A deleted table that is partitioned, or has an inheritance child, and a partitioned table referencing a deleted
     * one (its key is cloned onto each partition): each keeps the checks on, and the result is still the plain DELETE's.
     */
    static Stream<Arguments> partitionsAndInheritance() {
        return Stream.of(
                Arguments.of("partitioned customers", """
                        CREATE TABLE customers (id INT PRIMARY KEY) PARTITION BY RANGE (id);
                        CREATE TABLE customers_low PARTITION OF customers FOR VALUES FROM (0) TO (100);
                        """, ""),
                Arguments.of("customers with an inheritance child", """
                        CREATE TABLE customers (id INT PRIMARY KEY);
                        CREATE TABLE vip_customers (perks TEXT) INHERITS (customers);
                        """, ""),
                Arguments.of("a partitioned table referencing customers", """
                        CREATE TABLE customers (id INT PRIMARY KEY);
                        CREATE TABLE visits (id INT PRIMARY KEY, customer_id INT NULL REFERENCES customers ON DELETE SET NULL)
                            PARTITION BY RANGE (id);
                        CREATE TABLE visits_low PARTITION OF visits FOR VALUES FROM (0) TO (100);
                        """, """
                        INSERT INTO visits VALUES (1, 1), (2, 2);
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitionsAndInheritance")
    void partitionsAndInheritanceKeepChecksOn(String name, String customers, String data) throws Exception {
        assertFalse(deleteCustomerOne(customers + SHOP.replace("CREATE TABLE customers (id INT PRIMARY KEY);\n", "")
                + data, true));
    }

    @Test
    void turnedOffByConfigurationKeepsChecksOn() throws Exception {
        assertFalse(deleteCustomerOne(SHOP, false));
    }

    /** Without the privilege to set session_replication_role a role keeps the checks on; granted it, it relaxes them. */
    @Test
    void aRoleRelaxesOnlyOnceGrantedSetOnTheParameter() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL); var role = ScopedRole.on(db)) {
            db.execute(SHOP);
            role.grantTables();
            var first = Run.prepare(db, role.name(), 1);
            assertFalse(first.execute().foreignKeyChecksRelaxed());
            first.assertLeftWhatAPlainDeleteLeaves(List.of(1L, 2L, 4L));

            role.root("GRANT SET ON PARAMETER session_replication_role TO " + role.name());
            var second = Run.prepare(db, role.name(), 2);
            assertTrue(second.execute().foreignKeyChecksRelaxed());
            second.assertLeftWhatAPlainDeleteLeaves(List.of(0L, 0L, 0L));
        }
    }

    /**
     * Another transaction holds orders in SHARE mode: the executor locks and derives (row locks go with it), deletes
     * the items, then waits for orders past its lock timeout. Everything rolls back, the connection is back at the
     * origin role, and once the lock is gone the same confirmation goes through.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aLockTimeoutMidwayRollsEverythingBack(boolean mayRelax) throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP);
            var run = Run.prepare(db, "root", 1);
            try (Connection pooled = db.connect()) {
                try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
                    holder.setAutoCommit(false);
                    s.execute("LOCK TABLE orders IN SHARE MODE");
                    var failure = assertThrows(ExecutionFailure.class, () -> run.execute(keptOpen(pooled), mayRelax));
                    assertEquals(ExecutionFailure.Kind.LOCK_TIMEOUT, failure.kind(), failure.getMessage());
                    assertTrue(failure.getCause().getMessage().contains("lock timeout"), failure.getCause().getMessage());
                    holder.rollback();
                }
                run.assertNothingChanged();
                assertEquals(List.of("origin"), replicationRole(pooled));
                assertEquals(mayRelax, run.execute(keptOpen(pooled), mayRelax).foreignKeyChecksRelaxed());
                assertEquals(List.of("origin"), replicationRole(pooled));
            }
            run.assertLeftWhatAPlainDeleteLeaves(List.of(1L, 2L, 4L));
        }
    }

    /**
     * Builds a scratch schema with {@code ddl}, deletes customer 1 as root, checks that the result is what a plain
     * DELETE leaves, and answers whether the delete phase ran relaxed.
     */
    static boolean deleteCustomerOne(String ddl, boolean mayRelax) throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(ddl);
            var run = Run.prepare(db, "root", 1);
            boolean relaxed = run.execute(run.dataSource(), mayRelax).foreignKeyChecksRelaxed();
            run.assertLeftWhatAPlainDeleteLeaves(List.of(1L, 2L, 4L));
            return relaxed;
        }
    }

    /** Notes 1 and 2 on customer 1, note 3 on customer 2, in another schema. */
    static String notes(ScratchDatabase shop, String rule) {
        return """
                CREATE TABLE notes (id INT PRIMARY KEY, customer_id INT NOT NULL,
                    CONSTRAINT notes_customer_fk FOREIGN KEY (customer_id) REFERENCES %s.customers (id) ON DELETE %s);
                INSERT INTO notes VALUES (1, 1), (2, 1), (3, 2);
                """.formatted(shop.schema(), rule);
    }

    static List<Long> notesLeft(Connection c, ScratchDatabase other) throws SQLException {
        return longs(c, "SELECT id FROM " + other.schema() + ".notes ORDER BY id");
    }

    static List<String> replicationRole(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SHOW session_replication_role")) {
            rs.next();
            return List.of(rs.getString(1));
        }
    }

    /** A plan for deleting one customer, made as {@code user}, and its execution as the same user. */
    record Run(ScratchDatabase db, String user, int customer, Dialect dialect, Catalog catalog, AffectedSet plan,
               Snapshot before, PlainDelete oracle) {

        static Run prepare(ScratchDatabase db, String user, int customer) throws SQLException {
            Dialect d = db.dialect();
            var options = Traversal.Options.builder().build();
            try (Connection c = DriverManager.getConnection(db.url(), user, "")) {
                Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
                var table = new TableName(db.schema(), "customers");
                List<Object[]> roots = List.<Object[]>of(new Object[] {customer});
                AffectedSet plan = Traversal.derive(c, catalog, d, table, roots, options);
                assertFalse(plan.blocked(), "the plan is READY");
                return new Run(db, user, customer, d, catalog, plan, Snapshot.take(c, catalog, d),
                        PlainDelete.run(db, catalog, table, List.of("id"), roots));
            }
        }

        TableName table() {
            return new TableName(db.schema(), "customers");
        }

        List<Object[]> roots() {
            return List.<Object[]>of(new Object[] {customer});
        }

        DataSource dataSource() {
            var ds = new PGSimpleDataSource();
            ds.setUrl(db.url());
            ds.setUser(user);
            return ds;
        }

        Executor.Applied execute() throws ExecutionFailure {
            return execute(dataSource(), true);
        }

        Executor.Applied execute(DataSource ds, boolean mayRelax) throws ExecutionFailure {
            return new Executor(ds, catalog, dialect, Duration.ofMillis(500), mayRelax).execute(new Executor.Confirmed(
                    table(), roots(), Traversal.Options.builder().lock(true).build(), plan.fingerprints()));
        }

        /** The data is what a plain DELETE of the same customer left, with these rows left in the shop's tables. */
        void assertLeftWhatAPlainDeleteLeaves(List<Long> counts) throws SQLException {
            assertFalse(oracle.refused(), oracle.error());
            try (Connection c = db.connect()) {
                assertEquals(oracle.after(), Snapshot.take(c, catalog, dialect), "what a plain DELETE leaves");
                assertEquals(List.of(), Orphans.find(c, catalog, dialect));
                assertEquals(counts, counts(c, db.schema()));
            }
        }

        void assertNothingChanged() throws SQLException {
            try (Connection c = db.connect()) {
                assertEquals(before, Snapshot.take(c, catalog, dialect), "nothing changed");
            }
        }
    }

    /** A PostgreSQL login role that may read, update and delete the scratch schema's tables, and nothing more. */
    record ScopedRole(ScratchDatabase db, String name) implements AutoCloseable {

        static ScopedRole on(ScratchDatabase db) throws SQLException {
            var role = new ScopedRole(db, "sd_r_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
            role.root("CREATE ROLE " + role.name + " LOGIN", "GRANT USAGE ON SCHEMA " + db.schema() + " TO " + role.name);
            return role;
        }

        void grantTables() throws SQLException {
            root("GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + db.schema() + " TO " + name);
        }

        /** DROP OWNED also revokes what the role was granted, the parameter included. */
        @Override
        public void close() throws SQLException {
            root("DROP OWNED BY " + name, "DROP ROLE " + name);
        }

        void root(String... statements) throws SQLException {
            try (Connection c = ScratchDatabase.connectToServer(ScratchDatabase.Kind.POSTGRESQL);
                 Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
        }
    }
}
