package dev.safedelete.catalog;

import java.util.List;

/**
 * A foreign key from {@code childTable(childColumns)} to {@code parentTable(parentColumns)}, the i-th child
 * column referencing the i-th parent column.
 *
 * @param id             {@code schema.table.constraint} of the child side, the id the API uses
 * @param setNullColumns for {@code ON DELETE SET NULL (cols)} (PostgreSQL 15+): the subset nulled; empty means all
 * @param indexed        whether an index on the child table starts with the child columns (in any order)
 * @param match          the MATCH option; SIMPLE and FULL both mean "a child row with a NULL FK column references
 *                       nothing" for a delete (FULL only forbids rows mixing NULL and non-NULL), PARTIAL is
 *                       declared by the standard but accepted by no database we support
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
                           Source source,
                           Match match) {

    public Relationship {
        match = match == null ? Match.SIMPLE : match;
        childColumns = List.copyOf(childColumns);
        parentColumns = List.copyOf(parentColumns);
        setNullColumns = setNullColumns == null ? List.of() : List.copyOf(setNullColumns);
        if (childColumns.size() != parentColumns.size() || childColumns.isEmpty()) {
            throw new IllegalArgumentException("relationship " + id + " pairs " + childColumns + " with " + parentColumns);
        }
    }

    /** A MATCH SIMPLE relationship (the shape before the match option was part of the model). */
    public Relationship(String id, String constraintName, TableName childTable, List<String> childColumns,
                        TableName parentTable, List<String> parentColumns, Rule onDelete, Rule onUpdate,
                        List<String> setNullColumns, boolean deferrable, boolean initiallyDeferred, boolean indexed,
                        Source source) {
        this(id, constraintName, childTable, childColumns, parentTable, parentColumns, onDelete, onUpdate,
                setNullColumns, deferrable, initiallyDeferred, indexed, source, Match.SIMPLE);
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

    public enum Match { SIMPLE, FULL, PARTIAL }
}
