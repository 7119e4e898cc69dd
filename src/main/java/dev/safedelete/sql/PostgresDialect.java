package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.PostgresCatalogLoader;

public class PostgresDialect extends QuotingDialect {

    public PostgresDialect() {
        super("\"", "\"");
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new PostgresCatalogLoader();
    }
}
