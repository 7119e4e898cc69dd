package dev.safedelete.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One table of a target.
 *
 * @param uniqueKeys  unique constraints and unique indexes other than the primary key
 * @param canDelete   whether the connected user may DELETE from the table
 * @param canUpdate   whether the connected user may UPDATE the table
 */
public record Table(TableName name,
                    List<Column> columns,
                    List<String> primaryKey,
                    List<List<String>> uniqueKeys,
                    List<TriggerInfo> triggers,
                    boolean canDelete,
                    boolean canUpdate) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        triggers = List.copyOf(triggers);
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
