package dev.safedelete.execute;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.error.InvalidRequestException;
import dev.safedelete.error.InvalidRequestException.Reason;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.DeletePlanService;
import dev.safedelete.plan.Fingerprint;
import dev.safedelete.plan.KeyConverter;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.PlanConfig;
import dev.safedelete.plan.PlanStatus;
import dev.safedelete.store.DeletePlanEntity;
import dev.safedelete.security.TargetAccess;
import dev.safedelete.store.ExecutionEntity;
import dev.safedelete.store.ExecutionPage;
import dev.safedelete.store.GroupDigest;
import dev.safedelete.store.PlanStore;
import dev.safedelete.target.CatalogCache;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetReadOnlyException;
import dev.safedelete.target.TargetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a confirmed plan at most once and records what happened, and reads that record back. Every refusal is
 * decided before anything is locked; every failure after that is a rollback, reported with what it was.
 */
@ApplicationScoped
public class ExecutionService {

    private static final Logger LOG = Logger.getLogger(ExecutionService.class);

    @Inject
    DeletePlanService plans;
    @Inject
    TargetRegistry registry;
    @Inject
    CatalogCache catalogs;
    @Inject
    PlanStore store;
    @Inject
    PlanConfig config;
    @Inject
    TargetAccess access;

    /** A page of executions, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Execution> items, String nextCursor) {
    }

    public Execution execute(UUID planId, String token) {
        DeletePlanService.Stored stored = plans.find(planId);
        DeletePlanEntity entity = stored.entity();
        if (token == null || token.isBlank()) {
            throw new InvalidRequestException(Reason.CONFIRMATION_TOKEN_MISSING, "confirmationToken",
                    "confirmationToken: the plan's confirmationToken is required");
        }
        if (!MessageDigest.isEqual(DeletePlanService.sha256(token).getBytes(StandardCharsets.US_ASCII),
                entity.tokenHash.getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidRequestException(Reason.CONFIRMATION_TOKEN_MISMATCH, "confirmationToken",
                    "confirmationToken: does not match this plan's preview");
        }
        switch (entity.status) {
            case BLOCKED -> throw new PlanNotExecutableException(PlanNotExecutableException.Reason.BLOCKED,
                    "the plan has blockers; resolve them (or choose other rules) and make a new plan",
                    Map.of("planId", planId, "blockers", stored.plan().blockers()));
            case EXPIRED -> throw new PlanNotExecutableException(PlanNotExecutableException.Reason.EXPIRED,
                    "the plan expired at " + entity.expiresAt + "; make a new plan", Map.of("planId", planId));
            case EXECUTED, EXECUTING, FAILED -> throw new PlanNotExecutableException(
                    PlanNotExecutableException.Reason.ALREADY_EXECUTED,
                    "the plan is " + entity.status + "; a plan is executed at most once",
                    Map.of("planId", planId, "status", entity.status.name()));
            case READY -> {
                // executable
            }
        }
        Target target = registry.require(entity.target);
        if (target.readOnly()) {
            throw new TargetReadOnlyException(target.name());
        }
        var dialect = target.requireDialect();
        Catalog catalog = catalogs.get(target).catalog();
        Table root = DeletePlanService.table(catalog, target.name(), entity.tableName);
        List<Map<String, Object>> keys = plans.read(entity.keysJson, new TypeReference<>() { });
        var roots = KeyConverter.convert(root, keys, "keys");
        var options = plans.options(target, catalog, Mode.valueOf(entity.mode), plans.overridesOf(entity), 0, true,
                config.executionStatementTimeout().toSeconds());
        var fingerprints = new LinkedHashMap<Group, Fingerprint>();
        for (GroupDigest d : entity.digests) {
            // Looked up as the root is: a table gone from the catalog is the same 404, before anything is locked.
            TableName t = DeletePlanService.table(catalog, target.name(), d.table().qualified()).name();
            fingerprints.put(new Group(t, d.outcome()), d.fingerprint());
        }

        if (!store.transitionPlan(planId, PlanStatus.READY, PlanStatus.EXECUTING)) {
            throw new PlanNotExecutableException(PlanNotExecutableException.Reason.ALREADY_EXECUTED,
                    "another execution of this plan started first; a plan is executed at most once",
                    Map.of("planId", planId));
        }
        var execution = new ExecutionEntity();
        execution.id = UUID.randomUUID();
        execution.planId = planId;
        execution.target = target.name();
        execution.principal = plans.principal();
        execution.startedAt = Instant.now();
        execution.status = ExecutionStatus.RUNNING;
        store.saveExecution(execution);

        var executor = new Executor(target.dataSource(), catalog, dialect, config.lockTimeout(),
                config.relaxForeignKeyChecks());
        try {
            Executor.Applied applied = executor.execute(new Executor.Confirmed(root.name(), roots, options, fingerprints));
            var tables = applied.rows().entrySet().stream()
                    .map(e -> new DeletePlan.TableCount(e.getKey().table().qualified(), e.getKey().outcome(), e.getValue()))
                    .toList();
            execution.status = ExecutionStatus.COMMITTED;
            execution.countsJson = plans.write(tables);
            finish(execution, PlanStatus.EXECUTED);
            return of(execution, entity.tableName);
        } catch (ExecutionFailure f) {
            execution.status = f.kind() == ExecutionFailure.Kind.COMMIT_UNKNOWN ? ExecutionStatus.UNKNOWN
                    : ExecutionStatus.ROLLED_BACK;
            execution.error = f.kind() + ": " + f.getMessage();
            // A lock or a lost connection may pass: the plan may be confirmed again. Drift, a refusal or an unknown
            // commit end it.
            boolean retryable = switch (f.kind()) {
                case LOCK_TIMEOUT, STATEMENT_TIMEOUT, CONNECTION_LOST -> true;
                default -> false;
            };
            finish(execution, retryable ? PlanStatus.READY : PlanStatus.FAILED);
            LOG.infof(f, "execution %s of plan %s: %s", execution.id, planId, execution.error);
            throw failed(f, execution.id, planId);
        } catch (RuntimeException e) {
            execution.status = ExecutionStatus.ROLLED_BACK;
            execution.error = e.toString();
            finish(execution, PlanStatus.FAILED);
            throw e;
        }
    }

    private void finish(ExecutionEntity execution, PlanStatus planStatus) {
        execution.finishedAt = Instant.now();
        store.updateExecution(execution);
        store.transitionPlan(execution.planId, PlanStatus.EXECUTING, planStatus);
    }

    private static ExecutionFailedException failed(ExecutionFailure f, UUID executionId, UUID planId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("executionId", executionId);
        fields.put("planId", planId);
        fields.put("rolledBack", f.kind() != ExecutionFailure.Kind.COMMIT_UNKNOWN);
        String detail = switch (f.kind()) {
            case DRIFT, COUNT_MISMATCH -> {
                fields.put("differences", f.differences());
                yield f.getMessage() + "; nothing was changed, make a new plan";
            }
            case LOCK_TIMEOUT -> f.getMessage() + "; nothing was changed, the plan can be confirmed again";
            case STATEMENT_TIMEOUT, CONNECTION_LOST -> f.getMessage() + "; the transaction was rolled back";
            case REFUSED -> {
                fields.put("databaseError", f.getMessage());
                yield "the database refused a statement (a constraint or a trigger): " + f.getMessage()
                        + "; the transaction was rolled back";
            }
            case COMMIT_UNKNOWN -> {
                fields.put("outcome", "UNKNOWN");
                yield f.getMessage();
            }
        };
        return new ExecutionFailedException(f.kind(), detail, fields);
    }

    /**
     * At most {@code size} executions after {@code cursor} (from the newest when null), of one target when given.
     * Executions of targets the principal may not use are left out, as if they did not exist; pages are read until
     * they are full so that a restricted principal still gets whole pages.
     */
    public Page list(String target, int size, String cursor) {
        Optional<ExecutionPage> from = Optional.ofNullable(cursor).map(ExecutionService::decode);
        if (target != null) {
            access.require(target);
        }
        var visible = new ArrayList<ExecutionEntity>();
        boolean more = true;
        while (visible.size() <= size && more) {
            List<ExecutionEntity> found = store.listExecutions(Optional.ofNullable(target), from, size + 1);
            more = found.size() == size + 1;
            for (ExecutionEntity e : found) {
                if (access.allowed(e.target) && visible.size() <= size) {
                    visible.add(e);
                }
            }
            if (!found.isEmpty()) {
                ExecutionEntity last = found.get(found.size() - 1);
                from = Optional.of(new ExecutionPage(last.startedAt, last.id));
            }
        }
        String next = visible.size() > size ? encode(visible.get(size - 1)) : null;
        return new Page(visible.stream().limit(size).map(this::of).toList(), next);
    }

    /** The execution of that id, unless the principal may not use its target (then it does not exist). */
    public Execution find(UUID id) {
        return of(store.findExecution(id).filter(e -> access.allowed(e.target))
                .orElseThrow(() -> new ExecutionNotFoundException(id)));
    }

    private Execution of(ExecutionEntity e) {
        return of(e, store.findPlan(e.planId).map((DeletePlanEntity p) -> p.tableName).orElse(null));
    }

    private Execution of(ExecutionEntity e, String table) {
        List<DeletePlan.TableCount> tables = e.countsJson == null ? null
                : plans.read(e.countsJson, new TypeReference<List<DeletePlan.TableCount>>() { });
        return new Execution(e.id, e.planId, e.target, table, e.principal, e.status.name(), tables, e.startedAt,
                e.finishedAt, e.error);
    }

    private static String encode(ExecutionEntity e) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((e.startedAt.toString() + "|" + e.id).getBytes(StandardCharsets.US_ASCII));
    }

    private static ExecutionPage decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\|");
            return new ExecutionPage(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidRequestException(Reason.INVALID_CURSOR, "cursor", "cursor: not a cursor this service gave out");
        }
    }
}
