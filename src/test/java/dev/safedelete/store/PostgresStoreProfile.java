package dev.safedelete.store;

import dev.safedelete.testdb.ScratchDatabase;
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
                "quarkus.datasource.username", "root",
                "quarkus.datasource.password", "");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoreDatabase.class));
    }

    public static class StoreDatabase implements QuarkusTestResourceLifecycleManager {

        private ScratchDatabase database;

        @Override
        public Map<String, String> start() {
            database = ScratchDatabase.ownDatabase(ScratchDatabase.Kind.POSTGRESQL);
            V2Rows.seed(database.url(), database.user(), "");
            return Map.of("quarkus.datasource.jdbc.url", database.url());
        }

        @Override
        public void stop() {
            database.close();
        }
    }
}
