package dev.safedelete.target;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.DeclaredRelationships;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One catalog per target, loaded once and replaced whole on refresh: a reader holding a {@link Loaded} never sees half
 * of an old schema and half of a new one. Declared relationships are checked against each catalog as it loads; a
 * declaration that does not fit is reported with the target, never stops the service.
 */
@ApplicationScoped
public class CatalogCache {

    private static final Logger LOG = Logger.getLogger(CatalogCache.class);

    /** A target's catalog with its declared relationships merged in, and the declarations that did not fit. */
    public record Loaded(Catalog catalog, List<String> declarationErrors) {
        public Loaded {
            declarationErrors = List.copyOf(declarationErrors);
        }
    }

    @Inject
    TargetRegistry targets;

    private final Map<String, Loaded> byTarget = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();

    /** Loads every reachable target's catalog at start-up (after the demo is seeded), so declarations are checked early. */
    void loadAtStartup(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 100) StartupEvent e) {
        for (Target t : targets.all()) {
            if (!t.status().up()) {
                continue;
            }
            try {
                refresh(t);
            } catch (RuntimeException ex) {
                LOG.warnf("target %s: catalog not loaded at start-up: %s", t.name(), ex.getMessage());
            }
        }
    }

    /** The cached catalog, loaded on first use. */
    public Loaded get(Target target) {
        Loaded known = byTarget.get(target.name());
        return known != null ? known : refresh(target);
    }

    /**
     * Reads the catalog again and replaces the cached one whole. Refreshes of one target run one at a time, so a
     * slower refresh that read the schema earlier can never overwrite a newer one.
     */
    public Loaded refresh(Target target) {
        synchronized (refreshLocks.computeIfAbsent(target.name(), n -> new Object())) {
            return load(target);
        }
    }

    private Loaded load(Target target) {
        var dialect = target.requireDialect();
        try (Connection c = target.connection()) {
            Catalog raw = dialect.catalogLoader().load(c, target.schemas());
            var declared = DeclaredRelationships.resolve(raw, target.declaredRelationships());
            declared.errors().forEach(err -> LOG.errorf("target %s: %s", target.name(), err));
            var loaded = new Loaded(raw.withRelationships(declared.relationships()), declared.errors());
            byTarget.put(target.name(), loaded);
            return loaded;
        } catch (SQLException e) {
            throw new TargetUnavailableException(target.name(), "cannot read the catalog: " + e.getMessage());
        }
    }

    /** The declaration errors of the last load, empty when the catalog was never loaded. */
    public List<String> declarationErrors(String target) {
        Loaded known = byTarget.get(target);
        return known == null ? List.of() : known.declarationErrors();
    }
}
