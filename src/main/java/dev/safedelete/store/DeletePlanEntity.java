package dev.safedelete.store;

import dev.safedelete.plan.PlanStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored delete plan. The plan document itself is kept as JSON text ({@link #planJson}): the planner owns its
 * shape, the store only needs the few columns it queries by. Only the hash of the confirmation token is kept.
 */
@Entity
@Table(name = "delete_plan")
public class DeletePlanEntity {

    @Id
    @Column(name = "id", nullable = false)
    public UUID id;

    @Column(name = "target", nullable = false, length = 128)
    public String target;

    /** The root table, {@code schema.table}. */
    @Column(name = "table_name", nullable = false, length = 512)
    public String tableName;

    /** The root keys as the caller gave them, a JSON array of objects. */
    @Column(name = "keys_json", nullable = false, columnDefinition = "text")
    public String keysJson;

    @Column(name = "mode", nullable = false, length = 32)
    public String mode;

    /** The caller's rule overrides, a JSON object (relationship id to rule), or {@code null}. */
    @Column(name = "overrides_json", columnDefinition = "text")
    public String overridesJson;

    /** Kept by name, as every status was before it was typed: rows written then read the same. */
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 32)
    public PlanStatus status;

    @Column(name = "token_hash", nullable = false, length = 128)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Who asked for the plan; {@code null} when the service runs without authentication. */
    @Column(name = "principal", length = 256)
    public String principal;

    /** The whole plan as the API answers it, JSON. Can be large: a text/CLOB column. */
    @Column(name = "plan_json", nullable = false, columnDefinition = "text")
    public String planJson;

    /**
     * Digests of the affected set, one per (table, outcome) group, compared by the executor after re-deriving the set
     * under locks. A JSON array of records (V3 turned the older {@code "table|OUTCOME": "rows:hash"} text into it).
     */
    @Convert(converter = GroupDigestsConverter.class)
    @Column(name = "digests", nullable = false, columnDefinition = "text")
    public List<GroupDigest> digests;

    /** Every affected key, compressed ({@code dev.safedelete.plan.AffectedKeys}). */
    @Column(name = "affected_keys")
    public byte[] affectedKeys;

    /** Optimistic lock: two executions racing for one plan cannot both move it out of READY. */
    @Version
    @Column(name = "version", nullable = false)
    public long version;
}
