package dev.safedelete.catalog;

import java.util.List;

/**
 * The rows SQL Server's catalog views return for {@link SqlServerCatalogLoader}, with their raw values (action
 * codes, byte lengths, type names), so the mapping to the model can be tested with recorded rows.
 */
public record SqlServerRows(List<Table> tables, List<ForeignKeyColumn> foreignKeys, List<Column> columns,
                            List<IndexColumn> indexes, List<TriggerEvent> triggers) {

    public SqlServerRows {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        triggers = List.copyOf(triggers);
    }

    /** {@code canDelete}/{@code canUpdate}: HAS_PERMS_BY_NAME's 1, 0 or NULL. */
    public record Table(String schema, String table, Integer canDelete, Integer canUpdate) {
    }

    /** One sys.foreign_key_columns row with its constraint's names and actions (0..3). */
    public record ForeignKeyColumn(String childSchema, String childTable, String constraint, int constraintColumnId,
                                   String childColumn, String parentSchema, String parentTable, String parentColumn,
                                   int deleteAction, int updateAction, boolean disabled) {
    }

    /** One sys.columns row; {@code maxLength} in bytes, -1 for (max). */
    public record Column(String schema, String table, String column, int columnId, String typeName,
                         String baseTypeName, short maxLength, int precision, int scale, boolean nullable,
                         String defaultDefinition, boolean computed) {
    }

    /** One key column of a sys.indexes row. */
    public record IndexColumn(String schema, String table, String index, boolean primaryKey, boolean unique,
                              int keyOrdinal, String column, boolean hasFilter) {
    }

    /** One sys.trigger_events row; {@code typeDesc} is INSERT, UPDATE or DELETE. */
    public record TriggerEvent(String schema, String table, String trigger, String typeDesc, boolean disabled) {
    }
}
