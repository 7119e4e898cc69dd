package dev.safedelete.catalog;

import java.sql.Connection;
import java.util.List;

/** TEMP placeholder so branch base compiles; the catalog branch provides the real loader. */
public class SqlServerCatalogLoader implements CatalogLoader {

    @Override
    public Catalog load(Connection connection, List<String> schemas) {
        throw new UnsupportedOperationException("SqlServerCatalogLoader is provided by the catalog branch");
    }
}
