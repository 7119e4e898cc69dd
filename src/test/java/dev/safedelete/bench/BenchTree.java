package dev.safedelete.bench;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.TableName;
import dev.safedelete.sql.Dialect;
import dev.safedelete.testdb.ScratchDatabase;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The data the planner and executor benchmarks delete: customers, orders, order_items and item_events, every foreign
 * key ON DELETE CASCADE. Customer 1 is the root with {@code rootOrders x itemsPerOrder x eventsPerItem} rows below
 * it; {@code others} more customers each have a smaller tree ({@code otherOrders x otherItems x otherEvents}), so
 * the tables hold more than the tree. Loaded set-based (generate_series on PostgreSQL, the Sequence engine's
 * {@code seq_0_to_N} on MariaDB), foreign keys and indexes added after the load.
 */
final class BenchTree implements AutoCloseable {

    record Shape(int rootOrders, int itemsPerOrder, int eventsPerItem, int others, int otherOrders, int otherItems,
                 int otherEvents) {

        /** 1 customer, 100 orders, 10,000 items, 1,000,000 events; plus 50 customers with 250,000 events in all. */
        static final Shape MILLION = new Shape(100, 100, 100, 50, 5, 20, 50);
        /** 1 customer, 10 orders, 1,000 items, 100,000 events; the same 50 other customers. */
        static final Shape HUNDRED_THOUSAND = new Shape(10, 100, 100, 50, 5, 20, 50);
        /** 1 customer, 1,000,000 orders, 1,000,000 items, no events: large tables that are not leaves. */
        static final Shape WIDE = new Shape(1_000_000, 1, 0, 50, 5, 20, 50);

        long rootRows() {
            long orders = rootOrders;
            long items = orders * itemsPerOrder;
            return 1 + orders + items + items * eventsPerItem;
        }

        long rootEvents() {
            return (long) rootOrders * itemsPerOrder * eventsPerItem;
        }

        long totalEvents() {
            return rootEvents() + (long) others * otherOrders * otherItems * otherEvents;
        }
    }

    final ScratchDatabase db;
    final Shape shape;
    final boolean leafIndexed;

    private BenchTree(ScratchDatabase db, Shape shape, boolean leafIndexed) {
        this.db = db;
        this.shape = shape;
        this.leafIndexed = leafIndexed;
    }

    static ScratchDatabase.Kind kind(String name) {
        return switch (name.trim().toUpperCase()) {
            case "POSTGRES", "POSTGRESQL", "PG" -> ScratchDatabase.Kind.POSTGRESQL;
            case "MARIADB", "MYSQL" -> ScratchDatabase.Kind.MARIADB;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Creates a fresh scratch schema and loads the tree into it. */
    static BenchTree create(ScratchDatabase.Kind kind, Shape shape, boolean leafIndexed) throws SQLException {
        var tree = new BenchTree(ScratchDatabase.create(kind), shape, leafIndexed);
        try {
            tree.load();
        } catch (SQLException | RuntimeException e) {
            tree.close();
            throw e;
        }
        return tree;
    }

    boolean postgres() {
        return db.kind() == ScratchDatabase.Kind.POSTGRESQL;
    }

    private void load() throws SQLException {
        boolean pg = postgres();
        String big = pg ? "bigint" : "BIGINT";
        String text = pg ? "text" : "VARCHAR(40)";
        String engine = pg ? "" : " ENGINE=InnoDB";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (!pg) {
                s.execute("SET SESSION foreign_key_checks = 0");
                s.execute("SET SESSION unique_checks = 0");
            }
            s.execute("CREATE TABLE customers (id " + big + " PRIMARY KEY, name " + text + " NOT NULL)" + engine);
            s.execute("CREATE TABLE orders (id " + big + " PRIMARY KEY, customer_id " + big + " NOT NULL, placed_on DATE NOT NULL)" + engine);
            s.execute("CREATE TABLE order_items (id " + big + " PRIMARY KEY, order_id " + big + " NOT NULL, sku " + text + " NOT NULL, quantity INT NOT NULL)" + engine);
            s.execute("CREATE TABLE item_events (id " + big + " PRIMARY KEY, item_id " + big + " NOT NULL, kind " + text + " NOT NULL, happened_at TIMESTAMP NOT NULL)" + engine);
            // Root tree first (customer 1, ids from 1), then the other customers' trees (ids after the root's).
            long rootItems = (long) shape.rootOrders() * shape.itemsPerOrder();
            insertGroup(s, 1, 1, shape.rootOrders(), shape.itemsPerOrder(), shape.eventsPerItem(), 1, 1, 1);
            insertGroup(s, 2, shape.others(), shape.otherOrders(), shape.otherItems(), shape.otherEvents(),
                    1 + shape.rootOrders(), 1 + rootItems, 1 + shape.rootEvents());
            s.execute("CREATE INDEX orders_customer ON orders (customer_id)");
            s.execute("CREATE INDEX order_items_order ON order_items (order_id)");
            if (leafIndexed) {
                s.execute("CREATE INDEX item_events_item ON item_events (item_id)");
            }
            s.execute("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE");
            s.execute("ALTER TABLE order_items ADD CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE");
            if (pg || leafIndexed) {
                s.execute("ALTER TABLE item_events ADD CONSTRAINT item_events_item_fk FOREIGN KEY (item_id) REFERENCES order_items (id) ON DELETE CASCADE");
            } else {
                // InnoDB creates an index for every foreign key; it exists without one only if dropped with checks
                // off, and then InnoDB refuses to delete a parent row at all (error 1451). Kept for completeness.
                s.execute("ALTER TABLE item_events ADD CONSTRAINT item_events_item_fk FOREIGN KEY (item_id) REFERENCES order_items (id) ON DELETE CASCADE");
                s.execute("ALTER TABLE item_events DROP INDEX item_events_item_fk");
            }
            if (pg) {
                s.execute("VACUUM ANALYZE customers");
                s.execute("VACUUM ANALYZE orders");
                s.execute("VACUUM ANALYZE order_items");
                s.execute("VACUUM ANALYZE item_events");
                s.execute("CHECKPOINT");
            } else {
                s.execute("SET SESSION foreign_key_checks = 1");
                s.execute("SET SESSION unique_checks = 1");
                s.execute("ANALYZE TABLE customers, orders, order_items, item_events");
            }
        }
    }

    /** Customers {@code c0..}, each with {@code o} orders of {@code i} items of {@code e} events; ids from the given starts. */
    private void insertGroup(Statement s, long c0, int customers, int o, int i, int e, long o0, long i0, long e0)
            throws SQLException {
        long nOrders = (long) customers * o;
        long nItems = nOrders * i;
        long nEvents = nItems * e;
        s.execute("INSERT INTO customers (id, name) SELECT " + c0 + " + n, " + concat("'customer '", "n") + " FROM " + series(customers));
        s.execute("INSERT INTO orders (id, customer_id, placed_on) SELECT " + o0 + " + n, " + c0 + " + " + div("n", o)
                + ", DATE '2026-01-01' FROM " + series(nOrders));
        s.execute("INSERT INTO order_items (id, order_id, sku, quantity) SELECT " + i0 + " + n, " + o0 + " + " + div("n", i)
                + ", " + concat("'SKU-'", "n % 977") + ", 1 + n % 5 FROM " + series(nItems));
        if (nEvents == 0) {
            return;
        }
        s.execute("INSERT INTO item_events (id, item_id, kind, happened_at) SELECT " + e0 + " + n, " + i0 + " + " + div("n", e)
                + ", CASE n % 3 WHEN 0 THEN 'viewed' WHEN 1 THEN 'packed' ELSE 'shipped' END, TIMESTAMP '2026-01-01 00:00:00' FROM "
                + series(nEvents));
    }

    private String series(long n) {
        return postgres() ? "generate_series(0, " + (n - 1) + ") AS g(n)" : "(SELECT seq AS n FROM seq_0_to_" + (n - 1) + ") AS g";
    }

    private String div(String a, long b) {
        return postgres() ? "(" + a + " / " + b + ")" : "(" + a + " DIV " + b + ")";
    }

    private String concat(String a, String b) {
        return postgres() ? "(" + a + " || " + b + ")" : "CONCAT(" + a + ", " + b + ")";
    }

    Dialect dialect() {
        return db.dialect();
    }

    Catalog catalog(Connection c) throws SQLException {
        return dialect().catalogLoader().load(c, List.of(db.schema()));
    }

    static TableName customers(Catalog catalog) {
        return catalog.byBareName("customers").get(0);
    }

    DataSource dataSource() {
        if (postgres()) {
            var ds = new PGSimpleDataSource();
            ds.setUrl(db.url());
            ds.setUser(db.user());
            return ds;
        }
        try {
            var ds = new MariaDbDataSource(db.url());
            ds.setUser(db.user());
            ds.setPassword("");
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows still in the four tables, in order customers, orders, order_items, item_events. */
    long[] counts(Connection c) throws SQLException {
        long[] out = new long[4];
        String[] tables = {"customers", "orders", "order_items", "item_events"};
        try (Statement s = c.createStatement()) {
            for (int t = 0; t < tables.length; t++) {
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + tables[t])) {
                    rs.next();
                    out[t] = rs.getLong(1);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        db.close();
    }

    /**
     * Heap high-water mark: {@link #reset()} runs a full GC and resets every heap pool's peak; {@link #peak()} sums
     * the pools' peaks since then (an upper bound: the pools may peak at different moments).
     */
    static final class Heap {
        private Heap() {
        }

        static long reset() {
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                }
            }
            return used();
        }

        static long peak() {
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    sum += p.getPeakUsage().getUsed();
                }
            }
            return sum;
        }

        static long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        static String describe() {
            return "max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, collectors "
                    + ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList();
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
