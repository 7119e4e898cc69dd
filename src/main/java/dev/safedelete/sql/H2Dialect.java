package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.H2CatalogLoader;

public class H2Dialect extends QuotingDialect {

    public H2Dialect() {
        super("\"", "\"");
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new H2CatalogLoader();
    }
}
