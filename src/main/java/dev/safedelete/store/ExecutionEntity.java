package dev.safedelete.store;

import dev.safedelete.execute.ExecutionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One execution of a plan: the audit trail of who changed what, when, and how it ended. */
@Entity
@Table(name = "execution")
public class ExecutionEntity {

    @Id
    @Column(name = "id", nullable = false)
    public UUID id;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Column(name = "target", nullable = false, length = 128)
    public String target;

    @Column(name = "principal", length = 256)
    public String principal;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** {@code null} while running. */
    @Column(name = "finished_at")
    public Instant finishedAt;

    /**
     * {@code RUNNING}, {@code COMMITTED}, {@code ROLLED_BACK} or {@code UNKNOWN} (the commit's outcome could not be
     * learnt). Kept by name, so rows written when it was a string read the same.
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 32)
    public ExecutionStatus status;

    /** Rows changed per table and outcome, JSON in the shape of the plan's {@code tables}. */
    @Column(name = "counts_json", columnDefinition = "text")
    public String countsJson;

    /** What went wrong, for an execution that did not commit. */
    @Column(name = "error", columnDefinition = "text")
    public String error;
}
