package dev.safedelete.plan;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionFailure;
import dev.safedelete.execute.Executor;
import dev.safedelete.sql.Dialect;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.testdb.PlannedRows;
import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testdb.ScratchDatabase.Kind;
import dev.safedelete.testdb.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leaf groups the database counts instead of listing (PostgreSQL and MariaDB): which groups qualify, that the count
 * and hash are the rows a plain DELETE removes, that execution deletes exactly those rows by their parents' keys and
 * refuses any difference, with nothing changed.
 */
class LeafTallyTest {

    /** Customers, orders, and two leaf tables: events (cascade from orders) and notes (cascade from customers). */
    private static final String SHOP = """
            CREATE TABLE customers (id INT PRIMARY KEY);
            CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers ON DELETE CASCADE);
            CREATE TABLE events (id BIGINT PRIMARY KEY, order_id INT NOT NULL REFERENCES orders ON DELETE CASCADE,
              kind TEXT NOT NULL);
            CREATE INDEX ON events (order_id);
            INSERT INTO customers VALUES (1), (2);
            INSERT INTO orders SELECT n, 1 + n / 100 FROM generate_series(1, 150) n;
            INSERT INTO events SELECT n, 1 + n % 150, 'viewed' FROM generate_series(1, 3000) n;
            """;

    /** The same shop in MariaDB's dialect. */
    private static final String MARIADB_SHOP = """
            CREATE TABLE customers (id INT PRIMARY KEY);
            CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL,
              FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);
            CREATE TABLE events (id BIGINT PRIMARY KEY, order_id INT NOT NULL, kind VARCHAR(40) NOT NULL,
              FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE);
            INSERT INTO customers VALUES (1), (2);
            INSERT INTO orders SELECT seq, 1 + seq DIV 100 FROM seq_1_to_150;
            INSERT INTO events SELECT seq, 1 + seq % 150, 'viewed' FROM seq_1_to_3000;
            """;

    private static ScratchDatabase shop(Kind kind) {
        var db = ScratchDatabase.create(kind);
        db.execute(kind == Kind.MARIADB ? MARIADB_SHOP : SHOP);
        return db;
    }

    private static Traversal.Options options(long tallyAbove, boolean lock) {
        return Traversal.Options.builder().lock(lock).tallyAbove(tallyAbove).build();
    }

    private record Planned(Catalog catalog, TableName root, AffectedSet set) {
    }

    private static Planned plan(ScratchDatabase db, String table, long tallyAbove) throws Exception {
        try (Connection c = db.connect()) {
            Catalog catalog = db.dialect().catalogLoader().load(c, List.of(db.schema()));
            TableName root = catalog.byBareName(table).get(0);
            return new Planned(catalog, root, Traversal.derive(c, catalog, db.dialect(), root,
                    List.<Object[]>of(new Object[]{1}), options(tallyAbove, false)));
        }
    }

    private static Executor.Applied execute(ScratchDatabase db, Planned p, long tallyAbove) throws ExecutionFailure {
        return execute(db, p, tallyAbove, true);
    }

    /**
     * With {@code mayRelax} PostgreSQL runs the delete phase relaxed (orders.customer_id has no index, so relaxing
     * pays) and deletes the events itself; without, it leaves them to its own cascade. MariaDB relaxes either way
     * it is allowed to, and deletes them itself.
     */
    private static Executor.Applied execute(ScratchDatabase db, Planned p, long tallyAbove, boolean mayRelax)
            throws ExecutionFailure {
        return new Executor(db.dataSource(), p.catalog(), db.dialect(), Duration.ofSeconds(5), mayRelax).execute(new Executor.Confirmed(
                p.root(), List.<Object[]>of(new Object[]{1}), options(tallyAbove, true), p.set().fingerprints()));
    }

    private static TableName events(Planned p) {
        return p.catalog().byBareName("events").get(0);
    }

    private static Snapshot snapshot(ScratchDatabase db, Planned p) throws Exception {
        try (Connection c = db.connect()) {
            return Snapshot.take(c, p.catalog(), db.dialect());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aLeafGroupOverTheThresholdIsCountedByTheDatabaseAndEqualsWhatItsDeleteRemoves(Kind kind) throws Exception {
        try (var db = shop(kind)) {
            Planned p = plan(db, "customers", 1000);
            TableName events = events(p);
            assertEquals(Set.of(events), p.set().tallies().keySet());
            assertEquals(1980, p.set().tallies().get(events).rows(), "events of orders 1..99");
            assertTrue(p.set().deleted().getOrDefault(events, new KeySet()).isEmpty(), "no event key was read");
            assertEquals(1980L, p.set().counts().get(new Group(events, Outcome.DELETE)));
            assertEquals(1980, p.set().fingerprints().get(new Group(events, Outcome.DELETE)).rows());
            assertTrue(p.set().fingerprints().get(new Group(events, Outcome.DELETE)).hash().startsWith("tally:"));

            var preview = new PreviewBuilder(p.catalog(), db.dialect(), p.set(), 5, PreviewBuilder.TreeLimits.DEFAULT)
                    .build(UUID.randomUUID(), "t", p.root(), Mode.FOLLOW_RULES, Map.of(), Instant.now(), Instant.now());
            var eventsNode = preview.tree().children().get(0).children().get(0);
            assertEquals(1980, eventsNode.rows());
            assertEquals(5, eventsNode.sample().size(), "the tree still shows sample keys");
            var step = preview.steps().stream().filter(s -> s.table().equals(events.qualified())).findFirst().orElseThrow();
            assertEquals(1, step.order(), "children first");
            assertEquals(1980, step.rows());
            String orders = p.catalog().byBareName("orders").get(0).qualified();
            assertTrue(step.how().contains("deleted with their " + orders + " rows"), step.how());

            Map<TableName, Set<String>> planned;
            try (Connection c = db.connect()) {
                planned = PlannedRows.deleted(p.set(), p.catalog(), c, db.dialect());
            }
            Snapshot before = snapshot(db, p);
            Executor.Applied applied = execute(db, p, 1000);
            assertEquals(1980L, applied.rows().get(new Group(events, Outcome.DELETE)));
            assertEquals(planned, before.deletedIn(snapshot(db, p)));
        }
    }

    @Test
    void groupsAtOrUnderTheThresholdAndLeavesReachedSeveralWaysAreListed() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP + """
                    CREATE TABLE notes (id INT PRIMARY KEY, customer_id INT REFERENCES customers ON DELETE CASCADE,
                      order_id INT REFERENCES orders ON DELETE CASCADE);
                    INSERT INTO notes SELECT n, 1, n FROM generate_series(1, 50) n;
                    CREATE TABLE tags (code TEXT PRIMARY KEY, order_id INT REFERENCES orders ON DELETE CASCADE);
                    INSERT INTO tags SELECT 'tag' || n, n FROM generate_series(1, 50) n;
                    """);
            Planned p = plan(db, "customers", 1980);
            assertEquals(Set.of(), p.set().tallies().keySet(), "1,980 events are not more than 1,980");
            assertEquals(1980, p.set().deleted().get(events(p)).size());
            assertEquals(50, p.set().deleted().get(p.catalog().byBareName("notes").get(0)).size(),
                    "notes are reached through two relationships: listed");
            assertEquals(50, p.set().deleted().get(p.catalog().byBareName("tags").get(0)).size(),
                    "a text key cannot be hashed as an integer: listed");

            Planned all = plan(db, "customers", 0);
            assertEquals(Set.of(events(all)), all.set().tallies().keySet());
        }
    }

    @Test
    void aLeafAlsoReachedByASetNullRelationshipIsListedSoThatDeletionWins() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP + """
                    ALTER TABLE events ADD COLUMN customer_id INT REFERENCES customers ON DELETE SET NULL;
                    UPDATE events SET customer_id = 1 WHERE id <= 10 OR id > 2990;
                    """);
            Planned p = plan(db, "customers", 0);
            assertEquals(Set.of(), p.set().tallies().keySet());
            assertEquals(1980, p.set().deleted().get(events(p)).size());
            // Events 1-10 and 3000 belong to customer 1's orders and go; 2991-2999 belong to customer 2's and stay.
            assertEquals(9, p.set().groups().get(new Group(events(p), Outcome.SET_NULL)).size());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void eachKindOfChangeToATalliedGroupIsDrift(Kind kind) throws Exception {
        String[] changes = {
                "DELETE FROM events WHERE id = 7",
                "DELETE FROM events WHERE id = 7;\nINSERT INTO events VALUES (99999, 7, 'same count, other row')",
                "UPDATE events SET id = 88888 WHERE id = 8",
                "UPDATE events SET order_id = 140 WHERE id = 9",
                "INSERT INTO events VALUES (77777, 1, 'joined')",
        };
        for (String change : changes) {
            for (boolean mayRelax : new boolean[]{true, false}) {
                driftIsRefused(kind, change, mayRelax);
            }
        }
    }

    private static void driftIsRefused(Kind kind, String change, boolean mayRelax) throws Exception {
        try (var db = shop(kind)) {
            Planned p = plan(db, "customers", 0);
            db.execute(change + ";");
            Snapshot before = snapshot(db, p);
            var f = assertThrows(ExecutionFailure.class, () -> execute(db, p, 0, mayRelax), change);
            assertEquals(ExecutionFailure.Kind.DRIFT, f.kind(), change);
            assertEquals(events(p).qualified(), f.differences().get(0).table(), change);
            assertEquals(before, snapshot(db, p), "nothing changed after: " + change);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void withChecksRelaxedOrNotTheTalliedRowsAndOnlyThoseGo(Kind kind) throws Exception {
        for (boolean mayRelax : new boolean[]{true, false}) {
            try (var db = shop(kind)) {
                Planned p = plan(db, "customers", 0);
                Map<TableName, Set<String>> planned;
                try (Connection c = db.connect()) {
                    planned = PlannedRows.deleted(p.set(), p.catalog(), c, db.dialect());
                }
                Snapshot before = snapshot(db, p);
                Executor.Applied applied = execute(db, p, 0, mayRelax);
                assertEquals(mayRelax, applied.foreignKeyChecksRelaxed());
                assertEquals(1980L, applied.rows().get(new Group(events(p), Outcome.DELETE)));
                assertEquals(planned, before.deletedIn(snapshot(db, p)), "relaxed: " + mayRelax);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTalliedRowLockedByAnotherTransactionIsALockTimeoutAndNothingChanges(Kind kind) throws Exception {
        try (var db = shop(kind); Connection other = db.connect()) {
            Planned p = plan(db, "customers", 0);
            Snapshot before = snapshot(db, p);
            other.setAutoCommit(false);
            try (var s = other.createStatement()) {
                s.executeQuery("SELECT id FROM events WHERE id = 7 FOR UPDATE").close();
            }
            var f = assertThrows(ExecutionFailure.class, () -> new Executor(db.dataSource(), p.catalog(), db.dialect(),
                    Duration.ofSeconds(1)).execute(new Executor.Confirmed(p.root(), List.<Object[]>of(new Object[]{1}),
                    options(0, true), p.set().fingerprints())));
            assertEquals(ExecutionFailure.Kind.LOCK_TIMEOUT, f.kind(), f.getMessage());
            other.rollback();
            assertEquals(before, snapshot(db, p));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void theDeleteRemovesExactlyTheRowsTheTallyCounts(Kind kind) throws Exception {
        try (var db = shop(kind); Connection c = db.connect()) {
            Dialect d = db.dialect();
            Catalog catalog = d.catalogLoader().load(c, List.of(db.schema()));
            Table events = catalog.table(catalog.byBareName("events").get(0)).orElseThrow();
            Relationship r = catalog.referencing(catalog.byBareName("orders").get(0)).get(0);
            List<Object[]> orders = List.of(new Object[]{3}, new Object[]{4}, new Object[]{120});
            c.setAutoCommit(false);
            LeafTallies.Count counted = LeafTallies.count(c, d, d.leafTally().orElseThrow(), events, r, orders, 0,
                    true);
            assertEquals(60, counted.rows());
            LeafTallies.Deleted gone = LeafTallies.run(new dev.safedelete.sql.KeyedStatements(c, 0),
                    LeafTallies.deletes(d, d.leafTally().orElseThrow(), events, r, orders));
            assertEquals(60, gone.rows());
            if (kind == Kind.POSTGRESQL) {
                assertEquals(counted.hash(), gone.hash(), "PostgreSQL hashes what it deletes");
            } else {
                assertNull(gone.hash(), "MariaDB locked the rows when it counted them, and only counts the DELETE");
            }
            assertEquals(LeafTallies.Count.NONE, LeafTallies.count(c, d, d.leafTally().orElseThrow(), events, r, orders, 0));
            c.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aChangeToAColumnNoRelationshipUsesIsNotDrift(Kind kind) throws Exception {
        try (var db = shop(kind)) {
            Planned p = plan(db, "customers", 0);
            db.execute("UPDATE events SET kind = 'packed' WHERE order_id = 3;");
            execute(db, p, 0);
            try (Connection c = db.connect(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                assertEquals(3000 - 1980, rs.getLong(1));
            }
        }
    }

    @Test
    void whenMoreThanTheTallyIsDeletedTheExecutionIsRefusedAndNothingChanges() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            // A trigger deletes an event of customer 2's order with order 5 of customer 1: the transaction then deletes
            // one event more than the plan counted, which only PostgreSQL's per-transaction count of the table sees.
            db.execute(SHOP + """
                    CREATE FUNCTION one_more() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN DELETE FROM events WHERE id = (SELECT min(id) FROM events WHERE order_id = 120); RETURN OLD; END $$;
                    CREATE TRIGGER one_more BEFORE DELETE ON orders FOR EACH ROW WHEN (OLD.id = 5) EXECUTE FUNCTION one_more();
                    """);
            Planned p = plan(db, "customers", 0);
            Snapshot before = snapshot(db, p);
            var f = assertThrows(ExecutionFailure.class, () -> execute(db, p, 0));
            assertEquals(ExecutionFailure.Kind.DRIFT, f.kind());
            assertEquals(1980, f.differences().get(0).plannedRows());
            assertEquals(1981, f.differences().get(0).currentRows());
            assertEquals(before, snapshot(db, p));
        }
    }

    @Test
    void withoutTheDatabasesCountsNothingIsTallied() throws Exception {
        try (var db = ScratchDatabase.create(Kind.POSTGRESQL)) {
            db.execute(SHOP);
            try (Connection c = db.connect(); var s = c.createStatement()) {
                s.execute("SET track_counts = off");
                Catalog catalog = db.dialect().catalogLoader().load(c, List.of(db.schema()));
                TableName root = catalog.byBareName("customers").get(0);
                AffectedSet set = Traversal.derive(c, catalog, db.dialect(), root, List.<Object[]>of(new Object[]{1}),
                        options(0, false));
                assertTrue(set.tallies().isEmpty());
                assertEquals(1980, set.deleted().get(catalog.byBareName("events").get(0)).size());
            }
        }
    }
}
