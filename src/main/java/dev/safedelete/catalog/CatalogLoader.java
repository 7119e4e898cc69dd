package dev.safedelete.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads a target's schema in a constant number of catalog queries (never one metadata call per table).
 * One implementation per dialect; {@code JdbcMetadataCatalogLoader} serves drivers we do not know.
 */
public interface CatalogLoader {

    /**
     * @param schemas the schemas whose tables make up the target; empty means every non-system schema.
     *                Relationships from other schemas that reference these tables are loaded too, with their
     *                child tables.
     */
    Catalog load(Connection connection, List<String> schemas) throws SQLException;
}
