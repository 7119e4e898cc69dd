package dev.safedelete.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One table of a target.
 *
 * @param uniqueKeys  unique constraints and unique indexes other than the primary key
 * @param canDelete   whether the connected user may DELETE from the table
 * @param canUpdate   whether the connected user may UPDATE the table
 * @param indexes     the key columns, in index order, of every index that can find rows by plain column values
 *                    (primary key and unique indexes included; partial, expression and prefix indexes left out).
 *                    Empty when the loader could not tell.
 */
public record Table(TableName name,
                    List<Column> columns,
                    List<String> primaryKey,
                    List<List<String>> uniqueKeys,
                    List<TriggerInfo> triggers,
                    boolean canDelete,
                    boolean canUpdate,
                    List<List<String>> indexes) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        triggers = List.copyOf(triggers);
        indexes = indexes == null ? List.of() : indexes.stream().map(List::copyOf).toList();
    }

    /** A table whose indexes are unknown (the shape before indexes were part of the model). */
    public Table(TableName name, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys,
                 List<TriggerInfo> triggers, boolean canDelete, boolean canUpdate) {
        this(name, columns, primaryKey, uniqueKeys, triggers, canDelete, canUpdate, List.of());
    }

    /** Whether an index starts with exactly these columns, in any order (see {@link Relationship#indexed()}). */
    public boolean hasIndexLeadingWith(List<String> cols) {
        var wanted = java.util.Set.copyOf(cols);
        return indexes.stream().anyMatch(i -> i.size() >= cols.size()
                && java.util.Set.copyOf(i.subList(0, cols.size())).equals(wanted));
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Whether the columns, in any order, are exactly the primary key or one unique key. */
    public boolean isKey(List<String> cols) {
        var wanted = java.util.Set.copyOf(cols);
        if (wanted.size() != cols.size()) {
            return false;
        }
        if (!primaryKey.isEmpty() && java.util.Set.copyOf(primaryKey).equals(wanted)) {
            return true;
        }
        return uniqueKeys.stream().anyMatch(k -> java.util.Set.copyOf(k).equals(wanted));
    }
}
