package dev.safedelete.sql;

import dev.safedelete.catalog.CatalogLoader;
import dev.safedelete.catalog.MariaDbCatalogLoader;

public class MariaDbDialect extends QuotingDialect {

    public MariaDbDialect() {
        super("`", "`");
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public CatalogLoader catalogLoader() {
        return new MariaDbCatalogLoader();
    }
}
