package dev.safedelete.api;

import dev.safedelete.testsupport.LocalDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;

/**
 * Two real targets on databases created for this test class and dropped after it:
 * <ul>
 *     <li>{@code pg}, PostgreSQL with schemas {@code public} and {@code archive} that both have an {@code orders}
 *     table, tables whose names hold a space, dots and quotes, one valid declared relationship across the schemas
 *     and two declarations that do not fit the schema;</li>
 *     <li>{@code maria}, MariaDB with customers and orders.</li>
 * </ul>
 * The demo is disabled: the service starts with exactly these targets.
 */
public class SchemaTargetsResource implements QuarkusTestResourceLifecycleManager {

    static volatile String postgresDatabase;
    static volatile String mariaDbDatabase;

    private static final List<String> POSTGRES_SCHEMA = List.of(
            "CREATE SCHEMA archive",
            "CREATE TABLE public.customers (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL)",
            "CREATE TABLE public.orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
                    + "CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) "
                    + "REFERENCES public.customers (id) ON DELETE CASCADE)",
            "CREATE TABLE archive.orders (id INTEGER PRIMARY KEY, customer_id INTEGER)",
            "CREATE TABLE public.\"order lines.v2\" (order_id INTEGER NOT NULL, line_no INTEGER NOT NULL, "
                    + "PRIMARY KEY (order_id, line_no), CONSTRAINT \"order lines_order_fkey\" FOREIGN KEY (order_id) "
                    + "REFERENCES public.orders (id) ON DELETE CASCADE)",
            "CREATE TABLE public.\"say \"\"hi\"\"\" (id INTEGER PRIMARY KEY, line_order_id INTEGER, line_no INTEGER, "
                    + "CONSTRAINT quoted_line_fkey FOREIGN KEY (line_order_id, line_no) "
                    + "REFERENCES public.\"order lines.v2\" (order_id, line_no) ON DELETE SET NULL)");

    private static final List<String> MARIADB_SCHEMA = List.of(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL)",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
                    + "CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) "
                    + "ON DELETE CASCADE)");

    @Override
    public Map<String, String> start() {
        postgresDatabase = LocalDatabases.uniqueName("schema_api");
        mariaDbDatabase = LocalDatabases.uniqueName("schema_api");
        LocalDatabases.createPostgres(postgresDatabase, POSTGRES_SCHEMA);
        LocalDatabases.createMariaDb(mariaDbDatabase, MARIADB_SCHEMA);
        String declared = "safedelete.targets.pg.declared-relationships.";
        return Map.ofEntries(
                Map.entry("safedelete.demo.enabled", "false"),
                Map.entry("safedelete.targets.pg.jdbc-url", LocalDatabases.postgresUrl(postgresDatabase)),
                Map.entry("safedelete.targets.pg.username", LocalDatabases.POSTGRES_USER),
                Map.entry("safedelete.targets.pg.schemas", "public,archive"),
                // Valid: archived orders keep their customer by application logic only.
                Map.entry(declared + "archived_orders_customer_fkey.child-table", "archive.orders"),
                Map.entry(declared + "archived_orders_customer_fkey.child-columns", "customer_id"),
                Map.entry(declared + "archived_orders_customer_fkey.parent-table", "public.customers"),
                Map.entry(declared + "archived_orders_customer_fkey.parent-columns", "id"),
                Map.entry(declared + "archived_orders_customer_fkey.on-delete", "CASCADE"),
                // Invalid: no such child table.
                Map.entry(declared + "ghost_fkey.child-table", "public.ghosts"),
                Map.entry(declared + "ghost_fkey.child-columns", "customer_id"),
                Map.entry(declared + "ghost_fkey.parent-table", "public.customers"),
                Map.entry(declared + "ghost_fkey.parent-columns", "id"),
                // Invalid: the parent column is not a key.
                Map.entry(declared + "by_name_fkey.child-table", "archive.orders"),
                Map.entry(declared + "by_name_fkey.child-columns", "id"),
                Map.entry(declared + "by_name_fkey.parent-table", "public.customers"),
                Map.entry(declared + "by_name_fkey.parent-columns", "name"),
                Map.entry("safedelete.targets.maria.jdbc-url", LocalDatabases.mariaDbUrl(mariaDbDatabase)),
                Map.entry("safedelete.targets.maria.username", LocalDatabases.MARIADB_USER),
                Map.entry("safedelete.targets.maria.password", ""),
                Map.entry("safedelete.targets.maria.schemas", mariaDbDatabase));
    }

    @Override
    public void stop() {
        LocalDatabases.dropPostgres(postgresDatabase);
        LocalDatabases.dropMariaDb(mariaDbDatabase);
    }
}
