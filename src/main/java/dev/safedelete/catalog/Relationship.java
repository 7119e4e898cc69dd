package dev.safedelete.catalog;

import java.util.List;

/**
 * A foreign key from {@code childTable(childColumns)} to {@code parentTable(parentColumns)}, the i-th child
 * column referencing the i-th parent column.
 *
 * @param id             {@code schema.table.constraint} of the child side, the id the API uses
 * @param setNullColumns for {@code ON DELETE SET NULL (cols)} (PostgreSQL 15+): the subset nulled; empty means all
 * @param indexed        whether an index on the child table starts with the child columns (in any order)
 */
public record Relationship(String id,
                           String constraintName,
                           TableName childTable,
                           List<String> childColumns,
                           TableName parentTable,
                           List<String> parentColumns,
                           Rule onDelete,
                           Rule onUpdate,
                           List<String> setNullColumns,
                           boolean deferrable,
                           boolean initiallyDeferred,
                           boolean indexed,
                           Source source) {

    public Relationship {
        childColumns = List.copyOf(childColumns);
        parentColumns = List.copyOf(parentColumns);
        setNullColumns = setNullColumns == null ? List.of() : List.copyOf(setNullColumns);
        if (childColumns.size() != parentColumns.size() || childColumns.isEmpty()) {
            throw new IllegalArgumentException("relationship " + id + " pairs " + childColumns + " with " + parentColumns);
        }
    }

    public static String idOf(TableName child, String constraintName) {
        return child.qualified() + "." + constraintName;
    }

    public boolean selfReference() {
        return childTable.equals(parentTable);
    }

    /** The child columns an ON DELETE SET NULL changes. */
    public List<String> columnsNulledOnDelete() {
        return setNullColumns.isEmpty() ? childColumns : setNullColumns;
    }

    public enum Source { DATABASE, DECLARED }
}
