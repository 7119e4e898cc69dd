package dev.safedelete.execute;

import dev.safedelete.plan.DeletePlan;
import dev.safedelete.plan.DeletePlanService;
import dev.safedelete.plan.PlanConfig;
import dev.safedelete.sql.GenericDialect;
import dev.safedelete.target.Target;
import dev.safedelete.target.TargetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** The SQL a stored plan's execution runs ({@code /script}): the {@link ExecutionScript} of its stored keys. */
@ApplicationScoped
public class ScriptService {

    @Inject
    DeletePlanService plans;
    @Inject
    TargetRegistry registry;
    @Inject
    PlanConfig config;

    public String of(UUID id) {
        var stored = plans.find(id);
        DeletePlan plan = stored.plan();
        Target target = registry.require(plan.target());
        var catalog = plans.catalogIfReachable(plan.target());
        if (catalog.isEmpty()) {
            return "-- SafeDelete plan " + plan.id() + " on target " + plan.target()
                    + ": the target's catalog cannot be read now, so its statements cannot be built\n";
        }
        return new ExecutionScript(catalog.get(), target.dialect().orElseGet(GenericDialect::new), target.dataSource(),
                config.relaxForeignKeyChecks(), (int) config.executionStatementTimeout().toSeconds())
                .render(plan, stored.entity().affectedKeys);
    }
}
