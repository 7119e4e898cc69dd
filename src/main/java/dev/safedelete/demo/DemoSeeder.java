package dev.safedelete.demo;

import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Seeds the built-in {@code demo} target, an in-memory H2 shop, from {@code classpath:db/demo}. Every start gives
 * the same fresh shop: the database is cleaned first (it may outlive a dev-mode restart or a test's restart, since
 * DB_CLOSE_DELAY=-1 keeps it while the JVM lives).
 *
 * <p>The seed only ever writes to an in-memory H2 URL: pointing {@code safedelete.targets.demo.jdbc-url} at a
 * real database must never clean or fill it.
 */
@ApplicationScoped
class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    /** Flyway's history lives here, outside the demo's visible schema {@code public}. */
    static final String HISTORY_SCHEMA = "seed";

    @Inject
    TargetRegistry registry;

    // Before the other start-up observers (health registration and anything reading the catalog).
    void seed(@Observes @Priority(1) StartupEvent event) {
        registry.find(TargetRegistry.DEMO).ifPresent(this::seed);
    }

    private void seed(Target demo) {
        if (!demo.jdbcUrl().startsWith("jdbc:h2:mem:")) {
            LOG.warnf("Not seeding target demo: the seed only writes to an in-memory H2 database, not %s", demo.jdbcUrl());
            return;
        }
        Flyway flyway = Flyway.configure()
                .dataSource(demo.dataSource())
                .locations("classpath:db/demo")
                .schemas(HISTORY_SCHEMA, "public")
                .cleanDisabled(false)
                .load();
        flyway.clean();
        var result = flyway.migrate();
        LOG.infof("Seeded the demo shop (%d migrations)", result.migrationsExecuted);
        demo.check();
    }
}
