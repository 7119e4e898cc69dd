package dev.safedelete.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.safedelete.catalog.Rule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The preview of api.md: what deleting the roots does, row by row, grouped by table and outcome. */
public record DeletePlan(UUID id,
                         String target,
                         String table,
                         List<Map<String, Object>> keys,
                         Mode mode,
                         Map<String, Rule> overrides,
                         PlanStatus status,
                         Instant createdAt,
                         Instant expiresAt,
                         String confirmationToken,
                         Map<Outcome, Count> summary,
                         List<TableCount> tables,
                         TreeNode tree,
                         List<Blocker> blockers,
                         List<Step> steps,
                         List<String> warnings) {

    public DeletePlan withStatus(PlanStatus newStatus) {
        return new DeletePlan(id, target, table, keys, mode, overrides, newStatus, createdAt, expiresAt,
                confirmationToken, summary, tables, tree, blockers, steps, warnings);
    }

    /** Rows and distinct tables of one outcome. */
    public record Count(long rows, int tables) {
    }

    /** One entry of the authoritative {@code tables} list: distinct rows of one table with one outcome. */
    public record TableCount(String table, Outcome action, long rows) {
    }

    /**
     * A node of the reading tree: the rows reached from the parent node's table through one relationship.
     *
     * @param forced  CASCADE_ALL turned this relationship's RESTRICT/NO ACTION into CASCADE
     * @param cycle   the table is already on the path from the root; the tree stops here
     * @param cut     why the tree stops below this node ({@code depth}, {@code size}); null when it does not
     * @param omittedChildren relationships left out of {@code children} to keep the tree readable
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TreeNode(String relationship, Rule rule, Boolean forced, String table, Outcome action, long rows,
                           List<Map<String, Object>> sample, List<TreeNode> children, Boolean cycle, String cut,
                           Integer omittedChildren) {
    }

    /** Rows that stop the delete, with the relationship that reached them (none for table-wide reasons). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blocker(String relationship, String table, BlockReason reason, long rows,
                          List<Map<String, Object>> sample, String detail) {
    }

    /**
     * One step of the execution, children first.
     *
     * @param how how the executor keeps the order inside a table or cycle, when that needs saying
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(int order, String table, Outcome action, long rows, String relationship, String how) {
    }
}
