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
import dev.safedelete.store.GroupDigest;
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
        entity.status = plan.status();
        entity.tokenHash = sha256(plan.confirmationToken());
        entity.createdAt = now;
        entity.expiresAt = plan.expiresAt();
        entity.principal = principal();
        entity.planJson = write(plan);
        entity.digests = GroupDigest.of(set.fingerprints());
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
        if ((entity.status == PlanStatus.READY || entity.status == PlanStatus.BLOCKED)
                && entity.expiresAt.isBefore(Instant.now())) {
            store.transitionPlan(id, entity.status, PlanStatus.EXPIRED);
            entity.status = PlanStatus.EXPIRED;
        }
        DeletePlan plan = read(entity.planJson, DeletePlan.class);
        return new Stored(entity, plan.withStatus(entity.status));
    }

    /**
     * Derives the affected set in one transaction at REPEATABLE READ, so that every statement of the traversal sees
     * the same snapshot, and rolls it back: planning never changes anything.
     */
    AffectedSet derive(Target target, Dialect dialect, Catalog catalog, TableName root, List<Object[]> roots,
                       Traversal.Options options) {
        return inSnapshot(target, dialect, c -> Traversal.derive(c, catalog, dialect, root, roots, options));
    }

    private interface SnapshotWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one REPEATABLE READ transaction on the target and rolls it back. */
    private <T> T inSnapshot(Target target, Dialect dialect, SnapshotWork<T> work) {
        try (Connection c = target.connection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw planningFailed(target, dialect, e);
        }
    }

    /**
     * Lists the keys a TALLY section of a stored plan stands for, read live (the plan counted them, it did not keep
     * them), after checking in the same snapshot that they are still exactly the rows the plan counted: otherwise
     * 409, as an execution would refuse the plan. Skips {@code skip} keys and gives at most {@code max}.
     */
    List<Object[]> tallyRows(Stored stored, AffectedKeys.Section tally, long skip, int max) {
        Target target = TargetsResource.require(registry, stored.entity().target);
        Dialect dialect = target.requireDialect();
        Catalog catalog = catalogs.get(target).catalog();
        var leafTally = dialect.leafTally();
        Relationship r = catalog.relationship(tally.relationship()).orElse(null);
        if (r == null || leafTally.isEmpty() || catalog.table(tally.table()).isEmpty()) {
            throw ProblemException.conflict("plan-drift", "The schema changed since the preview",
                    "the rows of " + tally.table().qualified() + " were counted through " + tally.relationship()
                            + ", which the target's catalog no longer has; make a new plan", Map.of());
        }
        Table child = catalog.table(tally.table()).orElseThrow();
        Table parent = catalog.table(r.parentTable()).orElseThrow();
        var parentKeys = new java.util.ArrayList<Object[]>();
        AffectedKeys.read(stored.entity().affectedKeys, new AffectedKeys.Visitor() {
            @Override
            public boolean section(AffectedKeys.Section s) {
                return s.isDeleteGroup() && s.table().equals(parent.name());
            }

            @Override
            public boolean key(AffectedKeys.Section s, int position, Object[] key) {
                parentKeys.add(key);
                return true;
            }
        });
        var values = dev.safedelete.plan.LeafTallies.referencedValues(r, parent, parentKeys);
        int timeout = (int) config.planningStatementTimeout().toSeconds();
        return inSnapshot(target, dialect, c -> {
            var now = dev.safedelete.plan.LeafTallies.count(c, dialect, leafTally.get(), child, r, values, timeout);
            if (now.rows() != tally.rows() || !now.hash().equals(tally.hash())) {
                throw ProblemException.conflict("plan-drift", "The data changed since the preview",
                        "the rows of " + child.name().qualified() + " the plan counted have changed ("
                                + tally.rows() + " planned, " + now.rows() + " now); an execution would refuse "
                                + "this plan, make a new one",
                        Map.of("differences", List.of(Map.of("table", child.name().qualified(), "action", "DELETE",
                                "plannedRows", tally.rows(), "currentRows", now.rows()))));
            }
            var out = new java.util.ArrayList<Object[]>();
            long[] seen = {0};
            dev.safedelete.plan.LeafTallies.keys(c, dialect, child, r, values, timeout, Long.MAX_VALUE, key -> {
                if (seen[0]++ >= skip) {
                    out.add(key);
                }
                return out.size() < max;
            });
            return out;
        });
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
                (int) Math.min(Integer.MAX_VALUE, timeoutSeconds), config.tallyAbove());
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
