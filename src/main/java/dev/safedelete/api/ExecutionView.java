package dev.safedelete.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safedelete.execute.Execution;
import dev.safedelete.plan.DeletePlan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One execution as the audit trail shows it; see {@link Execution} for the fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionView(UUID id, UUID planId, String target, String table, String principal, String status,
                            List<DeletePlan.TableCount> tables, Instant startedAt, Instant finishedAt, String error) {

    static ExecutionView of(Execution e) {
        return new ExecutionView(e.id(), e.planId(), e.target(), e.table(), e.principal(), e.status(), e.tables(),
                e.startedAt(), e.finishedAt(), e.error());
    }
}
