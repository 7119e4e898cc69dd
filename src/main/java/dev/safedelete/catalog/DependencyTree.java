package dev.safedelete.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table-level tree of what deleting one row of {@code root} can reach, read from the catalog alone (no data):
 * every relationship whose parent is in the tree is a branch; a CASCADE branch is expanded further, because its
 * child rows are deleted too; any other rule is a leaf, because its child rows survive (updated) or block.
 *
 * <p>A branch whose child table is already on the path from the root is a cycle and is not expanded again (a
 * self-reference is the shortest cycle): the row-level closure ends on such cycles because no row is added twice,
 * but a table-level tree would repeat forever. On schemas with many diamonds the tree can grow exponentially even
 * without cycles, so expansion stops after {@code maxBranches} branches, and the stopped branches say so.
 *
 * @param branches  the relationships that reference {@code root}, each with what lies beyond it
 * @param truncated whether some CASCADE branch was left unexpanded for lack of budget
 */
public record DependencyTree(TableName root, List<Branch> branches, boolean truncated) {

    /** The branch budget of {@link #of(Catalog, TableName)}: far more than a person reads, small enough to serve. */
    public static final int DEFAULT_MAX_BRANCHES = 2000;

    public DependencyTree {
        branches = List.copyOf(branches);
    }

    /**
     * One relationship followed from parent to child.
     *
     * @param cycle     the child table is already on the path from the root (itself included), so it is not expanded
     * @param truncated a CASCADE branch left unexpanded because the tree reached its size limit
     * @param branches  what deleting the child rows reaches in turn; empty for a leaf, a cycle or a truncated branch
     */
    public record Branch(Relationship relationship, boolean cycle, boolean truncated, List<Branch> branches) {

        public Branch {
            branches = List.copyOf(branches);
        }

        public TableName table() {
            return relationship.childTable();
        }
    }

    public static DependencyTree of(Catalog catalog, TableName root) {
        return of(catalog, root, DEFAULT_MAX_BRANCHES);
    }

    public static DependencyTree of(Catalog catalog, TableName root, int maxBranches) {
        var walk = new Walk(catalog.relationshipsByParent(), maxBranches);
        var path = new HashSet<TableName>();
        path.add(root);
        var branches = walk.branchesFrom(root, path);
        return new DependencyTree(root, branches, walk.truncated);
    }

    /** One depth-first walk: the relationships by parent, and how much of the budget is spent. */
    private static final class Walk {

        private final Map<TableName, List<Relationship>> byParent;
        private final int maxBranches;
        private int branchCount;
        private boolean truncated;

        Walk(Map<TableName, List<Relationship>> byParent, int maxBranches) {
            this.byParent = byParent;
            this.maxBranches = maxBranches;
        }

        /** The branches below {@code parent}; {@code path} holds the tables from the root down to {@code parent}. */
        List<Branch> branchesFrom(TableName parent, Set<TableName> path) {
            var relationships = byParent.getOrDefault(parent, List.of());
            branchCount += relationships.size();
            var result = new ArrayList<Branch>(relationships.size());
            for (var relationship : relationships) {
                result.add(branch(relationship, path));
            }
            return result;
        }

        private Branch branch(Relationship relationship, Set<TableName> path) {
            var child = relationship.childTable();
            boolean cycle = path.contains(child);
            if (cycle || relationship.onDelete() != Rule.CASCADE) {
                return new Branch(relationship, cycle, false, List.of());
            }
            if (branchCount >= maxBranches) {
                truncated = true;
                return new Branch(relationship, false, true, List.of());
            }
            path.add(child);
            try {
                return new Branch(relationship, false, false, branchesFrom(child, path));
            } finally {
                path.remove(child);
            }
        }
    }
}
