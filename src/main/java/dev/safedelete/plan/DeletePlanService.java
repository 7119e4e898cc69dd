package dev.safedelete.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.RequestedTable;
import dev.safedelete.catalog.Rule;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableLookup;
import dev.safedelete.catalog.TableName;
import dev.safedelete.error.InvalidRequestException;
import dev.safedelete.error.InvalidRequestException.Reason;
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
import java.util.Optional;
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

    /** A stored plan with its parsed preview. */
    public record Stored(DeletePlanEntity entity, DeletePlan plan) {
    }

    /** What the caller asked to delete, as sent: table and keys are checked against the catalog here. */
    public record Order(String table, List<Map<String, Object>> keys, Mode mode, Map<String, Rule> overrides,
                        Integer sampleSize) {
    }

    public DeletePlan create(String targetName, Order request) {
        Target target = registry.require(targetName);
        Dialect dialect = target.requireDialect();
        Catalog catalog = catalogs.get(target).catalog();
        Table table = table(catalog, target.name(), request.table());
        if (request.keys().size() > config.maxKeys()) {
            throw new InvalidRequestException(Reason.TOO_MANY_KEYS,
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
            throw new RowsNotFoundException(table.name().qualified(), missing);
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
                .orElseThrow(() -> new PlanNotFoundException(id));
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
     * plan drift, as an execution would refuse the plan. Skips {@code skip} keys and gives at most {@code max}.
     */
    List<Object[]> tallyRows(Stored stored, AffectedKeys.Section tally, long skip, int max) {
        Target target = registry.require(stored.entity().target);
        Dialect dialect = target.requireDialect();
        Catalog catalog = catalogs.get(target).catalog();
        var leafTally = dialect.leafTally();
        Relationship r = catalog.relationship(tally.relationship()).orElse(null);
        if (r == null || leafTally.isEmpty() || catalog.table(tally.table()).isEmpty()) {
            throw new PlanDriftException(PlanDriftException.Changed.SCHEMA,
                    "the rows of " + tally.table().qualified() + " were counted through " + tally.relationship()
                            + ", which the target's catalog no longer has; make a new plan", Map.of());
        }
        Table child = catalog.table(tally.table()).orElseThrow();
        Table parent = catalog.table(r.parentTable()).orElseThrow();
        var parentKeys = AffectedKeys.keys(stored.entity().affectedKeys,
                s -> s.isDeleteGroup() && s.table().equals(parent.name()), 0, Integer.MAX_VALUE);
        var values = LeafTallies.referencedValues(r, parent, parentKeys);
        int timeout = (int) config.planningStatementTimeout().toSeconds();
        return inSnapshot(target, dialect, c -> {
            var now = LeafTallies.count(c, dialect, leafTally.get(), child, r, values, timeout);
            if (now.rows() != tally.rows() || !now.hash().equals(tally.hash())) {
                throw new PlanDriftException(PlanDriftException.Changed.DATA,
                        "the rows of " + child.name().qualified() + " the plan counted have changed ("
                                + tally.rows() + " planned, " + now.rows() + " now); an execution would refuse "
                                + "this plan, make a new one",
                        Map.of("differences", List.of(Map.of("table", child.name().qualified(), "action", "DELETE",
                                "plannedRows", tally.rows(), "currentRows", now.rows()))));
            }
            var out = new java.util.ArrayList<Object[]>();
            long[] seen = {0};
            LeafTallies.keys(c, dialect, child, r, values, timeout, Long.MAX_VALUE, key -> {
                if (seen[0]++ >= skip) {
                    out.add(key);
                }
                return out.size() < max;
            });
            return out;
        });
    }

    /** The catalog of a plan's target if it can be had now; a plan is still readable without it. */
    public Optional<Catalog> catalogIfReachable(String target) {
        try {
            return registry.find(target).map(t -> catalogs.get(t).catalog());
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    private RuntimeException planningFailed(Target target, Dialect dialect, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22") || state.equals("42883") || state.equals("42804")) {
            return new InvalidRequestException(Reason.INVALID_KEY, "keys",
                    "keys: a value does not fit its column: " + e.getMessage());
        }
        return switch (dialect.classify(e)) {
            case STATEMENT_TIMEOUT -> new PlanningFailedException(PlanningFailedException.Reason.TIMEOUT,
                    "a planning statement ran past " + config.planningStatementTimeout().toSeconds() + " s", Map.of());
            case CONNECTION_LOST -> new TargetUnavailableException(target.name(), e.getMessage());
            default -> new PlanningFailedException(PlanningFailedException.Reason.TARGET_ERROR,
                    "the target refused a planning query: " + e.getMessage(), Map.of("target", target.name()));
        };
    }

    /** The options that make a derivation of this plan; the executor uses the same ones, with locking. */
    public Traversal.Options options(Target target, Catalog catalog, Mode mode, Map<String, Rule> overrides, int sampleSize,
                              boolean lock, long timeoutSeconds) {
        Set<TableName> protectedTables = new LinkedHashSet<>();
        for (String name : target.protectedTables()) {
            if (TableLookup.resolve(catalog, name) instanceof TableLookup.Found f) {
                protectedTables.add(f.table());
            }
        }
        return Traversal.Options.builder().mode(mode).overrides(overrides).protectedTables(protectedTables)
                .sampleSize(sampleSize).rowLimit(config.maxAffectedRows()).lock(lock)
                .queryTimeoutSeconds((int) Math.min(Integer.MAX_VALUE, timeoutSeconds)).tallyAbove(config.tallyAbove())
                .build();
    }

    public static Table table(Catalog catalog, String target, String given) {
        return catalog.table(RequestedTable.require(catalog, target, given)).orElseThrow();
    }

    private static Map<String, Rule> overrides(Catalog catalog, Map<String, Rule> given) {
        if (given == null) {
            return Map.of();
        }
        var out = new LinkedHashMap<String, Rule>();
        for (var e : given.entrySet()) {
            if (e.getValue() == null) {
                throw new InvalidRequestException(Reason.INVALID_OVERRIDE, "overrides." + e.getKey(),
                        "overrides." + e.getKey() + ": a rule is required (CASCADE, SET_NULL, SET_DEFAULT, RESTRICT)");
            }
            if (e.getValue() == Rule.NO_ACTION) {
                throw new InvalidRequestException(Reason.INVALID_OVERRIDE, "overrides." + e.getKey(),
                        "overrides." + e.getKey() + ": NO_ACTION is not an override; use RESTRICT");
            }
            Relationship r = catalog.relationship(e.getKey()).orElseThrow(() -> new InvalidRequestException(
                    Reason.UNKNOWN_RELATIONSHIP, "overrides." + e.getKey(),
                    "overrides." + e.getKey() + ": no relationship with this id (schema.table.constraint)"));
            out.put(r.id(), e.getValue());
        }
        return out;
    }

    public String principal() {
        return access.principal().orElse(null);
    }

    public Map<String, Rule> overridesOf(DeletePlanEntity entity) {
        return entity.overridesJson == null ? Map.of() : read(entity.overridesJson, new TypeReference<>() { });
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan is unreadable", e);
        }
    }

    public <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan is unreadable", e);
        }
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
