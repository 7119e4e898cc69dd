package dev.safedelete.api;

import dev.safedelete.catalog.Relationship;
import dev.safedelete.catalog.Rule;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A relationship (foreign key, real or declared) as the schema answer shows it (api.md, "Targets and schema"). */
@Schema(name = "Relationship", description = "A foreign key from childTable(childColumns) to "
        + "parentTable(parentColumns), the i-th child column referencing the i-th parent column. It is a real "
        + "constraint (source DATABASE) or declared in the target's configuration (source DECLARED).")
public record RelationshipView(
        @Schema(description = "schema.table.constraint of the child side; the id overrides and plans use",
                example = "public.orders.orders_customer_id_fkey") String id,
        @Schema(description = "The constraint's (or declaration's) own name", example = "orders_customer_id_fkey")
        String constraintName,
        @Schema(example = "public.orders") String childTable,
        @Schema(example = "[\"customer_id\"]") List<String> childColumns,
        @Schema(example = "public.customers") String parentTable,
        @Schema(description = "The parent's primary key or one of its unique keys", example = "[\"id\"]")
        List<String> parentColumns,
        @Schema(description = "What deleting a parent row does to its child rows") Rule onDelete,
        @Schema(description = "What changing a parent key does to its child rows") Rule onUpdate,
        @Schema(description = "Where the relationship comes from") Relationship.Source source,
        @Schema(description = "For ON DELETE SET NULL (columns) (PostgreSQL 15+): the child columns nulled; "
                + "empty means all of them") List<String> setNullColumns,
        @Schema(description = "SIMPLE or FULL: a child row with a NULL in its columns references nothing")
        Relationship.Match match,
        @Schema(description = "Whether the constraint is checked at commit rather than per statement when asked")
        boolean deferrable,
        @Schema(description = "Whether the constraint is checked at commit by default") boolean initiallyDeferred,
        @Schema(description = "Whether an index on the child table starts with the child columns; without one, "
                + "finding the child rows of a deleted parent scans the child table") boolean indexed) {

    static RelationshipView of(Relationship r) {
        return new RelationshipView(r.id(), r.constraintName(), r.childTable().qualified(), r.childColumns(),
                r.parentTable().qualified(), r.parentColumns(), r.onDelete(), r.onUpdate(), r.source(),
                r.setNullColumns(), r.match(), r.deferrable(), r.initiallyDeferred(), r.indexed());
    }
}
