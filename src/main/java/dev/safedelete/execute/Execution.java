package dev.safedelete.execute;

import dev.safedelete.plan.DeletePlan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One execution as recorded: who ran which plan of which table, when, what it changed, and how it ended.
 *
 * @param status COMMITTED, ROLLED_BACK, RUNNING or UNKNOWN (the connection broke during COMMIT and the target could
 *               not be asked afterwards)
 * @param tables the rows changed per table and outcome; null unless committed
 */
public record Execution(UUID id, UUID planId, String target, String table, String principal, String status,
                        List<DeletePlan.TableCount> tables, Instant startedAt, Instant finishedAt, String error) {
}
