package dev.safedelete.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.safedelete.catalog.Column;
import dev.safedelete.catalog.Table;
import dev.safedelete.catalog.TriggerInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A table as the schema answer shows it (api.md, "Targets and schema"). */
@Schema(name = "Table", description = "A table of the target, with its keys, columns, triggers and the connected "
        + "user's rights on it.")
public record TableView(
        @Schema(description = "Qualified name, schema.table", example = "public.customers") String name,
        @Schema(description = "Primary-key columns in key order; empty when the table has none",
                example = "[\"id\"]") List<String> primaryKey,
        @Schema(description = "Unique constraints and unique indexes other than the primary key, each in key order",
                example = "[[\"email\"]]") List<List<String>> uniqueKeys,
        @Schema(description = "Every column, in table order") List<ColumnView> columns,
        @Schema(description = "User triggers that fire on DELETE or UPDATE: their effects are not in a preview")
        List<TriggerView> triggers,
        @Schema(description = "Whether the target's user may DELETE from the table") boolean canDelete,
        @Schema(description = "Whether the target's user may UPDATE the table") boolean canUpdate) {

    static TableView of(Table table) {
        return new TableView(table.name().qualified(), table.primaryKey(), table.uniqueKeys(),
                table.columns().stream().map(ColumnView::of).toList(),
                table.triggers().stream().map(TriggerView::of).toList(),
                table.canDelete(), table.canUpdate());
    }

    @Schema(name = "Column", description = "A column as the database reports it.")
    public record ColumnView(
            @Schema(example = "email") String name,
            @Schema(description = "The database's own type name", example = "character varying(120)") String type,
            boolean nullable,
            @Schema(description = "The default as a SQL expression; null when the column has none",
                    example = "1", nullable = true)
            @JsonProperty("default") String defaultValue) {

        static ColumnView of(Column column) {
            return new ColumnView(column.name(), column.type(), column.nullable(), column.defaultValue());
        }
    }

    @Schema(name = "Trigger", description = "A user trigger on DELETE and/or UPDATE.")
    public record TriggerView(
            @Schema(example = "customers_audit") String name,
            @Schema(description = "The events, of those SafeDelete causes, that fire it") List<TriggerInfo.Event> events) {

        static TriggerView of(TriggerInfo trigger) {
            return new TriggerView(trigger.name(), trigger.events().stream().sorted().toList());
        }
    }
}
