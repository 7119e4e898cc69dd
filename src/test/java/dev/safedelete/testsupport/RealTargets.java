package dev.safedelete.testsupport;

import dev.safedelete.testdb.ScratchDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way tests start the service on real targets: a Quarkus test resource that creates a {@link ScratchDatabase}
 * of its own for each database it needs (PostgreSQL's with its {@code public} schema), fills it, hands the service
 * the targets' configuration and drops the databases when the service stops. The demo is disabled, so the service's
 * targets are exactly the ones a subclass configures in {@link #configure()}; a {@link Profile} runs it.
 */
public abstract class RealTargets implements QuarkusTestResourceLifecycleManager {

    private final List<ScratchDatabase> databases = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();

    /** Creates the databases ({@link #database}) and configures the targets on them ({@link #target}). */
    protected abstract void configure();

    @Override
    public final Map<String, String> start() {
        property("safedelete.demo.enabled", "false");
        try {
            configure();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return Map.copyOf(properties);
    }

    @Override
    public void stop() {
        for (int i = databases.size() - 1; i >= 0; i--) {
            databases.remove(i).close();
        }
    }

    /** A database of its own on the server, holding what the statements create; dropped when the service stops. */
    protected ScratchDatabase database(ScratchDatabase.Kind kind, List<String> statements) {
        var db = ScratchDatabase.ownDatabase(kind);
        databases.add(db);
        db.execute(statements.toArray(String[]::new));
        return db;
    }

    /** Target {@code name} on a database: its URL and account, and its schema as the target's schemas. */
    protected void target(String name, ScratchDatabase db) {
        connection(name, db.url(), db);
        targetProperty(name, "schemas", db.schema());
    }

    /** Target {@code name} reaching a database through {@code jdbcUrl}, with the database's account. */
    protected void connection(String name, String jdbcUrl, ScratchDatabase db) {
        targetProperty(name, "jdbc-url", jdbcUrl);
        targetProperty(name, "username", db.user());
        targetProperty(name, "password", db.password());
    }

    /** {@code safedelete.targets.<target>.<key>}. */
    protected void targetProperty(String target, String key, String value) {
        property("safedelete.targets." + target + "." + key, value);
    }

    protected void property(String key, String value) {
        properties.put(key, value);
    }

    /** The profile of a test class that runs on the targets of one of these resources. */
    public abstract static class Profile implements QuarkusTestProfile {

        private final Class<? extends RealTargets> resource;

        protected Profile(Class<? extends RealTargets> resource) {
            this.resource = resource;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(resource));
        }
    }
}
