package dev.safedelete.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.safedelete.catalog.Catalog;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TableName;
import dev.safedelete.execute.ExecutionFailure;
import dev.safedelete.execute.ExecutionStatus;
import dev.safedelete.execute.Executor;
import dev.safedelete.plan.AffectedSet.Group;
import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.Fingerprint;
import dev.safedelete.plan.Mode;
import dev.safedelete.plan.PlanConfig;
import dev.safedelete.plan.PlanStatus;
import dev.safedelete.store.DeletePlanEntity;
import dev.safedelete.store.ExecutionEntity;
import dev.safedelete.store.GroupDigest;
import dev.safedelete.store.PlanStore;
import dev.safedelete.target.CatalogCache;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a confirmed plan at most once and records what happened. Every refusal is decided before anything is locked;
 * every failure after that is a rollback, answered with what it was.
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

    public ExecutionView execute(UUID planId, ExecutionRequest request) {
        DeletePlanService.Stored stored = plans.find(planId);
        DeletePlanEntity entity = stored.entity();
        String token = request == null ? null : request.confirmationToken();
        if (token == null || token.isBlank()) {
            throw ProblemException.badRequest("confirmation-token-missing", "Confirmation token missing",
                    "confirmationToken: the plan's confirmationToken is required", Map.of("field", "confirmationToken"));
        }
        if (!MessageDigest.isEqual(DeletePlanService.sha256(token).getBytes(StandardCharsets.US_ASCII),
                entity.tokenHash.getBytes(StandardCharsets.US_ASCII))) {
            throw ProblemException.badRequest("confirmation-token-mismatch", "Wrong confirmation token",
                    "confirmationToken: does not match this plan's preview", Map.of("field", "confirmationToken"));
        }
        switch (entity.status) {
            case BLOCKED -> throw new ProblemException(422, "plan-blocked", "Plan is blocked",
                    "the plan has blockers; resolve them (or choose other rules) and make a new plan",
                    Map.of("planId", planId, "blockers", stored.plan().blockers()));
            case EXPIRED -> throw new ProblemException(410, "plan-expired", "Plan expired",
                    "the plan expired at " + entity.expiresAt + "; make a new plan", Map.of("planId", planId));
            case EXECUTED, EXECUTING, FAILED -> throw ProblemException.conflict("plan-already-executed",
                    "Plan already executed", "the plan is " + entity.status + "; a plan is executed at most once",
                    Map.of("planId", planId, "status", entity.status.name()));
            case READY -> {
                // executable
            }
        }
        Target target = TargetsResource.require(registry, entity.target);
        if (target.readOnly()) {
            throw new ProblemException(403, "target-read-only", "Target is read-only",
                    "target " + target.name() + " is configured read-only: plans may be made, not executed",
                    Map.of("target", target.name()));
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
            throw ProblemException.conflict("plan-already-executed", "Plan already executed",
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
            return view(execution, entity.tableName);
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
            throw problem(f, execution.id, planId);
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

    private static ProblemException problem(ExecutionFailure f, UUID executionId, UUID planId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("executionId", executionId);
        fields.put("planId", planId);
        fields.put("rolledBack", f.kind() != ExecutionFailure.Kind.COMMIT_UNKNOWN);
        return switch (f.kind()) {
            case DRIFT, COUNT_MISMATCH -> {
                fields.put("differences", f.differences());
                yield new ProblemException(409, "plan-drift", "The data changed since the preview",
                        f.getMessage() + "; nothing was changed, make a new plan", fields);
            }
            case LOCK_TIMEOUT -> new ProblemException(423, "rows-locked", "Rows are locked",
                    f.getMessage() + "; nothing was changed, the plan can be confirmed again", fields);
            case STATEMENT_TIMEOUT -> new ProblemException(503, "statement-timeout", "Statement timed out",
                    f.getMessage() + "; the transaction was rolled back", fields);
            case CONNECTION_LOST -> new ProblemException(503, "target-connection-lost", "Target connection lost",
                    f.getMessage() + "; the transaction was rolled back", fields);
            case REFUSED -> {
                fields.put("databaseError", f.getMessage());
                yield ProblemException.conflict("execution-refused", "The target refused the delete",
                        "the database refused a statement (a constraint or a trigger): " + f.getMessage()
                                + "; the transaction was rolled back", fields);
            }
            case COMMIT_UNKNOWN -> {
                fields.put("outcome", "UNKNOWN");
                yield new ProblemException(503, "commit-outcome-unknown", "Commit outcome unknown", f.getMessage(), fields);
            }
        };
    }

    public ExecutionView view(ExecutionEntity e, String table) {
        List<DeletePlan.TableCount> tables = e.countsJson == null ? null
                : plans.read(e.countsJson, new TypeReference<List<DeletePlan.TableCount>>() { });
        return new ExecutionView(e.id, e.planId, e.target, table, e.principal, e.status.name(), tables, e.startedAt,
                e.finishedAt, e.error);
    }
}
