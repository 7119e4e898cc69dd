package dev.safedelete.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableLookup;
import dev.safedelete.catalog.TableName;
import dev.safedelete.plan.AffectedKeys;
import dev.safedelete.plan.AffectedSet;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.PlanConfig;
import dev.safedelete.plan.PlanStatus;
import dev.safedelete.plan.PreviewBuilder;
import dev.safedelete.plan.Traversal;
import dev.safedelete.sql.Dialect;
import dev.safedelete.store.DeletePlanEntity;
import dev.safedelete.store.PlanStore;
import dev.safedelete.target.CatalogCache;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import dev.safedelete.target.TargetUnavailableException;
import dev.safedelete.security.TargetAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Makes, keeps and reads delete plans: checks the request against the target's catalog (naming the field of every
 * mistake), derives the affected set in one consistent snapshot, builds the preview and stores it with every key.
 */
@ApplicationScoped
public class DeletePlanService {

    @Inject
    TargetRegistry registry;
    @Inject
    CatalogCache catalogs;
    @Inject
    PlanStore store;
    @Inject
    PlanConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    TargetAccess access;

    /** A stored plan with its parsed preview and the catalog of its target. */
    public record Stored(DeletePlanEntity entity, DeletePlan plan) {
    }

    public DeletePlan create(String targetName, DeletePlanRequest request) {
        Target target = TargetsResource.require(registry, targetName);
        Dialect dialect = target.requireDialect();
        Catalog catalog = catalogs.get(target).catalog();
        Table table = table(catalog, target.name(), request.table());
        if (request.keys().size() > config.maxKeys()) {
            throw ProblemException.badRequest("too-many-keys", "Too many keys",
                    "keys: at most " + config.maxKeys() + " keys per plan, got " + request.keys().size(),
                    Map.of("field", "keys", "max", config.maxKeys()));
        }
        List<Object[]> roots = KeyConverter.convert(table, request.keys(), "keys");
        Mode mode = request.mode() == null ? Mode.FOLLOW_RULES : request.mode();
        Map<String, Rule> overrides = overrides(catalog, request.overrides());
        int sampleSize = request.sampleSize() == null ? config.defaultSampleSize()
                : Math.min(request.sampleSize(), config.maxSampleSize());

        AffectedSet set = derive(target, dialect, catalog, table.name(), roots,
                options(target, catalog, mode, overrides, sampleSize, false, config.planningStatementTimeout().toSeconds()));
        if (!set.missingRoots().isEmpty()) {
            var missing = set.missingRoots().stream().map(k -> PreviewBuilder.keyObject(table, k)).toList();
            throw ProblemException.notFound("rows-not-found", "Rows not found",
                    missing.size() + " of the keys match no row of " + table.name().qualified() + ": " + missing,
                    Map.of("field", "keys", "missingKeys", missing));
        }
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        DeletePlan plan = new PreviewBuilder(catalog, dialect, set, sampleSize,
                new PreviewBuilder.TreeLimits(config.treeDepth(), config.treeWidth(), config.treeNodes()))
                .build(id, target.name(), table.name(), mode, overrides, now, now.plus(config.expiry()));

        var entity = new DeletePlanEntity();
        entity.id = id;
        entity.target = target.name();
        entity.tableName = table.name().qualified();
        entity.keysJson = write(plan.keys());
        entity.mode = mode.name();
        entity.overridesJson = write(overrides);
        entity.status = plan.status().name();
        entity.tokenHash = sha256(plan.confirmationToken());
        entity.createdAt = now;
        entity.expiresAt = plan.expiresAt();
        entity.principal = principal();
        entity.planJson = write(plan);
        var digests = new LinkedHashMap<String, String>();
        set.fingerprints().forEach((g, f) -> digests.put(g.table().qualified() + "|" + g.outcome(), f));
        entity.fingerprint = write(digests);
        entity.affectedKeys = AffectedKeys.write(set, t -> catalog.table(t).orElseThrow().primaryKey().size());
        store.savePlan(entity);
        return plan;
    }

    /** The plan as stored; a READY or BLOCKED plan past its expiry reads as EXPIRED. */
    public Stored find(UUID id) {
        // A plan of a target the principal may not use is answered as if it did not exist.
        DeletePlanEntity entity = store.findPlan(id).filter(p -> access.allowed(p.target))
                .orElseThrow(() -> ProblemException.notFound("plan-not-found",
                        "Plan not found", "No delete plan with id " + id, Map.of("planId", id)));
        if ((entity.status.equals("READY") || entity.status.equals("BLOCKED")) && entity.expiresAt.isBefore(Instant.now())) {
            store.transitionPlan(id, entity.status, "EXPIRED");
            entity.status = "EXPIRED";
        }
        DeletePlan plan = read(entity.planJson, DeletePlan.class);
        return new Stored(entity, plan.withStatus(PlanStatus.valueOf(entity.status)));
    }

    /**
     * Derives the affected set in one transaction at REPEATABLE READ, so that every statement of the traversal sees
     * the same snapshot, and rolls it back: planning never changes anything.
     */
    AffectedSet derive(Target target, Dialect dialect, Catalog catalog, TableName root, List<Object[]> roots,
                       Traversal.Options options) {
        try (Connection c = target.connection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return Traversal.derive(c, catalog, dialect, root, roots, options);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw planningFailed(target, dialect, e);
        }
    }

    private RuntimeException planningFailed(Target target, Dialect dialect, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22") || state.equals("42883") || state.equals("42804")) {
            return ProblemException.badRequest("invalid-key", "Invalid key",
                    "keys: a value does not fit its column: " + e.getMessage(), Map.of("field", "keys"));
        }
        return switch (dialect.classify(e)) {
            case STATEMENT_TIMEOUT -> new ProblemException(503, "planning-timeout", "Planning timed out",
                    "a planning statement ran past " + config.planningStatementTimeout().toSeconds() + " s", Map.of());
            case CONNECTION_LOST -> new TargetUnavailableException(target.name(), e.getMessage());
            default -> new ProblemException(503, "target-error", "Target database error",
                    "the target refused a planning query: " + e.getMessage(), Map.of("target", target.name()));
        };
    }

    /** The options that make a derivation of this plan; the executor uses the same ones, with locking. */
    Traversal.Options options(Target target, Catalog catalog, Mode mode, Map<String, Rule> overrides, int sampleSize,
                              boolean lock, long timeoutSeconds) {
        Set<TableName> protectedTables = new LinkedHashSet<>();
        for (String name : target.protectedTables()) {
            if (TableLookup.resolve(catalog, name) instanceof TableLookup.Found f) {
                protectedTables.add(f.table());
            }
        }
        return new Traversal.Options(mode, overrides, protectedTables, sampleSize, config.maxAffectedRows(), lock,
                (int) Math.min(Integer.MAX_VALUE, timeoutSeconds));
    }

    static Table table(Catalog catalog, String target, String given) {
        return catalog.table(RequestedTable.require(catalog, target, given)).orElseThrow();
    }

    private static Map<String, Rule> overrides(Catalog catalog, Map<String, Rule> given) {
        if (given == null) {
            return Map.of();
        }
        var out = new LinkedHashMap<String, Rule>();
        for (var e : given.entrySet()) {
            if (e.getValue() == null) {
                throw ProblemException.badRequest("invalid-override", "Invalid override",
                        "overrides." + e.getKey() + ": a rule is required (CASCADE, SET_NULL, SET_DEFAULT, RESTRICT)",
                        Map.of("field", "overrides." + e.getKey()));
            }
            if (e.getValue() == Rule.NO_ACTION) {
                throw ProblemException.badRequest("invalid-override", "Invalid override",
                        "overrides." + e.getKey() + ": NO_ACTION is not an override; use RESTRICT",
                        Map.of("field", "overrides." + e.getKey()));
            }
            Relationship r = catalog.relationship(e.getKey()).orElseThrow(() -> ProblemException.badRequest(
                    "unknown-relationship", "Unknown relationship",
                    "overrides." + e.getKey() + ": no relationship with this id (schema.table.constraint)",
                    Map.of("field", "overrides." + e.getKey())));
            out.put(r.id(), e.getValue());
        }
        return out;
    }

    String principal() {
        return access.principal().orElse(null);
    }

    Map<String, Rule> overridesOf(DeletePlanEntity entity) {
        return entity.overridesJson == null ? Map.of() : read(entity.overridesJson, new TypeReference<>() { });
    }

    Map<String, String> digestsOf(DeletePlanEntity entity) {
        return read(entity.fingerprint, new TypeReference<>() { });
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan is unreadable", e);
        }
    }

    <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan is unreadable", e);
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
