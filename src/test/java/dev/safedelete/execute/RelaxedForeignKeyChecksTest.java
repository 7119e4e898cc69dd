package dev.safedelete.execute;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testdb.ScratchDatabase.Kind;
import dev.safedelete.testdb.Snapshot;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * On MariaDB the executor runs its whole delete phase with foreign-key checks off, but only when the database proves
 * that the catalog knows every foreign key into the deleted tables. Where it cannot, InnoDB must go on cascading into
 * (or refusing for) child tables the catalog does not know.
 *
 * <p>Whether the checks were off is seen from outside through a quirk of InnoDB: once the index of a foreign key is
 * dropped (possible only with checks off), InnoDB refuses to delete any parent row while checks are on, even one no
 * child references (error 1451), and lets it go while they are off.
 */
class RelaxedForeignKeyChecksTest {

    /** Customers 1 and 2, each with two orders of two items; {@code items.order_id} has lost its index. */
    static final String SHOP = """
            CREATE TABLE customers (id INT PRIMARY KEY);
            CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,
                CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);
            CREATE TABLE items (id INT PRIMARY KEY, order_id INT NOT NULL,
                CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE);
            INSERT INTO customers VALUES (1), (2);
            INSERT INTO orders VALUES (10, 1), (11, 1), (20, 2), (21, 2);
            INSERT INTO items VALUES (100, 10), (101, 10), (110, 11), (111, 11), (200, 20), (201, 20), (210, 21), (211, 21);
            """;

    static final String UNINDEXED = """
            SET SESSION foreign_key_checks = 0;
            ALTER TABLE items DROP INDEX items_order_fk;
            SET SESSION foreign_key_checks = 1;
            """;

    @Test
    void checksAreOffWhenTheCatalogKnowsEveryForeignKey() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB)) {
            db.execute(SHOP + UNINDEXED);
            assertInnoDbRefusesAnOrderWhileChecksAreOn(db);
            var run = Run.prepare(db, "root");
            try (Connection pooled = DriverManager.getConnection(db.url(), "root", "")) {
                run.execute(keptOpen(pooled));
                assertEquals(List.of(1L), longs(pooled, "SELECT @@SESSION.foreign_key_checks"),
                        "the connection goes back to its pool with checks on");
                assertEquals(List.of(1L, 2L, 4L), counts(pooled, db.schema()), "customer 1 and its tree are gone");
            }
        }
    }

    /** A data source handing out {@code c} and leaving it open, the way a pool lends its connections. */
    static DataSource keptOpen(Connection c) {
        var connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && (args == null || args.length == 0)) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Items replacing other items make items a cycle, deleted level by level before the orders. */
    @Test
    void aCycleDeletedLevelByLevelLeavesTheChecksOffForTheRestOfThePhase() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB)) {
            db.execute(SHOP + """
                    ALTER TABLE items ADD COLUMN replaces INT NULL,
                        ADD CONSTRAINT items_replaces_fk FOREIGN KEY (replaces) REFERENCES items (id) ON DELETE CASCADE;
                    UPDATE items SET replaces = 100 WHERE id IN (101, 110);
                    UPDATE items SET replaces = 110 WHERE id = 111;
                    """ + UNINDEXED);
            var run = Run.prepare(db, "root");
            run.execute();
            try (Connection c = db.connect()) {
                assertEquals(List.of(1L, 2L, 4L), counts(c, db.schema()));
            }
        }
    }

    /**
     * The catalog knows a foreign key of that name, but the database has since made it another one: the id alone
     * proves nothing.
     */
    @Test
    void aForeignKeyKnownByNameOnlyKeepsChecksOn() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB)) {
            db.execute(SHOP + """
                    ALTER TABLE orders ADD COLUMN payer_id INT NULL, ADD INDEX orders_payer_idx (payer_id);
                    INSERT INTO orders VALUES (22, 2, 1);
                    INSERT INTO items VALUES (220, 22);
                    """);
            var run = Run.prepare(db, "root");
            db.execute("""
                    ALTER TABLE orders DROP FOREIGN KEY orders_customer_fk;
                    ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (payer_id) REFERENCES customers (id)
                        ON DELETE CASCADE;
                    """);
            run.execute();
            try (Connection c = db.connect()) {
                assertEquals(List.of(1L, 2L, 4L), counts(c, db.schema()), "InnoDB cascaded into order 22 and item 220");
            }
        }
    }

    @Test
    void aDeleteTriggerOnADeletedTableKeepsChecksOn() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB)) {
            db.execute(SHOP + UNINDEXED + "CREATE TRIGGER items_log BEFORE DELETE ON items FOR EACH ROW BEGIN END;\n");
            var run = Run.prepare(db, "root");
            run.assertRefusedAndNothingChanged();
        }
    }

    @Test
    void aCascadeFromAnotherDatabaseTheCatalogDoesNotKnowStillHappens() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB)) {
            db.execute(SHOP);
            var run = Run.prepare(db, "root");
            try (var other = ScratchDatabase.create(Kind.MARIADB)) {
                other.execute(notes(db, "CASCADE"));
                run.execute();
                try (Connection c = db.connect()) {
                    assertEquals(List.of(1L, 2L, 4L), counts(c, db.schema()));
                    assertEquals(List.of(3L), notesLeft(c, other), "InnoDB cascaded into the unknown table");
                }
            }
        }
    }

    @Test
    void aRestrictFromAnotherDatabaseTheCatalogDoesNotKnowStillRefuses() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB)) {
            db.execute(SHOP);
            var run = Run.prepare(db, "root");
            try (var other = ScratchDatabase.create(Kind.MARIADB)) {
                other.execute(notes(db, "RESTRICT"));
                run.assertRefusedAndNothingChanged();
                try (Connection c = db.connect()) {
                    assertEquals(List.of(1L, 2L, 3L), notesLeft(c, other));
                }
            }
        }
    }

    @Test
    void anAccountWithoutGlobalPrivilegesKeepsChecksOn() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB); var user = ScopedUser.on(db)) {
            db.execute(SHOP + UNINDEXED);
            var run = Run.prepare(db, user.name());
            run.assertRefusedAndNothingChanged();
        }
    }

    /**
     * The case the privilege test exists for: the account cannot see the other database, so information_schema shows
     * it no foreign key the catalog lacks, yet one references the deleted customers.
     */
    @Test
    void aCascadeFromATableTheAccountCannotSeeStillHappens() throws Exception {
        try (var db = ScratchDatabase.create(Kind.MARIADB); var user = ScopedUser.on(db)) {
            db.execute(SHOP);
            try (var other = ScratchDatabase.create(Kind.MARIADB)) {
                other.execute(notes(db, "CASCADE"));
                var run = Run.prepare(db, user.name());
                assertEquals(Set.of("customers", "orders", "items"),
                        Set.copyOf(run.catalog.tables().keySet().stream().map(TableName::name).toList()),
                        "the account's catalog does not know the notes");
                run.execute();
                try (Connection c = db.connect()) {
                    assertEquals(List.of(1L, 2L, 4L), counts(c, db.schema()));
                    assertEquals(List.of(3L), notesLeft(c, other), "InnoDB cascaded into the table the account cannot see");
                }
            }
        }
    }

    /** Notes 1 and 2 on customer 1, note 3 on customer 2, in another database. */
    static String notes(ScratchDatabase shop, String rule) {
        return """
                CREATE TABLE notes (id INT PRIMARY KEY, customer_id INT NOT NULL,
                    CONSTRAINT notes_customer_fk FOREIGN KEY (customer_id) REFERENCES %s.customers (id) ON DELETE %s);
                INSERT INTO notes VALUES (1, 1), (2, 1), (3, 2);
                """.formatted(shop.schema(), rule);
    }

    /** Rows left in customers, orders and items. */
    static List<Long> counts(Connection c, String schema) throws SQLException {
        var out = new java.util.ArrayList<Long>();
        for (String t : List.of("customers", "orders", "items")) {
            out.addAll(longs(c, "SELECT COUNT(*) FROM " + schema + "." + t));
        }
        return out;
    }

    static List<Long> notesLeft(Connection c, ScratchDatabase other) throws SQLException {
        return longs(c, "SELECT id FROM " + other.schema() + ".notes ORDER BY id");
    }

    static List<Long> longs(Connection c, String sql) throws SQLException {
        var out = new java.util.ArrayList<Long>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** The control: without the executor, with checks on, InnoDB refuses to delete an order whose items are gone. */
    static void assertInnoDbRefusesAnOrderWhileChecksAreOn(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("DELETE FROM items WHERE order_id = 10");
            var refused = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM orders WHERE id = 10"));
            assertEquals(1451, refused.getErrorCode(), refused.getMessage());
            c.rollback();
        }
    }

    /** A plan for deleting customer 1, made as {@code user}, and its execution as the same user. */
    record Run(ScratchDatabase db, String user, Dialect dialect, Catalog catalog, AffectedSet plan, Snapshot before) {

        static Run prepare(ScratchDatabase db, String user) throws SQLException {
            Dialect d = db.dialect();
            var options = Traversal.Options.builder().build();
            try (Connection c = DriverManager.getConnection(db.url(), user, "")) {
                Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
                AffectedSet plan = Traversal.derive(c, catalog, d, new TableName(db.schema(), "customers"),
                        roots(), options);
                assertEquals(false, plan.blocked(), "the plan is READY");
                return new Run(db, user, d, catalog, plan, Snapshot.take(c, catalog, d));
            }
        }

        static List<Object[]> roots() {
            return List.<Object[]>of(new Object[] {1});
        }

        Executor.Applied execute() throws ExecutionFailure, SQLException {
            var ds = new MariaDbDataSource(db.url());
            ds.setUser(user);
            ds.setPassword("");
            return execute(ds);
        }

        Executor.Applied execute(DataSource ds) throws ExecutionFailure {
            return new Executor(ds, catalog, dialect, Duration.ofSeconds(5)).execute(new Executor.Confirmed(
                    new TableName(db.schema(), "customers"), roots(),
                    Traversal.Options.builder().lock(true).build(),
                    plan.fingerprints()));
        }

        void assertRefusedAndNothingChanged() throws SQLException {
            var failure = assertThrows(ExecutionFailure.class, this::execute);
            assertEquals(ExecutionFailure.Kind.REFUSED, failure.kind(), failure.getMessage());
            try (Connection c = db.connect()) {
                assertEquals(before, Snapshot.take(c, catalog, dialect), "nothing changed");
            }
        }
    }

    /** A MariaDB account holding every privilege on one database and none on any other. */
    record ScopedUser(String name) implements AutoCloseable {

        static ScopedUser on(ScratchDatabase db) throws SQLException {
            var user = new ScopedUser("sd_u_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
            user.root("CREATE USER '" + user.name + "'@'%'", "GRANT ALL PRIVILEGES ON " + db.schema() + ".* TO '"
                    + user.name + "'@'%'");
            return user;
        }

        @Override
        public void close() throws SQLException {
            root("DROP USER '" + name + "'@'%'");
        }

        private void root(String... statements) throws SQLException {
            try (Connection c = ScratchDatabase.connectToServer(ScratchDatabase.Kind.MARIADB);
                 Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
        }
    }
}
