package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.JdbcMetadataCatalogLoader;

public class GenericDialect extends QuotingDialect {

    public GenericDialect() {
        super("\"", "\"");
    }

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new JdbcMetadataCatalogLoader();
    }
}
