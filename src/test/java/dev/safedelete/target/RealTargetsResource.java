package dev.safedelete.target;

import dev.safedelete.testsupport.LocalDatabases;
import dev.safedelete.testsupport.TcpForwarder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;

/**
 * Three real targets: {@code pg} (PostgreSQL), {@code maria} (MariaDB), each on a database created for this run,
 * and {@code flaky}, the same PostgreSQL database behind a {@link TcpForwarder} that is closed when the service
 * starts. The demo is disabled, so the list of targets is exactly these three.
 */
public class RealTargetsResource implements QuarkusTestResourceLifecycleManager {

    static volatile TcpForwarder forwarder;
    static volatile String postgresDatabase;
    static volatile String mariaDbDatabase;

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL)",
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
                    + "CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE)",
            "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')",
            "INSERT INTO orders VALUES (10, 1), (11, 1), (12, 2)");

    @Override
    public Map<String, String> start() {
        postgresDatabase = LocalDatabases.uniqueName("targets");
        mariaDbDatabase = LocalDatabases.uniqueName("targets");
        LocalDatabases.createPostgres(postgresDatabase, SCHEMA);
        LocalDatabases.createMariaDb(mariaDbDatabase, SCHEMA);
        forwarder = new TcpForwarder(LocalDatabases.POSTGRES_HOST, LocalDatabases.POSTGRES_PORT);
        return Map.ofEntries(
                Map.entry("safedelete.demo.enabled", "false"),
                Map.entry("safedelete.target-check-interval", "1s"),
                Map.entry("safedelete.targets.pg.jdbc-url", LocalDatabases.postgresUrl(postgresDatabase)),
                Map.entry("safedelete.targets.pg.username", LocalDatabases.POSTGRES_USER),
                Map.entry("safedelete.targets.pg.schemas", "public"),
                Map.entry("safedelete.targets.pg.protected-tables", "public.customers, orders"),
                Map.entry("safedelete.targets.pg.declared-relationships.orders_customer_copy.child-table", "public.orders"),
                Map.entry("safedelete.targets.pg.declared-relationships.orders_customer_copy.child-columns", "customer_id"),
                Map.entry("safedelete.targets.pg.declared-relationships.orders_customer_copy.parent-table", "public.customers"),
                Map.entry("safedelete.targets.pg.declared-relationships.orders_customer_copy.parent-columns", "id"),
                Map.entry("safedelete.targets.pg.declared-relationships.orders_customer_copy.on-delete", "SET_NULL"),
                Map.entry("safedelete.targets.maria.jdbc-url", LocalDatabases.mariaDbUrl(mariaDbDatabase)),
                Map.entry("safedelete.targets.maria.username", LocalDatabases.MARIADB_USER),
                Map.entry("safedelete.targets.maria.password", ""),
                Map.entry("safedelete.targets.maria.schemas", mariaDbDatabase),
                Map.entry("safedelete.targets.maria.read-only", "true"),
                Map.entry("safedelete.targets.flaky.jdbc-url",
                        LocalDatabases.postgresUrl("127.0.0.1", forwarder.port(), postgresDatabase)),
                Map.entry("safedelete.targets.flaky.username", LocalDatabases.POSTGRES_USER),
                Map.entry("safedelete.targets.flaky.pool.acquisition-timeout", "2s"),
                Map.entry("safedelete.targets.flaky.pool.login-timeout", "2s"),
                // Another capability's key under safedelete.*, read by its own mapping (OtherCapabilityConfig).
                Map.entry("safedelete.some-other-capability.setting", "x"));
    }

    @Override
    public void stop() {
        if (forwarder != null) {
            forwarder.close();
        }
        LocalDatabases.dropPostgres(postgresDatabase);
        LocalDatabases.dropMariaDb(mariaDbDatabase);
    }
}
