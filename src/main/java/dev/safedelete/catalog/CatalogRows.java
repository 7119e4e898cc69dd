package dev.safedelete.catalog;

import java.util.List;

/**
 * What a loader reads from a database's catalog, one record per result row, before it becomes the model. Keeping
 * the rows separate from the SQL that produces them makes the row-to-model step ({@link CatalogAssembler}) one
 * pure function shared by every dialect, testable without a server.
 */
public final class CatalogRows {

    private CatalogRows() {
    }

    /** A base table and what the connected user may do to it. */
    public record TableRow(TableName table, boolean canDelete, boolean canUpdate) {
    }

    /** One column; {@code position} orders the columns as the table declares them. */
    public record ColumnRow(TableName table, String column, int position, String type, int jdbcType,
                            boolean nullable, String defaultValue) {
    }

    /**
     * One key column of an index (or of a key constraint, which every database we know backs with an index).
     * Loaders leave out indexes that cannot serve as a key or as a lookup by plain column values: partial,
     * expression and prefix indexes.
     */
    public record IndexRow(TableName table, String index, IndexKind kind, int position, String column) {
    }

    public enum IndexKind { PRIMARY, UNIQUE, PLAIN }

    /** One event a user trigger fires on; a trigger on DELETE and UPDATE gives two rows. */
    public record TriggerRow(TableName table, String trigger, TriggerInfo.Event event) {
    }

    /**
     * One column pair of a foreign key: the {@code position}-th child column and the parent column it references.
     *
     * @param setNullColumns PostgreSQL 15+ {@code ON DELETE SET NULL (cols)}; empty for all columns
     */
    public record ForeignKeyRow(TableName child, String constraint, int position, String childColumn,
                                TableName parent, String parentColumn, Rule onDelete, Rule onUpdate,
                                boolean deferrable, boolean initiallyDeferred, List<String> setNullColumns,
                                Relationship.Match match) {

        public ForeignKeyRow {
            setNullColumns = setNullColumns == null ? List.of() : List.copyOf(setNullColumns);
            match = match == null ? Relationship.Match.SIMPLE : match;
        }
    }
}
