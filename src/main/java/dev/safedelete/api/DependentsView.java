package dev.safedelete.api;

import dev.safedelete.catalog.DependencyTree;
import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;
import dev.safedelete.plan.Outcome;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The answer of {@code GET /tables/{table}/dependents}: the table-level tree of a {@link DependencyTree}, shaped
 * like a delete plan's {@code tree} (table, action, children with relationship and rule) but without rows.
 */
@Schema(name = "DependentsTree", description = "What deleting one row of a table can reach, table by table, "
        + "read from the schema alone (no data is read). CASCADE branches are expanded; other rules are leaves.")
public record DependentsView(
        @Schema(description = "The table a row is deleted from, qualified", example = "public.customers") String table,
        @Schema(description = "Always DELETE: the root row is deleted") Outcome action,
        @Schema(description = "Whether the tree was cut at its size limit (" + DependencyTree.DEFAULT_MAX_BRANCHES
                + " branches); cut branches say truncated") boolean truncated,
        @Schema(description = "One branch per relationship that references the table") List<Dependent> children) {

    static DependentsView of(DependencyTree tree) {
        return new DependentsView(tree.root().qualified(), Outcome.DELETE, tree.truncated(),
                tree.branches().stream().map(Dependent::of).toList());
    }

    /** What a delete does to the child rows of a relationship, in the words of a plan's outcomes. */
    static Outcome actionOf(Rule rule) {
        return switch (rule) {
            case CASCADE -> Outcome.DELETE;
            case SET_NULL -> Outcome.SET_NULL;
            case SET_DEFAULT -> Outcome.SET_DEFAULT;
            case RESTRICT, NO_ACTION -> Outcome.BLOCK;
        };
    }

    @Schema(name = "Dependent", description = "A relationship followed from parent to child, and what lies beyond.")
    public record Dependent(
            @Schema(description = "The relationship's id", example = "public.orders.orders_customer_id_fkey")
            String relationship,
            @Schema(description = "Its ON DELETE rule") Rule rule,
            @Schema(description = "The child table, qualified", example = "public.orders") String table,
            @Schema(description = "The child columns that reference the parent", example = "[\"customer_id\"]")
            List<String> columns,
            @Schema(description = "What deleting the parent row does to the child rows: DELETE (CASCADE), "
                    + "SET_NULL, SET_DEFAULT, or BLOCK (RESTRICT and NO_ACTION: the delete fails while such "
                    + "child rows exist)") Outcome action,
            @Schema(description = "Whether the relationship is a real constraint or declared in configuration")
            Relationship.Source source,
            @Schema(description = "The child table is the parent table (a tree or hierarchy in one table)")
            boolean selfReference,
            @Schema(description = "The child table is already on the path from the root (a self-reference "
                    + "included), so it is not expanded again") boolean cycle,
            @Schema(description = "A CASCADE branch left unexpanded because the tree reached its size limit")
            boolean truncated,
            @Schema(description = "What deleting the child rows reaches in turn; empty for a leaf (a rule other "
                    + "than CASCADE), a cycle or a truncated branch") List<Dependent> children) {

        static Dependent of(DependencyTree.Branch branch) {
            Relationship r = branch.relationship();
            return new Dependent(r.id(), r.onDelete(), r.childTable().qualified(), r.childColumns(),
                    actionOf(r.onDelete()), r.source(), r.selfReference(), branch.cycle(), branch.truncated(),
                    branch.branches().stream().map(Dependent::of).toList());
        }
    }
}
