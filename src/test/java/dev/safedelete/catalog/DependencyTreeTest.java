package dev.safedelete.catalog;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table-level tree: CASCADE expands, other rules are leaves, cycles stop, and a huge tree is cut and says so. */
class DependencyTreeTest {

    private static final TableName A = new TableName("s", "a");
    private static final TableName B = new TableName("s", "b");
    private static final TableName C = new TableName("s", "c");

    @Test
    void aCascadeCycleBetweenTwoTablesStopsWhereItCloses() {
        var catalog = catalog(List.of(A, B, C), List.of(
                fk("b_a", B, A, Rule.CASCADE),
                fk("a_b", A, B, Rule.CASCADE),
                fk("c_a", C, A, Rule.SET_NULL)));

        var tree = DependencyTree.of(catalog, A);

        assertEquals(List.of("s.b.b_a", "s.c.c_a"), ids(tree.branches()));
        var toB = tree.branches().get(0);
        assertFalse(toB.cycle());
        var backToA = toB.branches().get(0);
        assertEquals(A, backToA.table());
        assertTrue(backToA.cycle(), "a is the root, so the edge back to it closes a cycle");
        assertFalse(backToA.relationship().selfReference());
        assertEquals(List.of(), backToA.branches());
        assertFalse(tree.truncated());
    }

    @Test
    void aNonCascadeRuleIsALeafEvenWhenItsTableHasDependents() {
        var catalog = catalog(List.of(A, B, C), List.of(
                fk("b_a", B, A, Rule.RESTRICT),
                fk("c_b", C, B, Rule.CASCADE)));

        var toB = DependencyTree.of(catalog, A).branches().get(0);

        assertEquals(List.of(), toB.branches(), "b's rows are not deleted, so nothing beyond b is reached");
        assertFalse(toB.cycle());
    }

    @Test
    void aTableReachedOnTwoPathsIsExpandedOnBoth() {
        var catalog = catalog(List.of(A, B, C), List.of(
                fk("b_a", B, A, Rule.CASCADE),
                fk("c_a", C, A, Rule.CASCADE),
                fk("c_b", C, B, Rule.CASCADE)));

        var tree = DependencyTree.of(catalog, A);

        assertEquals(List.of("s.c.c_b"), ids(tree.branches().get(0).branches()));
        assertFalse(tree.branches().get(0).branches().get(0).cycle(), "a diamond is no cycle");
    }

    @Test
    void aTreeThatWouldGrowExponentiallyIsCutAndSaysSo() {
        // 12 layers of 2 tables, each referencing both tables of the layer above: 2^12 paths to the bottom.
        var tables = new ArrayList<TableName>();
        var relationships = new ArrayList<Relationship>();
        tables.add(A);
        List<TableName> above = List.of(A);
        for (int layer = 0; layer < 12; layer++) {
            var here = List.of(new TableName("s", "l" + layer + "x"), new TableName("s", "l" + layer + "y"));
            for (var child : here) {
                tables.add(child);
                for (var parent : above) {
                    relationships.add(fk(child.name() + "_" + parent.name(), child, parent, Rule.CASCADE));
                }
            }
            above = here;
        }

        var tree = DependencyTree.of(catalog(tables, relationships), A, 100);

        assertTrue(tree.truncated());
        int size = count(tree.branches());
        assertTrue(size <= 100 + 4, "the budget bounds the tree, give or take one table's relationships: " + size);
        assertTrue(anyTruncated(tree.branches()));
    }

    private static Relationship fk(String name, TableName child, TableName parent, Rule onDelete) {
        return new Relationship(Relationship.idOf(child, name), name, child, List.of(parent.name() + "_id"),
                parent, List.of("id"), onDelete, Rule.NO_ACTION, List.of(), false, false, true,
                Relationship.Source.DATABASE);
    }

    private static Catalog catalog(List<TableName> names, List<Relationship> relationships) {
        var tables = new LinkedHashMap<TableName, Table>();
        for (var name : names) {
            tables.put(name, new Table(name, List.of(CatalogFixtures.integer("id")), List.of("id"), List.of(),
                    List.of(), true, true));
        }
        return new Catalog("test", "1", tables, relationships, Instant.EPOCH);
    }

    private static List<String> ids(List<DependencyTree.Branch> branches) {
        return branches.stream().map(b -> b.relationship().id()).toList();
    }

    private static int count(List<DependencyTree.Branch> branches) {
        return branches.size() + branches.stream().mapToInt(b -> count(b.branches())).sum();
    }

    private static boolean anyTruncated(List<DependencyTree.Branch> branches) {
        return branches.stream().anyMatch(b -> b.truncated() || anyTruncated(b.branches()));
    }
}
