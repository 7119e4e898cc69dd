package dev.safedelete.api;

import dev.safedelete.catalog.Catalog;
import dev.safedelete.target.CatalogCache;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /schema} and {@code POST /schema/refresh}: one catalog, whole. It is built from one
 * {@link CatalogCache.Loaded}, never from two, so tables and relationships always belong to the same load.
 */
@Schema(name = "TargetSchema", description = "The tables and relationships of a target as last loaded, with the "
        + "declared relationships that did not fit the schema.")
public record SchemaView(
        @Schema(example = "demo") String target,
        @Schema(description = "Database product the catalog was read from", example = "H2") String product,
        @Schema(example = "2.4.240 (2025-09-22)") String version,
        @Schema(description = "When the catalog was read; a refresh reads it again") Instant loadedAt,
        @Schema(description = "Every table of the target's schemas, sorted by qualified name") List<TableView> tables,
        @Schema(description = "Every relationship, real and declared, sorted by id") List<RelationshipView> relationships,
        @Schema(description = "Why declared relationships of the target's configuration were left out (unknown "
                + "table or column, types that do not match, parent columns that are no key, ...); empty when "
                + "every declaration fits",
                example = "[\"declared relationship 'notes_contact_id_fkey': unknown child table 'crm.notes'\"]")
        List<String> declarationErrors) {

    static SchemaView of(String target, CatalogCache.Loaded loaded) {
        Catalog catalog = loaded.catalog();
        return new SchemaView(target, catalog.product(), catalog.version(), catalog.loadedAt(),
                catalog.tables().values().stream().map(TableView::of).toList(),
                catalog.relationships().stream().map(RelationshipView::of).toList(),
                loaded.declarationErrors());
    }
}
