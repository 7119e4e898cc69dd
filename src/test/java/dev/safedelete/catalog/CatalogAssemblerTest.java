package dev.safedelete.catalog;

import dev.safedelete.catalog.CatalogRows.ForeignKeyRow;
import dev.safedelete.catalog.CatalogRows.TableRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which tables make up a target: its schemas plus everything that references them, transitively. */
class CatalogAssemblerTest {

    static TableRow table(String schema, String name) {
        return new TableRow(new TableName(schema, name), true, true);
    }

    static ForeignKeyRow fk(String childSchema, String child, String parentSchema, String parent) {
        return new ForeignKeyRow(new TableName(childSchema, child), child + "_fk", 1, "ref",
                new TableName(parentSchema, parent), "id", Rule.CASCADE, Rule.NO_ACTION, false, false, List.of(), null);
    }

    final List<TableRow> tables = List.of(table("app", "a"), table("app", "b"), table("x", "c"), table("y", "d"),
            table("y", "e"), table("z", "f"));
    final List<ForeignKeyRow> keys = List.of(fk("x", "c", "app", "a"), fk("y", "d", "x", "c"), fk("app", "b", "z", "f"));

    @Test
    void includesReferencingTablesOfOtherSchemasTransitively() {
        assertEquals(Set.of(new TableName("app", "a"), new TableName("app", "b"), new TableName("x", "c"), new TableName("y", "d")),
                CatalogAssembler.targetTables(tables, keys, List.of("app")));
    }

    @Test
    void matchesConfiguredSchemasIgnoringCaseWhenNoneMatchesExactly() {
        assertEquals(4, CatalogAssembler.targetTables(tables, keys, List.of("APP")).size());
    }

    @Test
    void noSchemasMeansAll() {
        assertEquals(6, CatalogAssembler.targetTables(tables, keys, List.of()).size());
    }

    @Test
    void leavesOutRelationshipsToParentsOutsideTheTarget() {
        var target = CatalogAssembler.targetTables(tables, keys, List.of("app"));
        var catalog = CatalogAssembler.assemble("p", "v", target, tables, List.of(), List.of(), List.of(), keys);

        assertEquals(List.of("x.c.c_fk", "y.d.d_fk"), catalog.relationships().stream().map(Relationship::id).toList());
    }
}
