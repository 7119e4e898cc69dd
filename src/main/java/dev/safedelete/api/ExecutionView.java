package dev.safedelete.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safedelete.plan.DeletePlan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One execution as the audit trail shows it: who ran which plan, when, what it changed, and how it ended.
 *
 * @param status COMMITTED, ROLLED_BACK, RUNNING or UNKNOWN (the connection broke during COMMIT and the target could
 *               not be asked afterwards)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionView(UUID id, UUID planId, String target, String table, String principal, String status,
                            List<DeletePlan.TableCount> tables, Instant startedAt, Instant finishedAt, String error) {
}
