package dev.safedelete.target;

import dev.safedelete.testdb.ScratchDatabase;
import dev.safedelete.testsupport.RealTargets;
import dev.safedelete.testsupport.TcpForwarder;

import java.util.List;

/**
 * Three real targets: {@code pg} (PostgreSQL), {@code maria} (MariaDB), each on a database created for this run,
 * and {@code flaky}, the same PostgreSQL database behind a {@link TcpForwarder} that is closed when the service
 * starts. The demo is disabled, so the list of targets is exactly these three.
 */
public class RealTargetsResource extends RealTargets {

    static volatile TcpForwarder forwarder;

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL)",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
                    + "CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE)",
            "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')",
            "INSERT INTO orders VALUES (10, 1), (11, 1), (12, 2)");

    @Override
    protected void configure() {
        var postgres = database(ScratchDatabase.Kind.POSTGRESQL, SCHEMA);
        var mariaDb = database(ScratchDatabase.Kind.MARIADB, SCHEMA);
        forwarder = new TcpForwarder("127.0.0.1", 5432);
        property("safedelete.target-check-interval", "1s");
        target("pg", postgres);
        targetProperty("pg", "protected-tables", "public.customers, orders");
        String declared = "declared-relationships.orders_customer_copy.";
        targetProperty("pg", declared + "child-table", "public.orders");
        targetProperty("pg", declared + "child-columns", "customer_id");
        targetProperty("pg", declared + "parent-table", "public.customers");
        targetProperty("pg", declared + "parent-columns", "id");
        targetProperty("pg", declared + "on-delete", "SET_NULL");
        target("maria", mariaDb);
        targetProperty("maria", "read-only", "true");
        connection("flaky", postgres.urlThroughPort(forwarder.port()), postgres);
        targetProperty("flaky", "pool.acquisition-timeout", "2s");
        targetProperty("flaky", "pool.login-timeout", "2s");
        // Another capability's key under safedelete.*, read by its own mapping (OtherCapabilityConfig).
        property("safedelete.some-other-capability.setting", "x");
    }

    @Override
    public void stop() {
        if (forwarder != null) {
            forwarder.close();
        }
        super.stop();
    }
}
