package dev.safedelete.store;

import dev.safedelete.testsupport.LocalDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The store on PostgreSQL, as in production: db-kind is a build-time property, so this profile makes Quarkus
 * build the application again for it; the database is created for the run, left at V2 with rows in that version's
 * formats ({@link V2Rows}) for the service to migrate at start, and dropped after.
 */
public class PostgresStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.username", LocalDatabases.POSTGRES_USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoreDatabase.class));
    }

    public static class StoreDatabase implements QuarkusTestResourceLifecycleManager {

        private String database;

        @Override
        public Map<String, String> start() {
            database = LocalDatabases.uniqueName("store");
            LocalDatabases.createPostgres(database, List.of());
            V2Rows.seed(LocalDatabases.postgresUrl(database), LocalDatabases.POSTGRES_USER, "");
            return Map.of("quarkus.datasource.jdbc.url", LocalDatabases.postgresUrl(database));
        }

        @Override
        public void stop() {
            LocalDatabases.dropPostgres(database);
        }
    }
}
