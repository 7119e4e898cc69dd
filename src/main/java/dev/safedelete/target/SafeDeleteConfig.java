package dev.safedelete.target;

import dev.safedelete.catalog.Rule;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's own configuration under {@code safedelete.*}. Targets are known only at run time (a map keyed by
 * target name), which is why they are plain configuration and not Quarkus named datasources, whose database kind
 * is fixed at build time.
 *
 * <p>Every key under {@code safedelete} must belong to some {@code @ConfigMapping}: a misspelt key fails start-up
 * instead of being ignored. Other capabilities add their own mapping under a sub-prefix (for example
 * {@code @ConfigMapping(prefix = "safedelete.plans")}); mappings with nested prefixes live side by side.
 */
@ConfigMapping(prefix = "safedelete")
public interface SafeDeleteConfig {

    /** {@code safedelete.targets.<name>.*}: the databases SafeDelete may delete from. */
    Map<String, TargetConfig> targets();

    /** How often every target's connection is re-checked, so a DOWN target recovers and an UP one is noticed failing. */
    @WithDefault("10s")
    Duration targetCheckInterval();

    Demo demo();

    interface Demo {
        /** {@code safedelete.demo.enabled=false} removes the built-in {@code demo} target and skips its seed. */
        @WithDefault("true")
        boolean enabled();
    }

    interface TargetConfig {

        String jdbcUrl();

        Optional<String> username();

        Optional<String> password();

        /** Schemas (databases on MySQL/MariaDB) whose tables make up the target; absent = every non-system schema. */
        Optional<List<String>> schemas();

        /** A read-only target can be previewed but never executed against. */
        @WithDefault("false")
        boolean readOnly();

        /** Tables ({@code schema.table} or bare) whose rows may never be deleted through this service. */
        Optional<List<String>> protectedTables();

        Pool pool();

        /** {@code declared-relationships.<constraintName>.*}: relationships the schema does not enforce itself. */
        Map<String, DeclaredRelationshipConfig> declaredRelationships();
    }

    interface Pool {

        @WithDefault("8")
        int maxSize();

        @WithDefault("0")
        int minSize();

        /** How long a caller waits for a connection before the target is reported unavailable. */
        @WithDefault("5s")
        Duration acquisitionTimeout();

        /** How long opening one physical connection may take. */
        @WithDefault("5s")
        Duration loginTimeout();

        /**
         * Validate every connection as it is handed out. One cheap round trip per borrow; it is what guarantees that
         * a database restart never hands a dead connection to a caller. Turn it off only for very busy targets.
         */
        @WithDefault("true")
        boolean validateOnBorrow();

        /** Connections idle longer than this are validated before they are handed out (when validate-on-borrow is off). */
        @WithDefault("5s")
        Duration idleValidation();

        /** Interval of the pool's background validation of idle connections. */
        @WithDefault("30s")
        Duration validationInterval();

        /** Idle connections above min-size are closed after this long. */
        @WithDefault("5m")
        Duration idleRemoval();

        /** Connections are replaced after this long, so that none lives forever behind a proxy or firewall. */
        @WithDefault("30m")
        Duration maxLifetime();

        /** A connection held longer than this is logged as a leak; 0 disables the report. */
        @WithDefault("0s")
        Duration leakDetection();
    }

    interface DeclaredRelationshipConfig {

        String childTable();

        List<String> childColumns();

        String parentTable();

        List<String> parentColumns();

        @WithDefault("NO_ACTION")
        Rule onDelete();

        @WithDefault("NO_ACTION")
        Rule onUpdate();
    }
}
