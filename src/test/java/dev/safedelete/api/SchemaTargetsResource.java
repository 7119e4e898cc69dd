package dev.safedelete.api;

import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testsupport.RealTargets;

import java.util.List;

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
public class SchemaTargetsResource extends RealTargets {

    static volatile ScratchDatabase postgres;
    static volatile ScratchDatabase mariaDb;

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
    protected void configure() {
        postgres = database(ScratchDatabase.Kind.POSTGRESQL, POSTGRES_SCHEMA);
        mariaDb = database(ScratchDatabase.Kind.MARIADB, MARIADB_SCHEMA);
        target("pg", postgres);
        targetProperty("pg", "schemas", "public,archive");
        // Valid: archived orders keep their customer by application logic only.
        declared("archived_orders_customer_fkey", "archive.orders", "customer_id", "public.customers", "id");
        targetProperty("pg", "declared-relationships.archived_orders_customer_fkey.on-delete", "CASCADE");
        // Invalid: no such child table.
        declared("ghost_fkey", "public.ghosts", "customer_id", "public.customers", "id");
        // Invalid: the parent column is not a key.
        declared("by_name_fkey", "archive.orders", "id", "public.customers", "name");
        target("maria", mariaDb);
    }

    private void declared(String name, String childTable, String childColumns, String parentTable, String parentColumns) {
        String declared = "declared-relationships." + name + ".";
        targetProperty("pg", declared + "child-table", childTable);
        targetProperty("pg", declared + "child-columns", childColumns);
        targetProperty("pg", declared + "parent-table", parentTable);
        targetProperty("pg", declared + "parent-columns", parentColumns);
    }
}
